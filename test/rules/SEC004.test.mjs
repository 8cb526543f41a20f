import { ruleTester } from '../helpers/ruleTester.mjs';

const PW = 'Sup3rS3cretPassw0rd';

const move = (name) => `Move the URL password to .env as \${${name}}`;

ruleTester('SEC004', {
  valid: [
    {
      name: 'no credentials in the URL',
      files: {
        'config.yaml':
          'tracing:\n  enabled: true\n  otlp_endpoint: https://otel.example.com:4318\nstorage:\n  rocksdb_path: /data\n',
      },
    },
    {
      name: 'user without password',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nbackup:\n  target: sftp://backup@nas.internal/themis\n' },
    },
    {
      name: 'password from the environment',
      files: {
        'config.yaml': 'storage:\n  rocksdb_path: /data\nbackup:\n  target: "sftp://backup:${BACKUP_PW}@nas.internal/themis"\n',
        '.env': 'BACKUP_PW=Xk9vQ2mL7pR4tZ8w\n',
      },
    },
    {
      name: 'placeholder password',
      files: {
        'config.yaml': 'storage:\n  rocksdb_path: /data\nbackup:\n  target: "sftp://backup:<password>@nas.internal/themis"\n',
      },
    },
    {
      name: 'a .env file may hold a URL with a password',
      files: { '.env': `THEMIS_PRODUCTION_MODE=1\nDATABASE_URL=postgres://themis:${PW}@db:5432/themis\n` },
    },
  ],
  invalid: [
    {
      name: 'OTLP endpoint with a password (plain scalar)',
      files: {
        'config.yaml': `tracing:\n  enabled: true\n  otlp_endpoint: https://otel:${PW}@otel.example.com:4318\nstorage:\n  rocksdb_path: /data\n`,
      },
      errors: [
        {
          messageId: 'urlPassword',
          line: 3,
          column: 18,
          endColumn: 72,
          severity: 'error',
          message: /"otel"/,
          suggestions: [
            {
              title: move('THEMIS_TRACING_OTLP_ENDPOINT_PASSWORD'),
              output:
                'tracing:\n  enabled: true\n  otlp_endpoint: https://otel:${THEMIS_TRACING_OTLP_ENDPOINT_PASSWORD}@otel.example.com:4318\nstorage:\n  rocksdb_path: /data\n',
              outputs: { '.env': `THEMIS_TRACING_OTLP_ENDPOINT_PASSWORD=${PW}\n` },
            },
            {
              title: `${move('THEMIS_TRACING_OTLP_ENDPOINT_PASSWORD')} and add .env to .gitignore`,
              outputs: { '.env': `THEMIS_TRACING_OTLP_ENDPOINT_PASSWORD=${PW}\n`, '.gitignore': '.env\n' },
            },
          ],
        },
      ],
    },
    {
      name: 'quoted vault address in security.yaml, existing .env kept',
      files: {
        'security.yaml': `hsm:\n  provider: vault\n  vault:\n    address: "https://themis:${PW}@vault.internal:8200"\n`,
        '.env': 'THEMIS_PRODUCTION_MODE=1\n',
        '.gitignore': '.env\n',
      },
      errors: [
        {
          messageId: 'urlPassword',
          line: 4,
          column: 14,
          suggestions: [
            {
              title: move('THEMIS_HSM_VAULT_ADDRESS_PASSWORD'),
              output:
                'hsm:\n  provider: vault\n  vault:\n    address: "https://themis:${THEMIS_HSM_VAULT_ADDRESS_PASSWORD}@vault.internal:8200"\n',
              outputs: { '.env': `THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_VAULT_ADDRESS_PASSWORD=${PW}\n` },
            },
          ],
        },
      ],
    },
    {
      name: 'syslog sink in a sequence of the seed dialect',
      files: {
        'config.yaml': `logging:\n  audit:\n    enabled: true\n    outputs:\n      - type: syslog\n        url: 'tcp+tls://audit:${PW}@syslog.example.com:6514'\n`,
        '.gitignore': '.env\n',
      },
      errors: [
        {
          messageId: 'urlPassword',
          line: 6,
          column: 14,
          suggestions: [
            {
              title: move('THEMIS_LOGGING_AUDIT_OUTPUTS_0_URL_PASSWORD'),
              output:
                "logging:\n  audit:\n    enabled: true\n    outputs:\n      - type: syslog\n        url: 'tcp+tls://audit:${THEMIS_LOGGING_AUDIT_OUTPUTS_0_URL_PASSWORD}@syslog.example.com:6514'\n",
            },
          ],
        },
      ],
    },
    {
      name: 'a URL that also holds a ${VAR}: reported, but its value is not edited (the edit policy refuses ${VAR} values)',
      files: {
        'config.yaml': `tracing:\n  enabled: true\n  otlp_endpoint: "https://otel:${PW}@\${OTEL_HOST}:4318"\nstorage:\n  rocksdb_path: /data\n`,
        '.env': 'OTEL_HOST=otel.example.com\n',
        '.gitignore': '.env\n',
      },
      errors: [{ messageId: 'urlPassword', line: 3, column: 18 }],
    },
    {
      name: 'development profile: a hint',
      profile: 'development',
      files: {
        'config.yaml': `tracing:\n  enabled: true\n  otlp_endpoint: https://otel:${PW}@otel.example.com:4318\nstorage:\n  rocksdb_path: /data\n`,
        '.gitignore': '.env\n',
      },
      errors: [
        {
          messageId: 'urlPassword',
          line: 3,
          severity: 'hint',
          suggestions: [{ title: move('THEMIS_TRACING_OTLP_ENDPOINT_PASSWORD') }],
        },
      ],
    },
  ],
});
