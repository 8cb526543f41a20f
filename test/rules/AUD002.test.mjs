import { ruleTester } from '../helpers/ruleTester.mjs';

const outputs = (items) => `logging:
  audit:
    enabled: true
    # Output destinations
    outputs:
${items}`;
const file = `      - type: file
        path: /var/log/themisdb/audit.log
        format: json
`;
const syslog = `      - type: syslog
        server: siem.example.com:514
        protocol: tcp
`;

ruleTester('AUD002', {
  valid: [
    { name: 'file plus syslog (posture guide)', files: { 'config.yaml': outputs(syslog + file) } },
    {
      name: 'splunk only',
      files: {
        'config.yaml': outputs(
          '      - type: splunk\n        url: https://splunk.example.com:8088\n        token: "${SPLUNK_HEC_TOKEN}"\n',
        ),
      },
    },
    {
      name: 'file plus WORM storage',
      files: {
        'config.yaml': outputs(file) + '    worm_storage:\n      enabled: true\n      endpoint: s3://audit-worm-bucket/\n',
      },
    },
    {
      name: 'audit switched off: AUD001 reports that',
      files: { 'config.yaml': 'logging:\n  audit:\n    enabled: false\n    output: /var/log/themisdb/audit.log\n' },
    },
    {
      name: 'server log file outside audit',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nlogging:\n  level: info\n  file: ./logs/themis_server.log\n  audit:\n    enabled: true\n    outputs:\n' +
          syslog,
      },
    },
    {
      name: 'remote output URL',
      files: { 'config.yaml': 'logging:\n  audit:\n    enabled: true\n    output: syslog+tls://siem.example.com:6514\n' },
    },
  ],
  invalid: [
    {
      name: 'only a file output',
      files: { 'config.yaml': outputs(file) },
      errors: [{ messageId: 'localOnly', line: 5, column: 5, endColumn: 12, severity: 'warning', message: /external/ }],
    },
    {
      name: 'multi_gpu_setup: single output path',
      files: {
        'config.yaml':
          'logging:\n  level: info\n  audit:\n    enabled: true\n    output: /var/log/themisdb/audit.log\n    events:\n      - authentication\n',
      },
      errors: [{ messageId: 'localOnly', line: 5, column: 13, endColumn: 40, severity: 'warning' }],
    },
    {
      name: 'security.yaml log_path only',
      files: {
        'security.yaml':
          'hsm:\n  provider: pkcs11\naudit:\n  # Enable audit logging\n  enabled: true\n  log_path: "./logs/audit.log"\n  retention_days: 365\n',
      },
      errors: [{ messageId: 'localOnly', line: 6, column: 13, severity: 'warning' }],
    },
    {
      name: 'two file outputs',
      files: { 'config.yaml': outputs(file + '      - type: file\n        path: /mnt/backup/audit.log\n') },
      errors: [{ messageId: 'localOnly', line: 5, severity: 'warning' }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': outputs(file) },
      errors: [{ messageId: 'localOnly', line: 5, severity: 'hint' }],
    },
  ],
});
