import { ruleTester } from '../helpers/ruleTester.mjs';

const storage = (p) => `storage:
  encryption:
    enabled: true
    algorithm: AES-256-GCM
    # Key provider
    key_provider: ${p} # file, env, vault, hsm
`;

ruleTester('ENC004', {
  valid: [
    { name: 'vault', files: { 'config.yaml': storage('vault') } },
    { name: 'hsm', files: { 'config.yaml': storage('hsm') } },
    {
      name: 'multi_gpu_setup style',
      files: {
        'config.yaml':
          'storage:\n  data_dir: /data/themisdb\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n    key_provider: vault\n',
      },
    },
    {
      name: 'a provider named "file" elsewhere is not a key provider',
      files: {
        'config.yaml':
          'logging:\n  audit:\n    enabled: true\n    outputs:\n      - type: file\n        path: /var/log/themisdb/audit.log\n',
      },
    },
    { name: 'unresolved variable', files: { 'config.yaml': storage('${KEY_PROVIDER}') } },
  ],
  invalid: [
    {
      name: 'file provider → suggestion vault',
      files: { 'config.yaml': storage('file') },
      errors: [
        {
          messageId: 'localProvider',
          line: 6,
          column: 19,
          endColumn: 23,
          severity: 'warning',
          message: /same machine/,
          suggestions: [{ title: 'Use the vault key provider', output: storage('vault') }],
        },
      ],
      output: null,
    },
    {
      name: 'env provider in llm.encryption, quoted',
      files: {
        'config.yaml':
          'llm:\n  model_path: /models/encrypted/llama-2-7b.enc\n  encryption:\n    enabled: true\n    key_provider: "env"\n    key_id: production-key-001\n',
      },
      errors: [
        {
          messageId: 'localProvider',
          line: 5,
          column: 19,
          endColumn: 24,
          severity: 'warning',
          suggestions: [
            {
              title: 'Use the vault key provider',
              output:
                'llm:\n  model_path: /models/encrypted/llama-2-7b.enc\n  encryption:\n    enabled: true\n    key_provider: "vault"\n    key_id: production-key-001\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'vram encryption with file keys',
      files: {
        'config.yaml':
          'security:\n  vram:\n    scrub_on_exit: true\n  vram_encryption:\n    enabled: true\n    key_provider: FILE\n',
      },
      errors: [
        {
          messageId: 'localProvider',
          line: 6,
          severity: 'warning',
          suggestions: [
            {
              title: 'Use the vault key provider',
              output:
                'security:\n  vram:\n    scrub_on_exit: true\n  vram_encryption:\n    enabled: true\n    key_provider: vault\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'resolved from .env',
      files: { 'config.yaml': storage('${KEY_PROVIDER}'), '.env': 'THEMIS_PRODUCTION_MODE=1\nKEY_PROVIDER=env\n' },
      errors: [
        {
          messageId: 'localProvider',
          line: 6,
          severity: 'warning',
          message: /^key_provider env \(from \$\{KEY_PROVIDER\}\) keeps the key on the same machine as the data it encrypts\./,
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': storage('env') },
      errors: [
        {
          messageId: 'localProvider',
          line: 6,
          severity: 'hint',
          suggestions: [{ title: 'Use the vault key provider', output: storage('vault') }],
        },
      ],
    },
  ],
});
