import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV017', {
  valid: [
    { name: 'absent', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_CORS_ALLOWED_ORIGINS=https://app.example.com\n' } },
    { name: 'explicitly off', files: { '.env': 'THEMIS_CORS_ALLOW_ALL=false\n' } },
    {
      name: 'credentials alone are not allow-all',
      files: { '.env': 'THEMIS_CORS_ALLOW_CREDENTIALS=1\nTHEMIS_CORS_ALLOWED_ORIGINS=https://app.example.com\n' },
    },
  ],
  invalid: [
    {
      name: 'allow all',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_CORS_ALLOW_ALL=1\nTHEMIS_PII_STRICT=1\n' },
      errors: [
        {
          messageId: 'allowAll',
          line: 2,
          column: 23,
          endColumn: 24,
          severity: 'warning',
          message: /THEMIS_CORS_ALLOWED_ORIGINS/,
        },
      ],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'with credentials the message says so',
      files: { '.env': 'THEMIS_CORS_ALLOW_ALL=TRUE\nTHEMIS_CORS_ALLOW_CREDENTIALS=true\n' },
      errors: [{ messageId: 'allowAll', line: 1, column: 23, message: /credentials/ }],
      output: 'THEMIS_CORS_ALLOW_CREDENTIALS=true\n',
    },
    {
      name: 'a spelling the server may not read is still flagged (remove it either way)',
      files: { '.env': 'THEMIS_CORS_ALLOW_ALL=yes\n' },
      errors: [{ messageId: 'allowAll', line: 1 }],
      output: '',
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_CORS_ALLOW_ALL=1\n' },
      errors: [{ messageId: 'allowAll', line: 2, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=development\n',
    },
  ],
});
