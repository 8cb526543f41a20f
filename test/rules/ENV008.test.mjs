import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV008', {
  valid: [
    { name: 'disabled with 1', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_DISABLE_AUTO_DOWNLOAD=1\n' } },
    { name: 'the server also accepts true', files: { '.env': 'THEMIS_DISABLE_AUTO_DOWNLOAD=true\n' } },
    { name: "YES is ENV016's finding", files: { '.env': 'THEMIS_DISABLE_AUTO_DOWNLOAD=YES\n' } },
    { name: 'compose-only .env', files: { '.env': 'THEMIS_LOG_LEVEL=info\nTHEMIS_ENABLE_LLM=true\n' } },
  ],
  invalid: [
    {
      name: 'absent: first entry',
      files: { '.env': 'THEMIS_OLLAMA_ENDPOINT=http://localhost:11434\nTHEMIS_PRODUCTION_MODE=1\n' },
      errors: [{ messageId: 'notSet', line: 1, column: 1, endColumn: 23, severity: 'warning', message: /model/ }],
      output: 'THEMIS_OLLAMA_ENDPOINT=http://localhost:11434\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_DISABLE_AUTO_DOWNLOAD=1\n',
    },
    {
      name: 'explicitly 0',
      files: { '.env': 'THEMIS_DISABLE_AUTO_DOWNLOAD=0 # allow pulls\n' },
      errors: [{ messageId: 'off', line: 1, column: 30, endColumn: 31 }],
      output: 'THEMIS_DISABLE_AUTO_DOWNLOAD=1 # allow pulls\n',
    },
    {
      name: 'false',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_DISABLE_AUTO_DOWNLOAD="false"\n' },
      errors: [{ messageId: 'off', line: 2, column: 30 }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_DISABLE_AUTO_DOWNLOAD="1"\n',
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=dev\nTHEMIS_DISABLE_AUTO_DOWNLOAD=0\n' },
      errors: [{ messageId: 'off', line: 2, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=dev\nTHEMIS_DISABLE_AUTO_DOWNLOAD=1\n',
    },
  ],
});
