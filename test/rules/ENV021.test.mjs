import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV021', {
  valid: [
    {
      name: 'same variables',
      files: {
        '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=abc\n',
        '.env.example': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=\n',
      },
    },
    { name: 'no template beside it', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\n' } },
    {
      name: 'the template itself is not judged',
      file: '.env.example',
      files: { '.env.example': 'THEMIS_PRODUCTION_MODE=1\n', '.env': 'THEMIS_PII_STRICT=1\n' },
    },
    {
      name: 'a non-THEMIS variable only here',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nLOCAL_DEBUG_PORT=9229\n', '.env.example': 'THEMIS_PRODUCTION_MODE=1\n' },
    },
  ],
  invalid: [
    {
      name: 'missing from the .env: added from the template, secrets left empty',
      files: {
        '.env': 'THEMIS_PRODUCTION_MODE=1\n',
        '.env.example': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\nTHEMIS_TOKEN_ADMIN=change-me-please\n',
      },
      errors: [{ messageId: 'missing', line: 1, column: 1, severity: 'info', message: /THEMIS_PII_STRICT, THEMIS_TOKEN_ADMIN/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\nTHEMIS_TOKEN_ADMIN=\n',
    },
    {
      name: 'set here, missing from the template',
      files: {
        'themisdb.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
        'themisdb.env.sample': 'THEMIS_PRODUCTION_MODE=1\n',
      },
      errors: [{ messageId: 'notInTemplate', line: 2, column: 1, message: /themisdb\.env\.sample/ }],
      output: null,
    },
  ],
});
