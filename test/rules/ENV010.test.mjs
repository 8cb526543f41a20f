import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV010', {
  valid: [
    { name: 'https', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_ADDR=https://vault.example.com:8200\n' } },
    { name: 'http to localhost', files: { '.env': 'THEMIS_VAULT_ADDR=http://localhost:8200\n' } },
    { name: 'http to 127.0.0.1', files: { '.env': 'THEMIS_VAULT_ADDR=http://127.0.0.1:8200\n' } },
    { name: 'http to [::1]', files: { '.env': 'VAULT_ADDR=http://[::1]:8200\nTHEMIS_PII_STRICT=1\n' } },
    { name: 'a non-Vault http endpoint is not this rule', files: { '.env': 'THEMIS_OLLAMA_ENDPOINT=http://ollama:11434\n' } },
    {
      name: 'http to localhost with a user name in the URL',
      files: { '.env': 'THEMIS_VAULT_ADDR=http://agent@localhost:8200\n' },
    },
    { name: 'a documented-only Vault name is not read', files: { '.env': 'THEMIS_PKI_VAULT_ADDR=http://vault:8200\n' } },
  ],
  invalid: [
    {
      name: 'plain http to a remote Vault',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_ADDR=http://vault.internal:8200\n' },
      errors: [{ messageId: 'plaintext', line: 2, column: 19, endColumn: 45, severity: 'error', message: /vault\.internal/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_ADDR=https://vault.internal:8200\n',
    },
    {
      name: 'VAULT_ADDR fallback, quoted, with comment',
      files: { '.env': 'THEMIS_PII_STRICT=1\nVAULT_ADDR="http://10.0.4.7:8200" # lab\n' },
      errors: [{ messageId: 'plaintext', line: 2, column: 12, endColumn: 34 }],
      output: 'THEMIS_PII_STRICT=1\nVAULT_ADDR="https://10.0.4.7:8200" # lab\n',
    },
    {
      name: 'upper-case scheme',
      files: { '.env': 'THEMIS_VAULT_ADDR=HTTP://vault:8200\n' },
      errors: [{ messageId: 'plaintext', line: 1, column: 19 }],
      output: 'THEMIS_VAULT_ADDR=https://vault:8200\n',
    },
    {
      name: 'credentials in the URL: the host is the one after them, and the message does not show them',
      files: { '.env': 'THEMIS_PII_STRICT=1\nVAULT_ADDR=http://ops:hunter2@vault.internal:8200\n' },
      errors: [
        { messageId: 'plaintext', line: 2, column: 12, message: /^VAULT_ADDR reaches Vault at vault\.internal over plain http/ },
      ],
      output: 'THEMIS_PII_STRICT=1\nVAULT_ADDR=https://ops:hunter2@vault.internal:8200\n',
    },
    {
      name: 'an IPv6 Vault address keeps its brackets in the message',
      files: { '.env': 'THEMIS_VAULT_ADDR=http://[fd00::7]:8200\n' },
      errors: [{ messageId: 'plaintext', line: 1, message: /at \[fd00::7\] over plain http/ }],
      output: "THEMIS_VAULT_ADDR='https://[fd00::7]:8200'\n",
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_VAULT_ADDR=http://vault:8200\n' },
      errors: [{ messageId: 'plaintext', line: 2, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=development\nTHEMIS_VAULT_ADDR=https://vault:8200\n',
    },
  ],
});
