import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV013', {
  valid: [
    {
      name: 'all three paths',
      files: {
        '.env':
          'THEMIS_WAL_GRPC_ENABLE_MTLS=1\nTHEMIS_WAL_GRPC_CERT_PATH=/tls/wal.crt\nTHEMIS_WAL_GRPC_KEY_PATH=/tls/wal.key\nTHEMIS_WAL_GRPC_CA_CERT_PATH=/tls/ca.crt\n',
      },
    },
    {
      name: 'no CA needed when client certificates are off',
      files: {
        '.env':
          'THEMIS_WAL_GRPC_ENABLE_MTLS=true\nTHEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT=0\nTHEMIS_WAL_GRPC_CERT_PATH=/tls/wal.crt\nTHEMIS_WAL_GRPC_KEY_PATH=/tls/wal.key\n',
      },
    },
    { name: 'mTLS off', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_GRPC_ENABLE_MTLS=0\n' } },
    { name: 'a spelling the server does not take leaves mTLS off', files: { '.env': 'THEMIS_WAL_GRPC_ENABLE_MTLS=on\n' } },
    {
      name: 'PKI paths are not WAL paths',
      files: { '.env': 'THEMIS_PKI_CERTIFICATE=/tls/server.crt\nTHEMIS_PKI_PRIVATE_KEY=/tls/server.key\n' },
    },
  ],
  invalid: [
    {
      name: 'mTLS on and no paths: one finding on the switch',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n' },
      errors: [
        {
          messageId: 'pathsMissing',
          line: 2,
          column: 1,
          endColumn: 28,
          severity: 'error',
          message:
            /^WAL mTLS is on, but 3 of its paths are not set\. Without THEMIS_WAL_GRPC_CERT_PATH, THEMIS_WAL_GRPC_KEY_PATH and THEMIS_WAL_GRPC_CA_CERT_PATH,/,
        },
      ],
    },
    {
      name: 'CA missing while client certificates are required by default',
      files: {
        '.env':
          'THEMIS_WAL_GRPC_ENABLE_MTLS=yes\nTHEMIS_WAL_GRPC_CERT_PATH=/tls/wal.crt\nTHEMIS_WAL_GRPC_KEY_PATH=/tls/wal.key\n',
      },
      errors: [{ messageId: 'pathsMissing', line: 1, message: /THEMIS_WAL_GRPC_CA_CERT_PATH is not set/ }],
    },
    {
      name: 'empty key path: on its key',
      files: {
        '.env':
          'THEMIS_WAL_GRPC_ENABLE_MTLS=1\nTHEMIS_WAL_GRPC_CERT_PATH=/tls/wal.crt\nTHEMIS_WAL_GRPC_KEY_PATH=\nTHEMIS_WAL_GRPC_CA_CERT_PATH=/tls/ca.crt\n',
      },
      errors: [{ messageId: 'pathEmpty', line: 3, column: 1, endColumn: 25, message: /private key/ }],
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n' },
      errors: [{ messageId: 'pathsMissing', line: 2, severity: 'hint' }],
    },
  ],
});
