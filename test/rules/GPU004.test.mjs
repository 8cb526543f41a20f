import { ruleTester } from '../helpers/ruleTester.mjs';

const guide = (items) => `security:
  gpu:
    access_control:
      enabled: true
      mode: strict
    # GPU operations whitelist
    allowed_operations:
${items}    compute_mode: exclusive_process
`;

ruleTester('GPU004', {
  valid: [
    {
      name: 'guide list with mining commented out',
      files: { 'config.yaml': guide('      - training\n      - inference\n      # - mining # BLOCKED\n') },
    },
    { name: 'embedding', files: { 'config.yaml': guide('      - inference\n      - embedding\n') } },
    { name: 'flow list', files: { 'config.yaml': 'security:\n  gpu:\n    allowed_operations: [training, inference]\n' } },
    {
      name: 'allowed_operations outside GPU settings',
      files: { 'config.yaml': guide('      - training\n') + 'plugins:\n  allowed_operations:\n    - mining\n' },
    },
  ],
  invalid: [
    {
      name: 'mining in a block list: its line is removed',
      files: { 'config.yaml': guide('      - training\n      - mining   # BLOCKED\n      - inference\n') },
      errors: [
        {
          messageId: 'blocked',
          line: 9,
          column: 9,
          endColumn: 15,
          severity: 'error',
          message: /mining/,
          suggestions: [
            {
              title: 'Remove "mining" from allowed_operations',
              output:
                'security:\n  gpu:\n    access_control:\n      enabled: true\n      mode: strict\n    # GPU operations whitelist\n    allowed_operations:\n      - training\n      - inference\n    compute_mode: exclusive_process\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'flow list, middle item',
      files: { 'config.yaml': 'security:\n  gpu:\n    allowed_operations: [training, mining, inference]\n' },
      errors: [
        {
          messageId: 'blocked',
          line: 3,
          column: 36,
          endColumn: 42,
          severity: 'error',
          suggestions: [
            {
              title: 'Remove "mining" from allowed_operations',
              output: 'security:\n  gpu:\n    allowed_operations: [training, inference]\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'flow list, last item',
      files: { 'config.yaml': 'security:\n  gpu:\n    allowed_operations: [training, "crypto_mining"]\n' },
      errors: [
        {
          messageId: 'blocked',
          line: 3,
          column: 36,
          severity: 'error',
          suggestions: [
            {
              title: 'Remove "crypto_mining" from allowed_operations',
              output: 'security:\n  gpu:\n    allowed_operations: [training]\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'flow list, only item',
      files: { 'config.yaml': 'security:\n  gpu:\n    allowed_operations: [mining]\n' },
      errors: [
        {
          messageId: 'blocked',
          line: 3,
          column: 26,
          severity: 'error',
          suggestions: [
            { title: 'Remove "mining" from allowed_operations', output: 'security:\n  gpu:\n    allowed_operations: []\n' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an item set through a variable: no fix here (the value lives in the .env)',
      files: {
        'config.yaml': 'security:\n  gpu:\n    allowed_operations: [training, "${GPU_OP}"]\n',
        '.env': 'THEMIS_PRODUCTION_MODE=1\nGPU_OP=mining\n',
      },
      errors: [{ messageId: 'blocked', line: 3, column: 36, severity: 'error', message: /GPU_OP/ }],
      output: null,
    },
    {
      name: 'two blocked operations: both removed in one pass',
      files: { 'config.yaml': guide('      - mining\n      - training\n      - rendering\n') },
      errors: [
        {
          messageId: 'blocked',
          line: 8,
          message: /mining/,
          suggestions: [
            {
              title: 'Remove "mining" from allowed_operations',
              output:
                'security:\n  gpu:\n    access_control:\n      enabled: true\n      mode: strict\n    # GPU operations whitelist\n    allowed_operations:\n      - training\n      - rendering\n    compute_mode: exclusive_process\n',
            },
          ],
        },
        {
          messageId: 'blocked',
          line: 10,
          message: /rendering/,
          suggestions: [
            {
              title: 'Remove "rendering" from allowed_operations',
              output:
                'security:\n  gpu:\n    access_control:\n      enabled: true\n      mode: strict\n    # GPU operations whitelist\n    allowed_operations:\n      - mining\n      - training\n    compute_mode: exclusive_process\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': guide('      - mining\n') },
      errors: [
        {
          messageId: 'blocked',
          line: 8,
          severity: 'hint',
          suggestions: [
            {
              title: 'Remove "mining" from allowed_operations',
              output:
                'security:\n  gpu:\n    access_control:\n      enabled: true\n      mode: strict\n    # GPU operations whitelist\n    allowed_operations:\n    compute_mode: exclusive_process\n',
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
