import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV009', {
  valid: [
    { name: 'Vault', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_ADDR=https://vault.example.com:8200\n' } },
    { name: 'HSM', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_ENABLED=1\nTHEMIS_HSM_PIN=\n' } },
    { name: "HSM=true is ENV016's finding", files: { '.env': 'THEMIS_HSM_ENABLED=true\n' } },
    { name: 'compose-only .env', files: { '.env': 'THEMIS_HTTP_PORT=8529\n' } },
    { name: 'Vault address from a variable defined elsewhere', files: { '.env': 'THEMIS_VAULT_ADDR=${VAULT_URL}\n' } },
  ],
  invalid: [
    {
      name: 'neither: first entry',
      files: { '.env': '# prod\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_TOKEN=\n' },
      errors: [
        {
          messageId: 'none',
          line: 2,
          column: 1,
          endColumn: 23,
          severity: 'error',
          message: /neither THEMIS_VAULT_ADDR nor THEMIS_HSM_ENABLED=1/,
        },
      ],
    },
    {
      name: 'HSM explicitly off: on its value',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_ENABLED=0\n' },
      errors: [{ messageId: 'none', line: 2, column: 20, endColumn: 21 }],
    },
    {
      name: 'empty Vault address: on its key',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_ADDR=\n' },
      errors: [{ messageId: 'none', line: 2, column: 1, endColumn: 18 }],
    },
    {
      name: "VAULT_ADDR is only the demo tool's fallback",
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nVAULT_ADDR=https://vault:8200\n' },
      errors: [{ messageId: 'none', line: 1, message: /demo/ }],
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\n' },
      errors: [{ messageId: 'none', line: 1, severity: 'hint' }],
    },
  ],
});
