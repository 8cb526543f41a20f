import { ruleTester } from '../helpers/ruleTester.mjs';

const ckpt = (enc, sign) => `training:
  enabled: true
  checkpoint:
    enabled: true
    output_dir: /data/checkpoints
    encryption:
      enabled: ${enc}
      algorithm: AES-256-GCM
      compress_before_encrypt: true # Smaller size
    # Sign checkpoints
    signing:
      enabled: ${sign}
      algorithm: RSA-4096
      key_id: checkpoint-signing-key
`;

const llm = (v) => `llm:
  model_path: /models/encrypted/llama-2-7b.enc
  encryption:
    enabled: ${v}
    key_provider: vault
    key_id: production-key-001
`;

ruleTester('ENC006', {
  valid: [
    { name: 'guide values', files: { 'config.yaml': ckpt('true', 'true') + llm('true') } },
    {
      name: 'multi_gpu_setup checkpoint block without encryption keys (only explicit false counts)',
      files: {
        'config.yaml':
          'training:\n  enabled: true\n  checkpoint:\n    enabled: true\n    save_interval: 1000\n    output_dir: /data/checkpoints\n    compression: true\n',
      },
    },
    {
      name: 'backup destination with encryption',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nbackup:\n  enabled: true\n  destinations:\n    - type: s3\n      bucket: themisdb-backups\n      encryption: true\n',
      },
    },
    {
      name: 'checkpoint disabled flag is not encryption',
      files: { 'config.yaml': 'training:\n  checkpoint:\n    enabled: false\n    encryption:\n      enabled: true\n' },
    },
  ],
  invalid: [
    {
      name: 'checkpoint encryption off',
      files: { 'config.yaml': ckpt('false', 'true') },
      errors: [
        {
          messageId: 'checkpointEncryption',
          line: 7,
          column: 16,
          endColumn: 21,
          severity: 'warning',
          message: /checkpoints are written unencrypted/i,
        },
      ],
      output: ckpt('true', 'true'),
    },
    {
      name: 'checkpoint signing off',
      files: { 'config.yaml': ckpt('true', 'false') },
      errors: [{ messageId: 'checkpointSigning', line: 12, column: 16, severity: 'warning', message: /signed/ }],
      output: ckpt('true', 'true'),
    },
    {
      name: 'llm model encryption off',
      files: { 'config.yaml': llm('false') },
      errors: [
        {
          messageId: 'llmEncryption',
          line: 4,
          column: 14,
          severity: 'warning',
          message: /LLM model files/,
          suggestions: [{ title: 'Set llm.encryption.enabled to true', output: llm('true') }],
        },
      ],
      output: null,
    },
    {
      name: 'backup destination without encryption',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nbackup:\n  enabled: true\n  destinations:\n    - type: local\n      path: /backup/themisdb\n    - type: s3\n      bucket: themisdb-backups\n      region: us-west-2\n      encryption: false\n',
      },
      errors: [
        {
          messageId: 'destinationUnencrypted',
          line: 11,
          column: 19,
          severity: 'warning',
          message: /backup destination/,
          suggestions: [
            {
              title: 'Set encryption to true',
              output:
                'storage:\n  rocksdb_path: /data\nbackup:\n  enabled: true\n  destinations:\n    - type: local\n      path: /backup/themisdb\n    - type: s3\n      bucket: themisdb-backups\n      region: us-west-2\n      encryption: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'both checkpoint findings, in order',
      files: { 'config.yaml': ckpt('false', 'off') },
      errors: [
        { messageId: 'checkpointEncryption', line: 7 },
        { messageId: 'checkpointSigning', line: 12 },
      ],
      output: ckpt('true', 'true'),
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': llm('false') },
      errors: [
        {
          messageId: 'llmEncryption',
          line: 4,
          severity: 'hint',
          suggestions: [{ title: 'Set llm.encryption.enabled to true', output: llm('true') }],
        },
      ],
      output: null,
    },
  ],
});
