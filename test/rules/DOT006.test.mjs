import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('DOT006', {
  valid: [
    {
      name: 'UPPER_SNAKE_CASE keys and proxy variables',
      files: {
        '.env': 'THEMIS_PRODUCTION_MODE=1\n_PRIVATE=1\nHTTP2_ENABLED=0\nhttp_proxy=http://proxy:3128\nno_proxy=localhost\n',
      },
    },
    {
      name: 'lower-case words inside a multi-line value',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_X="\nlower=1\n"\n' },
    },
  ],
  invalid: [
    {
      name: 'lower-case, mixed case, dots and dashes',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nthemis_token_admin=\nThemis_Log_Level=info\nexport themis.hsm-pin=\n' },
      errors: [
        { messageId: 'lowercaseKey', line: 2, column: 1, endColumn: 19, severity: 'info', message: /THEMIS_TOKEN_ADMIN/ },
        { messageId: 'lowercaseKey', line: 3, column: 1 },
        { messageId: 'lowercaseKey', line: 4, column: 8, endColumn: 22, message: /THEMIS_HSM_PIN/ },
      ],
    },
  ],
});
