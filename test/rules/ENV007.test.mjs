import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV007', {
  valid: [
    { name: 'strict', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n' } },
    {
      name: 'a misspelled "on" value is ENV016\'s finding',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=yes\n' },
    },
    { name: 'compose-only .env', files: { '.env': 'THEMIS_HTTP_PORT=8529\n' } },
    { name: 'the test hook is not the switch', files: { '.env': 'THEMIS_PII_STRICT=1\nTHEMIS_PII_FORCE_INIT_FAIL=\n' } },
  ],
  invalid: [
    {
      name: 'absent: first entry, fix appends',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\n' },
      errors: [
        { messageId: 'notSet', line: 1, column: 1, endColumn: 23, severity: 'warning', message: /THEMIS_PII_STRICT is not set/ },
      ],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'set to 0',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=0\n' },
      errors: [{ messageId: 'off', line: 2, column: 19, endColumn: 20, severity: 'warning' }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'set to false, single-quoted',
      files: { '.env': "THEMIS_PII_STRICT='false'\n" },
      errors: [{ messageId: 'off', line: 1, column: 19, endColumn: 26 }],
      output: "THEMIS_PII_STRICT='1'\n",
    },
    {
      name: 'misspelled name: renamed',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRIKT=1\n' },
      errors: [
        {
          messageId: 'misspelled',
          line: 2,
          column: 1,
          endColumn: 18,
          message: /^THEMIS_PII_STRIKT is a misspelling of THEMIS_PII_STRICT/,
        },
      ],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\n' },
      errors: [{ messageId: 'notSet', line: 1, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=development\nTHEMIS_PII_STRICT=1\n',
    },
  ],
});
