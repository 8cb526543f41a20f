import { ruleTester } from '../helpers/ruleTester.mjs';

const base = (body) => `storage:\n  rocksdb_path: ./data/rocksdb\n${body}`;

ruleTester('SCH006', {
  valid: [
    { name: 'keys the server reads', files: { 'config.yaml': base('server:\n  port: 8765\n') } },
    {
      name: 'nothing in mig.yaml is unread',
      files: {
        'mig.yaml':
          'mig:\n  enabled: true\n  instances:\n    - uuid: MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e\n      users: [ml_user1]\n',
      },
    },
    {
      name: 'an unread key a security finding tells about is left to it (TLS001 says the server does not read it)',
      files: { 'config.yaml': base('server:\n  port: 8765\n  enable_tls: false\n') },
    },
  ],
  invalid: [
    {
      name: 'documented but unread key',
      files: { 'config.yaml': base('  wal_dir: /wal\n') },
      errors: [
        {
          messageId: 'unreadKey',
          line: 3,
          column: 3,
          endColumn: 10,
          severity: 'hint',
          message: /does not read `storage\.wal_dir`\. This setting/,
        },
      ],
      output: null,
    },
    {
      name: 'several unread keys of one section: one finding, on the first, listing them all',
      files: {
        'config.yaml': base('  wal_dir: /wal\n  enable_wal: true\n  block_cache_size_mb: 512\n  write_policy: WritePrepared\n'),
      },
      errors: [
        {
          messageId: 'unreadKeys',
          line: 3,
          column: 3,
          endColumn: 10,
          message: /does not read 3 keys under `storage`\. They have no effect: `wal_dir`, `enable_wal`, `write_policy`\./,
        },
      ],
      output: null,
    },
    {
      name: 'an unread key with an environment variable names the variable',
      files: { 'config.yaml': base('server:\n  port: 8765\n  max_request_size_mb: 10\n') },
      errors: [{ messageId: 'unreadKey', line: 5, message: /For `max_request_size_mb`: set THEMIS_MAX_BODY_BYTES instead/ }],
      output: null,
    },
    {
      name: 'the rate_limiting section names the variables the HTTP server takes its limits from',
      files: { 'config.yaml': base('rate_limiting:\n  bucket_capacity: 100\n') },
      errors: [
        {
          messageId: 'unreadSection',
          line: 3,
          message: /For `rate_limiting`: set THEMIS_RATE_LIMIT_PER_MINUTE or THEMIS_AUDIT_RATE_LIMIT instead/,
        },
      ],
      output: null,
    },
    {
      name: 'enable_tls: true draws no security finding, so SCH006 says that it does not turn TLS on, and what does',
      files: { 'config.yaml': base('server:\n  port: 8765\n  enable_tls: true\n  tls_cert_path: /etc/themisdb/tls.crt\n') },
      errors: [
        {
          messageId: 'unreadKeys',
          line: 5,
          message:
            /`enable_tls`, `tls_cert_path`\. For `enable_tls`, `tls_cert_path`: terminate TLS in a proxy in front of the server/,
        },
      ],
      output: null,
    },
    {
      name: 'a section whose keys are all unread: once, on the section',
      files: { 'config.yaml': base('tenants:\n  enforce_quotas: true\n  max_tenants: 10\n') },
      errors: [
        {
          messageId: 'unreadSection',
          line: 3,
          column: 1,
          endColumn: 8,
          severity: 'hint',
          message: /`tenants` or anything under it/,
        },
      ],
      output: null,
    },
    {
      name: 'an unread section whose key carries a security finding (AUD001 asks for logging.audit): its keys are listed instead',
      files: { 'config.yaml': base('logging:\n  level: INFO\n  file: /var/log/themisdb.log\n') },
      errors: [
        {
          messageId: 'unreadKeys',
          line: 4,
          column: 3,
          message: /2 keys under `logging`\. They have no effect: `level`, `file`\./,
        },
      ],
      output: null,
    },
    {
      name: 'several unread top-level sections: one finding listing them',
      files: { 'config.yaml': base('tenants:\n  enforce_quotas: true\nperformance:\n  enable_statistics: true\n') },
      errors: [
        {
          messageId: 'unreadSections',
          line: 3,
          column: 1,
          message: /none of these 2 top-level entries.*`tenants`, `performance`/,
        },
      ],
      output: null,
    },
    {
      name: 'an unread section holding a key a security finding tells about: its other keys are listed, not the section',
      files: {
        'security.yaml': 'tls:\n  enabled: true\n  cert_file: /etc/t.crt\n  key_file: /etc/t.key\n  session_tickets: true\n',
      },
      errors: [{ messageId: 'unreadKeys', line: 2, column: 3, message: /`enabled`, `cert_file`, `key_file`\./ }],
      output: null,
    },
    {
      name: 'an unread key reached through an alias: at the anchor',
      files: { 'config.yaml': base('listeners:\n  main: &main\n    port: 8765\n    max_connections: 500\nserver: *main\n') },
      errors: [{ messageId: 'unreadKey', line: 6, column: 5, endColumn: 20, message: /`server\.max_connections`/ }],
      output: null,
    },
  ],
});
