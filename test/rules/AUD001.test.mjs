import { ruleTester } from '../helpers/ruleTester.mjs';

const guide = (v) => `storage:
  encryption:
    enabled: true
logging:
  level: info
  audit:
    enabled: ${v}
    level: info # debug, info, warn, error
    outputs:
      - type: syslog
        server: syslog.example.com:514
        protocol: tcp
`;

const securityYaml = (v) => `hsm:
  provider: pkcs11
# Audit logging
audit:
  # Enable audit logging
  enabled: ${v}
  log_path: "./logs/audit.log"
  retention_days: 365
`;

// core config/core/config.yaml: a logging block for the server log, no audit
const core = `storage:
  rocksdb_path: "./data/rocksdb"
server:
  port: 8765
logging:
  # Log level (DEBUG, INFO, WARN, ERROR)
  level: "INFO"
  file: "./logs/themis_server.log"
  max_files: 5
`;

ruleTester('AUD001', {
  valid: [
    { name: 'guide dialect on', files: { 'config.yaml': guide('true') } },
    { name: 'security.yaml on', files: { 'security.yaml': securityYaml('true') } },
    {
      name: 'security.yaml with hsm only (partial file)',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/libCryptoki2_64.so\n' },
    },
    {
      name: 'GPU example security.audit',
      files: {
        'config.yaml':
          'server:\n  port: 8080\nsecurity:\n  gpu:\n    access_control:\n      enabled: true\n  audit:\n    enabled: true\n    comprehensive: true\n',
      },
    },
    {
      name: 'military edition audit_auth',
      files: {
        'config.yaml':
          'edition: MILITARY\nstorage:\n  rocksdb_path: /var/lib/themisdb/data\nsecurity:\n  enable_tls: true\n  audit_auth: true\n  audit_data_access: true\nlogging:\n  level: warn\n',
      },
    },
    {
      name: 'security.yaml in the same folder turns audit on',
      files: { 'config.yaml': core, 'security.yaml': securityYaml('true') },
    },
    { name: 'TLS-only fragment', files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    min_version: "1.3"\n' } },
    {
      name: 'rate limit for the audit API is not the audit switch',
      files: { 'config.yaml': guide('true') + 'rate_limiting:\n  audit_rate_limit_per_minute: 0\n' },
    },
    {
      name: 'set through a variable',
      files: { 'config.yaml': guide('${AUDIT_ON}'), '.env': 'THEMIS_PRODUCTION_MODE=1\nAUDIT_ON=1\n' },
    },
  ],
  invalid: [
    {
      name: 'guide logging.audit.enabled: false',
      files: { 'config.yaml': guide('false') },
      errors: [
        {
          messageId: 'switchedOff',
          line: 7,
          column: 14,
          endColumn: 19,
          severity: 'error',
          message: /logging\.audit\.enabled/,
          suggestions: [{ title: 'Set enabled to true', output: guide('true') }],
        },
      ],
      output: null,
    },
    {
      name: 'security.yaml audit.enabled: no',
      files: { 'security.yaml': securityYaml('no') },
      errors: [
        {
          messageId: 'switchedOff',
          line: 6,
          column: 12,
          severity: 'error',
          suggestions: [{ title: 'Set enabled to true', output: securityYaml('true') }],
        },
      ],
      output: null,
    },
    {
      name: 'core config: logging without audit, reported on logging:',
      files: { 'config.yaml': core },
      errors: [
        {
          messageId: 'notSwitchedOn',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 8,
          severity: 'error',
          suggestions: [{ title: 'Add logging.audit.enabled: true', output: core + '  audit:\n    enabled: true\n' }],
        },
      ],
      output: null,
    },
    {
      name: 'full config without logging: first top-level key, logging added',
      files: { 'config.yaml': '# core\nstorage:\n  rocksdb_path: /data\nserver:\n  port: 8765\n' },
      errors: [
        {
          messageId: 'notSwitchedOn',
          line: 2,
          column: 1,
          severity: 'error',
          suggestions: [
            {
              title: 'Add logging.audit.enabled: true',
              output: '# core\nstorage:\n  rocksdb_path: /data\nserver:\n  port: 8765\nlogging:\n  audit:\n    enabled: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'audit block without its switch',
      files: { 'config.yaml': 'logging:\n  level: info\n  audit:\n    output: /var/log/themisdb/audit.log\n' },
      errors: [
        {
          messageId: 'blockWithoutSwitch',
          line: 3,
          column: 3,
          severity: 'error',
          suggestions: [
            {
              title: 'Add enabled: true to logging.audit',
              output: 'logging:\n  level: info\n  audit:\n    output: /var/log/themisdb/audit.log\n    enabled: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'GPU example security.audit.enabled: false',
      files: {
        'config.yaml':
          'server:\n  port: 8080\nsecurity:\n  gpu:\n    access_control:\n      enabled: true\n  audit:\n    enabled: false\n    comprehensive: true\n',
      },
      errors: [
        {
          messageId: 'switchedOff',
          line: 8,
          column: 14,
          severity: 'error',
          suggestions: [
            {
              title: 'Set enabled to true',
              output:
                'server:\n  port: 8080\nsecurity:\n  gpu:\n    access_control:\n      enabled: true\n  audit:\n    enabled: true\n    comprehensive: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'edition audit_data_access: false',
      files: {
        'config.yaml': 'edition: MILITARY\nsecurity:\n  enable_tls: true\n  audit_auth: true\n  audit_data_access: false\n',
      },
      errors: [
        {
          messageId: 'switchedOff',
          line: 5,
          column: 22,
          severity: 'error',
          message: /data access/,
          suggestions: [
            {
              title: 'Set audit_data_access to true',
              output: 'edition: MILITARY\nsecurity:\n  enable_tls: true\n  audit_auth: true\n  audit_data_access: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'all-editions.yaml: flow-style logging in the second document',
      files: {
        'editions/all-editions.yaml':
          '---\nedition: MILITARY\nstorage:\n  rocksdb_path: /var/lib/themisdb/data\nsecurity:\n  enable_tls: true\n  audit_auth: true\nlogging:    { level: warn, format: json }\n---\nedition: COMMUNITY\nstorage:\n  rocksdb_path: ./data\nlogging:    { level: info, format: json }   # stdout\n',
      },
      errors: [
        {
          messageId: 'notSwitchedOn',
          line: 13,
          column: 1,
          endColumn: 8,
          severity: 'error',
          suggestions: [
            {
              title: 'Add logging.audit.enabled: true',
              output:
                '---\nedition: MILITARY\nstorage:\n  rocksdb_path: /var/lib/themisdb/data\nsecurity:\n  enable_tls: true\n  audit_auth: true\nlogging:    { level: warn, format: json }\n---\nedition: COMMUNITY\nstorage:\n  rocksdb_path: ./data\nlogging:    { level: info, format: json, audit: {enabled: true} }   # stdout\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'security.yaml next to it has audit off: the core config is still reported',
      files: { 'config.yaml': core, 'security.yaml': securityYaml('false') },
      errors: [
        {
          messageId: 'notSwitchedOn',
          line: 5,
          column: 1,
          severity: 'error',
          suggestions: [{ title: 'Add logging.audit.enabled: true', output: core + '  audit:\n    enabled: true\n' }],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': guide('false') },
      errors: [
        {
          messageId: 'switchedOff',
          line: 7,
          severity: 'hint',
          suggestions: [{ title: 'Set enabled to true', output: guide('true') }],
        },
      ],
      output: null,
    },
  ],
});
