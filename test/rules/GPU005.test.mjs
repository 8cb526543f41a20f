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
      errors: [
        {
          messageId: 'notCleared',
          line: 5,
          column: 16,
          endColumn: 21,
          severity: 'warning',
          message: /secure_clear/,
          suggestions: [{ title: 'Set secure_clear.enabled to true', output: guide() }],
        },
      ],
      output: null,
    },
    {
      name: 'example gpu.vram.secure_clear: false',
      files: { 'config.yaml': example('false') },
      errors: [
        {
          messageId: 'notCleared',
          line: 4,
          column: 19,
          severity: 'warning',
          suggestions: [{ title: 'Set secure_clear to true', output: example('true') }],
        },
      ],
      output: null,
    },
    {
      name: 'scrub_on_exit off',
      files: { 'config.yaml': guide({ scrub: 'no' }) },
      errors: [
        {
          messageId: 'notScrubbed',
          line: 9,
          column: 20,
          severity: 'warning',
          message: /scrub_on_exit/,
          suggestions: [{ title: 'Set scrub_on_exit to true', output: guide({ scrub: 'true' }) }],
        },
      ],
      output: null,
    },
    {
      name: 'isolation mode standard',
      files: { 'config.yaml': guide({ mode: 'standard' }) },
      errors: [
        {
          messageId: 'isolationMode',
          line: 13,
          column: 13,
          endColumn: 21,
          severity: 'warning',
          message: /standard/,
          suggestions: [{ title: 'Set isolation.mode to strict', output: guide() }],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': example('false') },
      errors: [
        {
          messageId: 'notCleared',
          line: 4,
          severity: 'hint',
          suggestions: [{ title: 'Set secure_clear to true', output: example('true') }],
        },
      ],
      output: null,
    },
  ],
});
