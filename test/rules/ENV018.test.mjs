import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV018', {
  valid: [
    { name: 'verification on', files: { '.env': 'THEMIS_RANGER_BASE_URL=https://ranger:6182\nTHEMIS_RANGER_TLS_VERIFY=true\n' } },
    {
      name: 'FALSE is not an off spelling for the server (ENV016 reports it)',
      files: { '.env': 'THEMIS_RANGER_TLS_VERIFY=FALSE\n' },
    },
    {
      name: 'a CA path is not a verify switch',
      files: { '.env': 'THEMIS_RANGER_CA_CERT=/tls/ranger-ca.crt\nTHEMIS_PII_STRICT=0\n' },
    },
    { name: 'skip-verify explicitly off', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nVAULT_SKIP_VERIFY=false\n' } },
  ],
  invalid: [
    {
      name: '…_SKIP_TLS_VERIFY=1 turns verification off (not a _TLS_VERIFY switch)',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_RANGER_SKIP_TLS_VERIFY=1\n' },
      errors: [{ messageId: 'verifyOff', line: 2, severity: 'error' }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'Ranger verification off',
      files: { '.env': 'THEMIS_RANGER_BASE_URL=https://ranger:6182\nTHEMIS_RANGER_TLS_VERIFY=0\n' },
      errors: [
        { messageId: 'verifyOff', line: 2, column: 26, endColumn: 27, severity: 'error', message: /certificate verification/ },
      ],
      output: 'THEMIS_RANGER_BASE_URL=https://ranger:6182\n',
    },
    {
      name: 'Ranger verification "false", quoted',
      files: { '.env': 'THEMIS_RANGER_TLS_VERIFY="false"\nTHEMIS_PRODUCTION_MODE=1\n' },
      errors: [{ messageId: 'verifyOff', line: 1, column: 26, endColumn: 33 }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'any other *_TLS_VERIFY',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_AUDIT_SIEM_TLS_VERIFY=no\n' },
      errors: [{ messageId: 'verifyOff', line: 2, column: 30 }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'skip-verify switches',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nVAULT_SKIP_VERIFY=true\n' },
      errors: [{ messageId: 'verifyOff', line: 2, column: 19 }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_RANGER_TLS_VERIFY=0\n' },
      errors: [{ messageId: 'verifyOff', line: 2, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=development\n',
    },
  ],
});
