import { ruleTester } from '../helpers/ruleTester.mjs';

const tlsOff = 'server:\n  enable_tls: false\n';

ruleTester('SUP001', {
  valid: [
    {
      name: 'next-line suppression with a reason',
      files: { 'config.yaml': `# themisdb-disable-next-line TLS001 -- TLS terminated by the ingress controller\n${tlsOff}` },
    },
    {
      name: 'file-wide suppression with a reason',
      files: { 'config.yaml': `# themisdb-disable TLS001 -- lab instance, never exposed\n${tlsOff}` },
    },
    {
      name: 'a rule named by its name',
      files: { 'config.yaml': `# themisdb-disable-next-line tls-disabled -- TLS terminated upstream\n${tlsOff}` },
    },
    {
      name: '.env file',
      files: { '.env': '# themisdb-disable-next-line ENV017 -- demo front end on any origin\nTHEMIS_CORS_ALLOW_ALL=1\n' },
    },
    {
      name: 'not a directive: a comment that mentions one',
      files: { 'config.yaml': `# see themisdb-disable in the docs\n${tlsOff}` },
    },
  ],
  invalid: [
    {
      name: 'next-line suppression without a reason: the directive to the end of the line',
      files: { 'config.yaml': `# themisdb-disable-next-line TLS001\n${tlsOff}` },
      errors: [
        { messageId: 'noReason', line: 1, column: 3, endLine: 1, endColumn: 36, severity: 'warning', message: /gives no reason/ },
      ],
      output: null,
    },
    {
      name: 'a separator with nothing after it',
      files: { 'config.yaml': `# themisdb-disable TLS001 --   \n${tlsOff}` },
      errors: [{ messageId: 'noReason', line: 1, column: 3 }],
      output: null,
    },
    {
      name: 'stacked directives: each one asks for its reason',
      files: {
        'config.yaml': `# themisdb-disable-next-line TLS001\n# themisdb-disable-next-line SCH006 -- documented key\n${tlsOff}`,
      },
      errors: [{ messageId: 'noReason', line: 1 }],
      output: null,
    },
    {
      name: 'in a .env file, at its indentation',
      files: { '.env': '  # themisdb-disable-next-line ENV017\nTHEMIS_CORS_ALLOW_ALL=1\n' },
      errors: [{ messageId: 'noReason', line: 1, column: 5 }],
      output: null,
    },
    {
      name: 'still a warning under the development profile',
      profile: 'development',
      files: { 'config.yaml': `# themisdb-disable TLS001\n${tlsOff}` },
      errors: [{ messageId: 'noReason', severity: 'warning' }],
      output: null,
    },
  ],
});
