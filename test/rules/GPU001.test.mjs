import { ruleTester } from '../helpers/ruleTester.mjs';

const guide = (enabled, mode) => `security:
  gpu:
    # Enable GPU access control
    access_control:
      enabled: ${enabled}
      mode: ${mode} # strict, permissive, audit
      # Per-user GPU allocation
      user_gpu_mapping:
        ml_user1: [0, 1]
        ml_user2: [2, 3]
`;

ruleTester('GPU001', {
  valid: [
    { name: 'guide strict', files: { 'config.yaml': guide('true', 'strict') } },
    {
      name: 'multi_gpu_setup dialect',
      files: {
        'config.yaml':
          'gpu:\n  enabled: true\n  compute_mode: exclusive_process\nsecurity:\n  gpu:\n    access_control:\n      enabled: true\n      mode: strict\n      per_user_limit: 1\n',
      },
    },
    {
      name: 'mode set through a variable',
      files: { 'config.yaml': guide('true', '${GPU_ACCESS_MODE}'), '.env': 'THEMIS_PRODUCTION_MODE=1\nGPU_ACCESS_MODE=strict\n' },
    },
    {
      name: 'an unrelated mode key',
      files: {
        'config.yaml':
          guide('true', 'strict') + '  vram:\n    isolation:\n      mode: strict\ngpu:\n  multi_gpu:\n    mode: permissive\n',
      },
    },
  ],
  invalid: [
    {
      name: 'access control off',
      files: { 'config.yaml': guide('false', 'strict') },
      errors: [
        {
          messageId: 'off',
          line: 5,
          column: 16,
          endColumn: 21,
          severity: 'warning',
          message: /access control is off/,
          suggestions: [{ title: 'Set access_control.enabled to true', output: guide('true', 'strict') }],
        },
      ],
      output: null,
    },
    {
      name: 'permissive mode',
      files: { 'config.yaml': guide('true', 'permissive') },
      errors: [
        {
          messageId: 'notStrict',
          line: 6,
          column: 13,
          endColumn: 23,
          severity: 'warning',
          message: /permissive/,
          suggestions: [{ title: 'Set mode to strict', output: guide('true', 'strict') }],
        },
      ],
      output: null,
    },
    {
      name: 'audit mode, quoted',
      files: { 'config.yaml': guide('true', '"audit"') },
      errors: [
        {
          messageId: 'notStrict',
          line: 6,
          severity: 'warning',
          suggestions: [{ title: 'Set mode to strict', output: guide('true', '"strict"') }],
        },
      ],
      output: null,
    },
    {
      name: 'resolved from .env',
      files: {
        'config.yaml': guide('true', '${GPU_ACCESS_MODE}'),
        '.env': 'THEMIS_PRODUCTION_MODE=1\nGPU_ACCESS_MODE=permissive\n',
      },
      errors: [{ messageId: 'notStrict', line: 6, severity: 'warning' }],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': guide('false', 'strict') },
      errors: [
        {
          messageId: 'off',
          line: 5,
          severity: 'hint',
          suggestions: [{ title: 'Set access_control.enabled to true', output: guide('true', 'strict') }],
        },
      ],
      output: null,
    },
  ],
});
