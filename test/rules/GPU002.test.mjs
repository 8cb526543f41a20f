import { ruleTester } from '../helpers/ruleTester.mjs';

const guide = (m) => `security:
  gpu:
    access_control:
      enabled: true
      mode: strict
    # Compute mode restrictions
    compute_mode: ${m} # default, exclusive_thread, prohibited
`;
const example = (m) => `gpu:
  enabled: true
  # GPU settings
  persistence_mode: true
  compute_mode: ${m}
  power_limit: 400  # Watts per GPU
network:
  tls:
    enabled: true
`;

ruleTester('GPU002', {
  valid: [
    { name: 'guide exclusive_process', files: { 'config.yaml': guide('exclusive_process') } },
    { name: 'multi_gpu_setup', files: { 'config.yaml': example('exclusive_process') } },
    { name: 'prohibited', files: { 'config.yaml': guide('prohibited') } },
    {
      name: 'a non-GPU compute_mode',
      files: { 'config.yaml': example('exclusive_process') + 'query:\n  compute_mode: default\n' },
    },
  ],
  invalid: [
    {
      name: 'guide default',
      files: { 'config.yaml': guide('default') },
      errors: [
        {
          messageId: 'shared',
          line: 7,
          column: 19,
          endColumn: 26,
          severity: 'info',
          message: /share one GPU context/,
          suggestions: [{ title: 'Set compute_mode to exclusive_process', output: guide('exclusive_process') }],
        },
      ],
      output: null,
    },
    {
      name: 'example dialect, quoted',
      files: { 'config.yaml': example('"Default"') },
      errors: [
        {
          messageId: 'shared',
          line: 5,
          column: 17,
          severity: 'info',
          suggestions: [{ title: 'Set compute_mode to exclusive_process', output: example('"exclusive_process"') }],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': example('default') },
      errors: [
        {
          messageId: 'shared',
          line: 5,
          severity: 'hint',
          suggestions: [{ title: 'Set compute_mode to exclusive_process', output: example('exclusive_process') }],
        },
      ],
      output: null,
    },
  ],
});
