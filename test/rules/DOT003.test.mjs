import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('DOT003', {
  valid: [
    {
      name: 'no blanks; blanks inside a quoted value and before a comment are fine',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT="production mode"   # note\n  THEMIS_LOG_LEVEL=info\n' },
    },
    { name: 'blank after "=" inside a multi-line value', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_X="a\nB = c\n"\n' } },
  ],
  invalid: [
    {
      name: 'blanks on both sides',
      files: { '.env': 'THEMIS_PRODUCTION_MODE = 1\nTHEMIS_ENVIRONMENT=production\n' },
      errors: [{ messageId: 'blanksAroundEquals', line: 1, column: 23, endColumn: 26, severity: 'warning' }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\n',
    },
    {
      name: 'blank after "=" before a quoted value, export prefix',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nexport THEMIS_ENVIRONMENT= "production"  # prod\n' },
      errors: [{ messageId: 'blanksAroundEquals', line: 2, column: 26, endColumn: 28 }],
      output: 'THEMIS_PRODUCTION_MODE=1\nexport THEMIS_ENVIRONMENT="production"  # prod\n',
    },
    {
      name: 'blank before "=" of an empty value',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN\t=\n' },
      errors: [{ messageId: 'blanksAroundEquals', line: 2, column: 19 }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=\n',
    },
    {
      name: 'blanks inside the key',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS LOG_LEVEL=info\n' },
      errors: [{ messageId: 'blanksInKey', line: 2, column: 1, endColumn: 17, message: /THEMIS_LOG_LEVEL/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_LOG_LEVEL=info\n',
    },
  ],
});
