import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV003', {
  valid: [
    { name: 'absent', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_ENABLED=1\n' } },
    { name: 'emptied the way the systemd drop-in does', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ALLOW_HSM_STUB=\n' } },
    { name: 'explicitly off', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ALLOW_HSM_STUB=0\n' } },
    { name: 'a similar HSM variable', files: { '.env': 'THEMIS_HSM_ENABLED=1\nTHEMIS_HSM_SESSION_POOL=8\n' } },
  ],
  invalid: [
    {
      name: 'production mode on: the server refuses to start (E)',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ALLOW_HSM_STUB=1\nTHEMIS_PII_STRICT=1\n' },
      errors: [{ messageId: 'refusedInProduction', line: 2, column: 23, endColumn: 24, severity: 'error', message: /refuses/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'production through THEMIS_ENVIRONMENT (E)',
      files: { '.env': 'THEMIS_ENVIRONMENT=prod\nexport THEMIS_ALLOW_HSM_STUB="1"\n' },
      errors: [
        {
          messageId: 'environmentOnly',
          line: 2,
          column: 30,
          severity: 'error',
          message: /^THEMIS_ALLOW_HSM_STUB is set while production mode is on through THEMIS_ENVIRONMENT=prod\./,
        },
      ],
      output: 'THEMIS_ENVIRONMENT=prod\n',
    },
    {
      name: 'production mode off: warning',
      files: { '.env': 'THEMIS_PII_STRICT=1\nTHEMIS_ALLOW_HSM_STUB=true\n' },
      errors: [{ messageId: 'stubAllowed', line: 2, column: 23, severity: 'warning' }],
      output: 'THEMIS_PII_STRICT=1\n',
    },
    {
      name: 'defined twice: one finding, the fix removes both',
      files: { '.env': 'THEMIS_ALLOW_HSM_STUB=1\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_ALLOW_HSM_STUB=1\n' },
      errors: [{ messageId: 'refusedInProduction', line: 3, severity: 'error' }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'templates get posture findings',
      files: { '.env.example': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ALLOW_HSM_STUB=1\n' },
      errors: [{ messageId: 'refusedInProduction', line: 2, severity: 'error' }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_ALLOW_HSM_STUB=1\n' },
      errors: [{ messageId: 'stubAllowed', line: 2, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=development\n',
    },
  ],
});
