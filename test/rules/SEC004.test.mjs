import { ruleTester } from '../helpers/ruleTester.mjs';

const PW = 'Sup3rS3cretPassw0rd';

ruleTester('SEC004', {
  valid: [
    { name: 'no credentials in the URL', files: { 'config.yaml': 'tracing:\n  enabled: true\n  otlp_endpoint: https://otel.example.com:4318\nstorage:\n  rocksdb_path: /data\n' } },
    { name: 'user without password', files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nbackup:\n  target: sftp://backup@nas.internal/themis\n' } },
    { name: 'password from the environment', files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nbackup:\n  target: "sftp://backup:${BACKUP_PW}@nas.internal/themis"\n', '.env': 'BACKUP_PW=Xk9vQ2mL7pR4tZ8w\n' } },
    { name: 'placeholder password', files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nbackup:\n  target: "sftp://backup:<password>@nas.internal/themis"\n' } },
    { name: 'a .env file may hold a URL with a password', files: { '.env': `THEMIS_PRODUCTION_MODE=1\nDATABASE_URL=postgres://themis:${PW}@db:5432/themis\n` } },
  ],
  invalid: [
    {
      name: 'OTLP endpoint with a password (plain scalar)',
      files: { 'config.yaml': `tracing:\n  enabled: true\n  otlp_endpoint: https://otel:${PW}@otel.example.com:4318\nstorage:\n  rocksdb_path: /data\n` },
      errors: [{ line: 3, column: 18, endColumn: 72, severity: 'error', message: /"otel"/ }],
      output: 'tracing:\n  enabled: true\n  otlp_endpoint: https://otel:${THEMIS_TRACING_OTLP_ENDPOINT_PASSWORD}@otel.example.com:4318\nstorage:\n  rocksdb_path: /data\n',
      outputs: { '.env': `THEMIS_TRACING_OTLP_ENDPOINT_PASSWORD=${PW}\n` },
    },
    {
      name: 'quoted vault address in security.yaml, existing .env kept',
      files: { 'security.yaml': `hsm:\n  provider: vault\n  vault:\n    address: "https://themis:${PW}@vault.internal:8200"\n`, '.env': 'THEMIS_PRODUCTION_MODE=1\n' },
      errors: [{ line: 4, column: 14 }],
      output: 'hsm:\n  provider: vault\n  vault:\n    address: "https://themis:${THEMIS_HSM_VAULT_ADDRESS_PASSWORD}@vault.internal:8200"\n',
      outputs: { '.env': `THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_VAULT_ADDRESS_PASSWORD=${PW}\n` },
    },
    {
      name: 'syslog sink in a sequence of the seed dialect',
      files: { 'config.yaml': `logging:\n  audit:\n    enabled: true\n    outputs:\n      - type: syslog\n        url: 'tcp+tls://audit:${PW}@syslog.example.com:6514'\n` },
      errors: [{ line: 6, column: 14 }],
      output: "logging:\n  audit:\n    enabled: true\n    outputs:\n      - type: syslog\n        url: 'tcp+tls://audit:${THEMIS_LOGGING_AUDIT_OUTPUTS_0_URL_PASSWORD}@syslog.example.com:6514'\n",
    },
    {
      name: 'development profile: a hint',
      profile: 'development',
      files: { 'config.yaml': `tracing:\n  enabled: true\n  otlp_endpoint: https://otel:${PW}@otel.example.com:4318\nstorage:\n  rocksdb_path: /data\n` },
      errors: [{ line: 3, severity: 'hint' }],
    },
  ],
});
