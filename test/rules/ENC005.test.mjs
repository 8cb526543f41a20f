import { ruleTester } from '../helpers/ruleTester.mjs';

const scope = ({ enabled = 'true', data = 'true', idx = 'true', ckpt = 'true', logs = 'true' } = {}) => `storage:
  encryption:
    enabled: ${enabled}
    algorithm: AES-256-GCM
    # Encryption scope
    encrypt_data: ${data}
    encrypt_indexes: ${idx}
    encrypt_checkpoints: ${ckpt}
    encrypt_logs: ${logs}
`;

ruleTester('ENC005', {
  valid: [
    { name: 'everything in scope', files: { 'config.yaml': scope() } },
    {
      name: 'flags absent are not reported',
      files: { 'config.yaml': 'storage:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n' },
    },
    {
      name: 'encryption off: ENC001 reports the block, not the scope',
      files: { 'config.yaml': scope({ enabled: 'false', logs: 'false' }) },
    },
    { name: 'unresolved variable', files: { 'config.yaml': scope({ logs: '${ENCRYPT_LOGS}' }) } },
    {
      name: 'a compress flag is not a scope flag',
      files: { 'config.yaml': scope() + 'training:\n  checkpoint:\n    compression: false\n' },
    },
  ],
  invalid: [
    {
      name: 'guide default: indexes excluded is information',
      files: { 'config.yaml': scope({ idx: 'false # Performance tradeoff' }) },
      errors: [
        {
          messageId: 'leftOut',
          line: 7,
          column: 22,
          endColumn: 27,
          severity: 'info',
          message: /indexes/,
          suggestions: [{ title: 'Set encrypt_indexes to true', output: scope({ idx: 'true # Performance tradeoff' }) }],
        },
      ],
      output: null,
    },
    {
      name: 'checkpoints and logs excluded are warnings',
      files: { 'config.yaml': scope({ ckpt: 'false', logs: 'no' }) },
      errors: [
        {
          messageId: 'leftInClear',
          line: 8,
          column: 26,
          severity: 'warning',
          message: /encrypt_checkpoints/,
          suggestions: [
            {
              title: 'Set encrypt_checkpoints to true',
              output:
                'storage:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n    # Encryption scope\n    encrypt_data: true\n    encrypt_indexes: true\n    encrypt_checkpoints: true\n    encrypt_logs: no\n',
            },
          ],
        },
        {
          messageId: 'leftInClear',
          line: 9,
          column: 19,
          endColumn: 21,
          severity: 'warning',
          message: /encrypt_logs/,
          suggestions: [
            {
              title: 'Set encrypt_logs to true',
              output:
                'storage:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n    # Encryption scope\n    encrypt_data: true\n    encrypt_indexes: true\n    encrypt_checkpoints: false\n    encrypt_logs: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'encrypt_logs fix',
      files: { 'config.yaml': scope({ logs: 'false' }) },
      errors: [
        {
          messageId: 'leftInClear',
          line: 9,
          severity: 'warning',
          suggestions: [{ title: 'Set encrypt_logs to true', output: scope({ logs: 'true' }) }],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': scope({ ckpt: 'false' }) },
      errors: [
        {
          messageId: 'leftInClear',
          line: 8,
          severity: 'hint',
          suggestions: [{ title: 'Set encrypt_checkpoints to true', output: scope({ ckpt: 'true' }) }],
        },
      ],
      output: null,
    },
  ],
});
