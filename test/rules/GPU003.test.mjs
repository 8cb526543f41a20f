import { ruleTester } from '../helpers/ruleTester.mjs';

const ac = (limits) => `security:
  gpu:
    access_control:
      enabled: true
      mode: strict
      user_gpu_mapping:
        ml_user1: [0, 1]
${limits}`;

ruleTester('GPU003', {
  valid: [
    {
      name: 'guide limits',
      files: {
        'config.yaml': ac(
          '      # Process limits\n      per_process_limit:\n        max_vram_mb: 8192\n        max_gpu_utilization_percent: 50\n',
        ),
      },
    },
    {
      name: 'multi_gpu_setup: VRAM limit only',
      files: { 'config.yaml': ac('      per_user_limit: 1\n      per_process_limit:\n        max_vram_mb: 10240\n') },
    },
    {
      name: 'access control off is GPU001',
      files: { 'config.yaml': 'security:\n  gpu:\n    access_control:\n      enabled: false\n' },
    },
    {
      name: 'no access_control block at all',
      files: { 'config.yaml': 'gpu:\n  enabled: true\n  compute_mode: exclusive_process\n  vram:\n    secure_clear: true\n' },
    },
  ],
  invalid: [
    {
      name: 'no per_process_limit: reported on access_control',
      files: { 'config.yaml': ac('') },
      errors: [{ messageId: 'noLimit', line: 3, column: 5, endColumn: 19, severity: 'info', message: /per_process_limit/ }],
    },
    {
      name: 'utilization 100 %',
      files: {
        'config.yaml': ac('      per_process_limit:\n        max_vram_mb: 8192\n        max_gpu_utilization_percent: 100\n'),
      },
      errors: [{ messageId: 'fullUtilization', line: 10, column: 38, endColumn: 41, severity: 'info', message: /100/ }],
    },
    {
      name: 'empty per_process_limit',
      files: { 'config.yaml': ac('      per_process_limit: {}\n') },
      errors: [{ messageId: 'emptyLimit', line: 8, column: 7, severity: 'info' }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': ac('') },
      errors: [{ messageId: 'noLimit', line: 3, severity: 'hint' }],
    },
  ],
});
