import { ruleTester } from '../helpers/ruleTester.mjs';

const red = (enabled, fields) => `logging:
  audit:
    enabled: true
    # Sensitive data handling
    redaction:
      enabled: ${enabled}
      fields:
${fields}      patterns:
        - regex: '\\b\\d{16}\\b' # Credit card numbers
          replacement: '[REDACTED-CC]'
`;
const all = '        - password\n        - api_key\n        - private_key\n        - credit_card\n';

ruleTester('AUD004', {
  valid: [
    { name: 'guide redaction', files: { 'config.yaml': red('true', all) } },
    {
      name: 'spelling variants',
      files: { 'config.yaml': red('true', '        - passwd\n        - apiKey\n        - private-key\n') },
    },
    { name: 'no redaction block (not reported)', files: { 'config.yaml': 'logging:\n  audit:\n    enabled: true\n' } },
    {
      name: 'redaction outside audit',
      files: {
        'config.yaml':
          'logging:\n  audit:\n    enabled: true\npii:\n  redaction:\n    enabled: false\nstorage:\n  rocksdb_path: /d\n',
      },
    },
  ],
  invalid: [
    {
      name: 'redaction off',
      files: { 'config.yaml': red('false', all) },
      errors: [
        {
          messageId: 'redactionOff',
          line: 6,
          column: 16,
          endColumn: 21,
          severity: 'warning',
          message: /Redaction/,
          suggestions: [{ title: 'Set redaction.enabled to true', output: red('true', all) }],
        },
      ],
      output: null,
    },
    {
      name: 'fields miss api_key and private_key: appended',
      files: { 'config.yaml': red('true', '        - password\n        - credit_card # PCI\n') },
      errors: [
        {
          messageId: 'fieldsMissing',
          line: 7,
          column: 7,
          endColumn: 13,
          severity: 'warning',
          message: /api_key, private_key/,
          suggestions: [
            {
              title: 'Add api_key, private_key to the redacted fields',
              output: red('true', '        - password\n        - credit_card # PCI\n        - api_key\n        - private_key\n'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'flow list',
      files: {
        'config.yaml':
          'logging:\n  audit:\n    enabled: true\n    redaction:\n      enabled: true\n      fields: [password, credit_card]\n',
      },
      errors: [
        {
          messageId: 'fieldsMissing',
          line: 6,
          severity: 'warning',
          suggestions: [
            {
              title: 'Add api_key, private_key to the redacted fields',
              output:
                'logging:\n  audit:\n    enabled: true\n    redaction:\n      enabled: true\n      fields: [password, credit_card, api_key, private_key]\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'fields reached through an alias: reported, not appended to',
      files: {
        'config.yaml':
          'defaults:\n  redact: &red\n    - password\n    - credit_card\nlogging:\n  audit:\n    enabled: true\n    redaction:\n      enabled: true\n      fields: *red\n',
      },
      errors: [{ messageId: 'fieldsMissing', severity: 'warning', message: /api_key, private_key/ }],
      output: null,
    },
    {
      name: 'fields with a ${VAR} item: reported, not appended to',
      files: {
        'config.yaml':
          'logging:\n  audit:\n    enabled: true\n    redaction:\n      enabled: true\n      fields:\n        - password\n        - ${MORE_REDACTED}\n',
      },
      errors: [{ messageId: 'fieldsMissing', line: 6, severity: 'warning' }],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': red('false', all) },
      errors: [
        {
          messageId: 'redactionOff',
          line: 6,
          severity: 'hint',
          suggestions: [{ title: 'Set redaction.enabled to true', output: red('true', all) }],
        },
      ],
      output: null,
    },
  ],
});
