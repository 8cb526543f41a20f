import { ruleTester } from '../helpers/ruleTester.mjs';

const tlsOff = 'server:\n  enable_tls: false\n';

ruleTester('SUP002', {
  valid: [
    {
      name: 'rule IDs in any case and rule names',
      files: {
        'config.yaml': `# themisdb-disable-next-line tls001, TLS002, tls-session-tickets -- TLS terminated upstream\n${tlsOff}`,
      },
    },
    {
      name: 'words of the reason are not rule names',
      files: { 'config.yaml': `# themisdb-disable TLS001 -- TSL001 was a typo once\n${tlsOff}` },
    },
    {
      name: '.env file',
      files: { '.env': '# themisdb-disable-next-line ENV017 -- demo front end on any origin\nTHEMIS_CORS_ALLOW_ALL=1\n' },
    },
  ],
  invalid: [
    {
      name: 'a typo in an ID',
      files: { '.env': '# themisdb-disable-next-line ENV0017 -- demo front end on any origin\nTHEMIS_CORS_ALLOW_ALL=1\n' },
      errors: [
        {
          messageId: 'unknownRule',
          line: 1,
          column: 30,
          endColumn: 37,
          severity: 'warning',
          message: /^"ENV0017" is not a ThemisDB rule ID or name/,
        },
      ],
      output: null,
    },
    {
      name: 'each unknown word on its own span',
      files: {
        'config.yaml': `# themisdb-disable-next-line TLS001, TSL002, tls-disabled, nosuch-rule -- TLS terminated upstream\n${tlsOff}`,
      },
      errors: [
        { messageId: 'unknownRule', line: 1, column: 38, endColumn: 44, message: /"TSL002"/ },
        { messageId: 'unknownRule', line: 1, column: 60, endColumn: 71, message: /"nosuch-rule"/ },
      ],
      output: null,
    },
    {
      name: 'a reason without " -- ": every word becomes an unknown rule',
      files: { 'config.yaml': `# themisdb-disable TLS001 ingress terminates\n${tlsOff}` },
      errors: [
        { messageId: 'unknownRule', line: 1, column: 27, message: /"ingress"/ },
        { messageId: 'unknownRule', line: 1, column: 35, message: /"terminates"/ },
      ],
      output: null,
    },
    {
      name: 'mig.yaml',
      files: { 'mig.yaml': '# themisdb-disable MIG0006 -- spare slice\nmig:\n  enabled: true\n  instances: []\n' },
      errors: [{ messageId: 'unknownRule', line: 1, column: 20 }],
      output: null,
    },
  ],
});
