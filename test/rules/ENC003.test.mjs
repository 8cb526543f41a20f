import { ruleTester } from '../helpers/ruleTester.mjs';

const enc = (kdf, params) => `storage:
  encryption:
    enabled: true
    algorithm: AES-256-GCM
    # Key derivation
    kdf: ${kdf}
${params}    key_provider: vault
`;
const argonParams = (m, t, p) => `    kdf_params:
      memory_cost: ${m} # KiB
      time_cost: ${t}
      parallelism: ${p}
`;

ruleTester('ENC003', {
  valid: [
    { name: 'guide values', files: { 'config.yaml': enc('argon2id', argonParams(65536, 3, 4)) } },
    { name: 'above the minimums', files: { 'config.yaml': enc('argon2id', argonParams(262144, 4, 8)) } },
    { name: 'scrypt', files: { 'config.yaml': enc('scrypt', '    kdf_params:\n      n: 32768\n      r: 8\n      p: 1\n') } },
    { name: 'argon2id without parameters', files: { 'config.yaml': enc('argon2id', '') } },
    { name: 'no kdf at all', files: { 'config.yaml': 'storage:\n  encryption:\n    enabled: true\n' } },
    {
      name: 'memory_cost outside a kdf block is not checked',
      files: { 'config.yaml': 'gpu:\n  memory_pool:\n    memory_cost: 10\n' },
    },
  ],
  invalid: [
    {
      name: 'pbkdf2 → argon2id with the minimums added',
      files: { 'config.yaml': enc('pbkdf2', '    kdf_params:\n      iterations: 10000\n') },
      errors: [
        {
          messageId: 'weakKdf',
          line: 6,
          column: 10,
          endColumn: 16,
          severity: 'warning',
          message: /pbkdf2/,
          suggestions: [
            {
              title: 'Use argon2id with at least 64 MiB, 3 passes',
              output: enc(
                'argon2id',
                '    kdf_params:\n      iterations: 10000\n      memory_cost: 65536\n      time_cost: 3\n      parallelism: 4\n',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'sha256 without parameters: kdf_params block added',
      files: { 'config.yaml': enc('"sha256"', '') },
      errors: [
        {
          messageId: 'weakKdf',
          line: 6,
          severity: 'warning',
          suggestions: [
            {
              title: 'Use argon2id with at least 64 MiB, 3 passes',
              output:
                'storage:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n    # Key derivation\n    kdf: "argon2id"\n    key_provider: vault\n    kdf_params:\n      memory_cost: 65536\n      time_cost: 3\n      parallelism: 4\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'argon2i with weak params: kdf and params fixed together',
      files: { 'config.yaml': enc('argon2i', argonParams(4096, 1, 4)) },
      errors: [
        {
          messageId: 'weakKdf',
          line: 6,
          severity: 'warning',
          suggestions: [
            { title: 'Use argon2id with at least 64 MiB, 3 passes', output: enc('argon2id', argonParams(65536, 3, 4)) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'argon2id memory_cost and time_cost too low',
      files: { 'config.yaml': enc('argon2id', argonParams(16384, 2, 4)) },
      errors: [
        {
          messageId: 'lowParameter',
          line: 8,
          column: 20,
          endColumn: 25,
          severity: 'warning',
          message: /memory_cost/,
          suggestions: [
            {
              title: 'Set memory_cost to 65536',
              output:
                'storage:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n    # Key derivation\n    kdf: argon2id\n    kdf_params:\n      memory_cost: 65536 # KiB\n      time_cost: 2\n      parallelism: 4\n    key_provider: vault\n',
            },
          ],
        },
        {
          messageId: 'lowParameter',
          line: 9,
          column: 18,
          severity: 'warning',
          message: /time_cost/,
          suggestions: [
            {
              title: 'Set time_cost to 3',
              output:
                'storage:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n    # Key derivation\n    kdf: argon2id\n    kdf_params:\n      memory_cost: 16384 # KiB\n      time_cost: 3\n      parallelism: 4\n    key_provider: vault\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'parallelism 0',
      files: { 'config.yaml': enc('argon2id', argonParams(65536, 3, 0)) },
      errors: [
        {
          messageId: 'lowParameter',
          line: 10,
          column: 20,
          severity: 'warning',
          message: /parallelism/,
          suggestions: [{ title: 'Set parallelism to 4', output: enc('argon2id', argonParams(65536, 3, 4)) }],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': enc('pbkdf2', '') },
      errors: [
        {
          messageId: 'weakKdf',
          line: 6,
          severity: 'hint',
          suggestions: [
            {
              title: 'Use argon2id with at least 64 MiB, 3 passes',
              output:
                'storage:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n    # Key derivation\n    kdf: argon2id\n    key_provider: vault\n    kdf_params:\n      memory_cost: 65536\n      time_cost: 3\n      parallelism: 4\n',
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
