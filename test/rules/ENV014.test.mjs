import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV014', {
  valid: [
    {
      name: 'both set',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PKI_CERTIFICATE=/etc/themisdb/tls/server.crt\nTHEMIS_PKI_PRIVATE_KEY=/etc/themisdb/tls/server.key\n',
      },
    },
    { name: 'compose-only .env', files: { '.env': 'THEMIS_HTTP_PORT=8529\nTHEMIS_METRICS_PORT=9090\n' } },
    {
      name: 'unrelated variables next to a config',
      files: { '.env': 'DATA_ROOT=/srv\n', 'config.yaml': 'storage:\n  rocksdb_path: /data\n' },
    },
  ],
  invalid: [
    {
      name: 'both missing: one finding at the first entry',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n' },
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          endColumn: 23,
          severity: 'warning',
          message: /THEMIS_PKI_CERTIFICATE and THEMIS_PKI_PRIVATE_KEY are not set/,
        },
      ],
    },
    {
      name: 'key missing',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PKI_CERTIFICATE=/tls/server.crt\n' },
      errors: [{ messageId: 'missing', line: 1, message: /THEMIS_PKI_PRIVATE_KEY is not set/ }],
    },
    {
      name: 'empty certificate: on its key',
      files: { '.env': 'THEMIS_PKI_CERTIFICATE=\nTHEMIS_PKI_PRIVATE_KEY=/tls/server.key\n' },
      errors: [{ messageId: 'pathEmpty', line: 1, column: 1, endColumn: 23, message: /certificate/ }],
    },
    {
      name: 'the HTTP audit PKI names do not replace them',
      files: {
        '.env': 'THEMIS_PKI_ENDPOINT=https://pki:8443\nTHEMIS_PKI_CERT=/tls/client.crt\nTHEMIS_PKI_KEY=/tls/client.key\n',
      },
      errors: [{ messageId: 'missing', line: 1, message: /different client/ }],
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\n' },
      errors: [{ messageId: 'missing', line: 1, severity: 'hint' }],
    },
  ],
});
