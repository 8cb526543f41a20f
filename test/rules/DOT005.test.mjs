import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('DOT005', {
  valid: [
    {
      name: 'plain values and an inline comment after a blank',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1  # always on\nTHEMIS_VAULT_ADDR=https://vault.internal:8200/v1?x=1&y=2\n' },
    },
    {
      name: '${VAR} is a deliberate expansion; $VAR of a variable defined above too',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nHOST=db.internal\nTHEMIS_VAULT_ADDR=https://${HOST}:8200\nURL=http://$HOST/x\nESCAPED=\\$5\n',
      },
    },
    {
      name: 'quoted values may hold blanks, # and $',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nA="two words # not a comment"\nB=\'pa$word\'\nC="line1\nline 2 $X #y\n"\n' },
    },
  ],
  invalid: [
    {
      name: 'blanks inside an unquoted value',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_RANGER_SERVICE_NAME=themis prod  # ranger\n' },
      errors: [{ messageId: 'unquotedSpecial', line: 2, column: 28, endColumn: 39, severity: 'warning', message: /blanks/ }],
      output: "THEMIS_PRODUCTION_MODE=1\nTHEMIS_RANGER_SERVICE_NAME='themis prod'  # ranger\n",
    },
    {
      name: '# without a blank before it: dotenv cuts the secret there',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=Jq8#vN3xLp0Wm5Zt\n' },
      errors: [{ messageId: 'unquotedSpecial', line: 2, column: 16, endColumn: 32, message: /"#"/ }],
      output: "THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN='Jq8#vN3xLp0Wm5Zt'\n",
    },
    {
      name: '$ of an unknown name or $$ would be expanded',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_SHARED_SECRET=Xk9$vQ2mL7pR4tZ8w\nTHEMIS_WAL_HMAC_SECRET=a$$b7Kq\n' },
      errors: [
        { messageId: 'unquotedSpecial', line: 2, column: 26, message: /"\$"/ },
        { messageId: 'unquotedSpecial', line: 3, column: 24 },
      ],
      output: "THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_SHARED_SECRET='Xk9$vQ2mL7pR4tZ8w'\nTHEMIS_WAL_HMAC_SECRET='a$$b7Kq'\n",
    },
    {
      name: '# right after "=": dotenv reads an empty value',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=#Jq8vN3xLp0Wm5Zt  # pin\nEMPTY= # just a comment\n' },
      // dotenv reads a comment there, so quoting it is the user's choice: a suggestion, never fix-all
      errors: [
        {
          messageId: 'unquotedSpecial',
          line: 2,
          column: 16,
          endColumn: 32,
          suggestions: [
            {
              title: /^Quote the value of THEMIS_HSM_PIN \(dotenv reads it as a comment today\)$/,
              output: "THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN='#Jq8vN3xLp0Wm5Zt'  # pin\nEMPTY= # just a comment\n",
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: "a value with ' is double-quoted",
      files: { '.env': "THEMIS_PRODUCTION_MODE=1\nTHEMIS_GREETING=it's on\n" },
      errors: [{ messageId: 'unquotedSpecial', line: 2, column: 17 }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_GREETING="it\'s on"\n',
    },
  ],
});
