import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('DOT004', {
  valid: [
    {
      name: 'closed quotes of all kinds, multi-line and with escapes',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nA="x \\" y"\nB=\'it is\'\nC=`back`\nD="line1\nline2"\nE=don\'t\n' },
    },
  ],
  invalid: [
    {
      name: 'double quote never closed',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_CORS_ALLOWED_ORIGINS="https://a.example.com\n' },
      errors: [{ messageId: 'unterminated', line: 2, column: 29, endColumn: 51, severity: 'error', message: /double quote/ }],
    },
    {
      name: 'single quote never closed, later lines still read',
      files: { '.env': "THEMIS_PRODUCTION_MODE=1\nTHEMIS_LOG_LEVEL='info\nTHEMIS_ENVIRONMENT=production\n" },
      errors: [{ messageId: 'unterminated', line: 2, column: 18, message: /single quote/ }],
    },
  ],
});
