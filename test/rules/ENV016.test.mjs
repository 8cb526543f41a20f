import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV016', {
  valid: [
    {
      name: 'accepted spellings',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=True\nTHEMIS_ENVIRONMENT=prod\nTHEMIS_HSM_ENABLED=1\nTHEMIS_PII_STRICT=1\nTHEMIS_DISABLE_AUTO_DOWNLOAD=true\nTHEMIS_WAL_GRPC_ENABLE_MTLS=yes\nTHEMIS_SERVER_PROFILE=Enterprise\nTHEMIS_HEALTH_PORT=8081\n',
      },
    },
    { name: 'any other environment name means development', files: { '.env': 'THEMIS_ENVIRONMENT=staging\n' } },
    { name: 'off as intended (ENV007 reports it)', files: { '.env': 'THEMIS_PII_STRICT=0\nTHEMIS_HSM_ENABLED=false\n' } },
    {
      name: 'the listed spellings that switch client certificates off',
      files: { '.env': 'THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT=no\n' },
    },
    { name: 'compose-only names are not checked', files: { '.env': 'THEMIS_EDITION=platinum\n' } },
    {
      name: "stub and CORS switches are the posture rules' findings",
      files: { '.env': 'THEMIS_ALLOW_HSM_STUB=true\nTHEMIS_CORS_ALLOW_ALL=yes\n' },
    },
    { name: 'only the definition that takes effect', files: { '.env': 'THEMIS_PII_STRICT=yes\nTHEMIS_PII_STRICT=1\n' } },
  ],
  invalid: [
    {
      name: 'THEMIS_HSM_ENABLED=true: the server reads exactly 1',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_ENABLED=true\n' },
      errors: [{ messageId: 'onNotRecognized', line: 2, column: 20, endColumn: 24, severity: 'error', message: /"1"/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_ENABLED=1\n',
    },
    {
      name: 'THEMIS_PII_STRICT=yes',
      files: { '.env': 'THEMIS_PII_STRICT=yes  # strict\n' },
      errors: [{ messageId: 'onNotRecognized', line: 1, column: 19, endColumn: 22 }],
      output: 'THEMIS_PII_STRICT=1  # strict\n',
    },
    {
      name: 'production mode spelled "enabled"',
      files: { '.env': 'THEMIS_PRODUCTION_MODE="enabled"\n' },
      errors: [{ messageId: 'onNotRecognized', line: 1, column: 24, endColumn: 33 }],
      output: 'THEMIS_PRODUCTION_MODE="1"\n',
    },
    {
      name: 'THEMIS_ENVIRONMENT is compared case-sensitively',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=Production\n' },
      errors: [{ messageId: 'environmentCase', line: 2, column: 20, message: /case-sensitively/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\n',
    },
    {
      name: 'TRUE is not among the auto-download spellings',
      files: { '.env': 'THEMIS_DISABLE_AUTO_DOWNLOAD=TRUE\n' },
      errors: [{ messageId: 'onNotRecognized', line: 1, column: 30 }],
      output: 'THEMIS_DISABLE_AUTO_DOWNLOAD=1\n',
    },
    {
      name: 'WAL mTLS "on"',
      files: { '.env': 'CLUSTER_SIZE=3\nTHEMIS_WAL_GRPC_ENABLE_MTLS=on\n' },
      errors: [{ messageId: 'onNotRecognized', line: 2, column: 29 }],
      output: 'CLUSTER_SIZE=3\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n',
    },
    {
      name: 'client certificates "off" are still required',
      files: { '.env': 'THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT=off\n' },
      errors: [{ messageId: 'doesNotDisable', line: 1, column: 37, message: /stays on/ }],
      output: 'THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT=1\n',
    },
    {
      name: 'Ranger TLS verification FALSE is not an off spelling',
      files: { '.env': 'THEMIS_RANGER_TLS_VERIFY=FALSE\n' },
      errors: [{ messageId: 'doesNotDisable', line: 1, column: 26 }],
      output: 'THEMIS_RANGER_TLS_VERIFY=true\n',
    },
    {
      name: 'enum typo',
      files: { '.env': 'THEMIS_SERVER_PROFILE=enterprize\n' },
      errors: [{ messageId: 'notInEnum', line: 1, column: 23, message: /Did you mean enterprise/ }],
      output: 'THEMIS_SERVER_PROFILE=enterprise\n',
    },
    {
      name: 'a port that is not a number, and one out of range: no fix',
      files: { '.env': 'THEMIS_HEALTH_PORT=80a\nTHEMIS_WAL_GRPC_PORT=70000\n' },
      errors: [
        { messageId: 'notInteger', line: 1, column: 20, message: /whole number/ },
        { messageId: 'notPort', line: 2, message: /1 to 65535/ },
      ],
    },
    {
      name: 'Vault address without scheme',
      files: { '.env': 'THEMIS_VAULT_ADDR=vault.example.com:8200\n' },
      errors: [{ messageId: 'notUrl', line: 1, message: /scheme/ }],
    },
    {
      name: 'CORS credentials "yes": reported, but no fix that would turn them on',
      files: { '.env': 'THEMIS_CORS_ALLOW_CREDENTIALS=yes\n' },
      errors: [{ messageId: 'onNotRecognized', line: 1, column: 31 }],
    },
    {
      name: 'not production-only: stays an error in development',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_PII_STRICT=yes\n' },
      errors: [{ messageId: 'onNotRecognized', line: 2, severity: 'error' }],
      output: 'THEMIS_ENVIRONMENT=development\nTHEMIS_PII_STRICT=1\n',
    },
  ],
});
