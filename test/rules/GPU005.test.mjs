import { ruleTester } from '../helpers/ruleTester.mjs';

const guide = ({ clear = 'true', scrub = 'true', mode = 'strict' } = {}) => `security:
  vram:
    # Clear VRAM after use
    secure_clear:
      enabled: ${clear}
      method: overwrite # overwrite, zero, random
      passes: 3
    # Scrub on job completion
    scrub_on_exit: ${scrub}
    # Prevent data leakage between jobs
    isolation:
      enabled: true
      mode: ${mode} # strict, standard, permissive
`;
const example = (v) => `gpu:
  enabled: true
  vram:
    secure_clear: ${v}
    unified_memory: false
    oom_protection:
      enabled: true
storage:
  encryption:
    enabled: true
`;

ruleTester('GPU005', {
  valid: [
    { name: 'guide values', files: { 'config.yaml': guide() } },
    { name: 'multi_gpu_setup', files: { 'config.yaml': example('true') } },
    { name: 'unified_memory false is not secure_clear', files: { 'config.yaml': example('true') } },
    { name: 'unresolved variable', files: { 'config.yaml': example('${VRAM_CLEAR}') } },
  ],
  invalid: [
    {
      name: 'guide secure_clear off',
      files: { 'config.yaml': guide({ clear: 'false' }) },
      errors: [{ messageId: 'notCleared', line: 5, column: 16, endColumn: 21, severity: 'warning', message: /secure_clear/ }],
      output: guide(),
    },
    {
      name: 'example gpu.vram.secure_clear: false',
      files: { 'config.yaml': example('false') },
      errors: [{ messageId: 'notCleared', line: 4, column: 19, severity: 'warning' }],
      output: example('true'),
    },
    {
      name: 'scrub_on_exit off',
      files: { 'config.yaml': guide({ scrub: 'no' }) },
      errors: [{ messageId: 'notScrubbed', line: 9, column: 20, severity: 'warning', message: /scrub_on_exit/ }],
      output: guide({ scrub: 'true' }),
    },
    {
      name: 'isolation mode standard',
      files: { 'config.yaml': guide({ mode: 'standard' }) },
      errors: [{ messageId: 'isolationMode', line: 13, column: 13, endColumn: 21, severity: 'warning', message: /standard/ }],
      output: guide(),
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': example('false') },
      errors: [{ messageId: 'notCleared', line: 4, severity: 'hint' }],
      output: example('true'),
    },
  ],
});
