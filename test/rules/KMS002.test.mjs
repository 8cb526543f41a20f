import { ruleTester } from '../helpers/ruleTester.mjs';

const keys = (a, b) =>
  `security:\n  hsm:\n    enabled: true\n    provider: aws_cloudhsm\n    keys:\n      master_key:\n        label: themisdb-master-key\n        type: AES-256\n        extractable: ${a}\n      signing_key:\n        label: themisdb-signing-key\n        type: RSA-4096\n        extractable: ${b}\n`;

ruleTester('KMS002', {
  valid: [
    { name: 'guide: non-extractable keys', files: { 'config.yaml': keys('false', 'false') } },
    {
      name: 'attribute not set',
      files: { 'config.yaml': 'security:\n  hsm:\n    keys:\n      master_key:\n        label: k\n' },
    },
  ],
  invalid: [
    {
      name: 'extractable master key',
      files: { 'config.yaml': keys('true', 'false') },
      errors: [
        {
          messageId: 'extractable',
          line: 9,
          column: 22,
          endLine: 9,
          endColumn: 26,
          severity: 'error',
          message: /security\.hsm\.keys\.master_key/,
          suggestions: [{ title: 'Set extractable to false', output: keys('false', 'false') }],
        },
      ],
      output: null,
    },
    {
      name: 'both keys, yaml-cpp "yes"',
      files: { 'config.yaml': keys('yes', 'true') },
      errors: [
        {
          messageId: 'extractable',
          line: 9,
          column: 22,
          endColumn: 25,
          suggestions: [
            {
              title: 'Set extractable to false',
              output:
                'security:\n  hsm:\n    enabled: true\n    provider: aws_cloudhsm\n    keys:\n      master_key:\n        label: themisdb-master-key\n        type: AES-256\n        extractable: false\n      signing_key:\n        label: themisdb-signing-key\n        type: RSA-4096\n        extractable: true\n',
            },
          ],
        },
        {
          messageId: 'extractable',
          line: 13,
          column: 22,
          suggestions: [
            {
              title: 'Set extractable to false',
              output:
                'security:\n  hsm:\n    enabled: true\n    provider: aws_cloudhsm\n    keys:\n      master_key:\n        label: themisdb-master-key\n        type: AES-256\n        extractable: yes\n      signing_key:\n        label: themisdb-signing-key\n        type: RSA-4096\n        extractable: false\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': keys('true', 'false') },
      errors: [
        {
          messageId: 'extractable',
          line: 9,
          severity: 'hint',
          suggestions: [{ title: 'Set extractable to false', output: keys('false', 'false') }],
        },
      ],
      output: null,
    },
  ],
});
