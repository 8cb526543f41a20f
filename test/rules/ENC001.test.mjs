import { ruleTester } from '../helpers/ruleTester.mjs';

// guide / multi_gpu_setup.yaml dialect
const guide = (enabled) => `# ThemisDB multi-GPU node
storage:
  data_dir: /data/themisdb
  rocksdb:
    max_open_files: 5000
  # Encryption
  encryption:
    enabled: ${enabled}
    algorithm: AES-256-GCM
    key_provider: vault
server:
  port: 8080
`;

// core config/core/config.yaml dialect: storage without any encryption block
const core = `# ThemisDB core config
storage:
  rocksdb_path: "./data/rocksdb"
  memtable_size_mb: 256   # write buffer
  compression:
    default: lz4
server:
  host: "0.0.0.0"
  port: 8765
`;

const coreFixed = `# ThemisDB core config
storage:
  rocksdb_path: "./data/rocksdb"
  memtable_size_mb: 256   # write buffer
  compression:
    default: lz4
  encryption:
    enabled: true
server:
  host: "0.0.0.0"
  port: 8765
`;

const securityYaml = (v) => `hsm:
  provider: pkcs11
  pkcs11:
    library_path: /usr/lib/softhsm/libsofthsm2.so
# Enable field-level encryption
field_encryption:
  enabled: ${v}
  algorithm: "AES-256-GCM"
`;

const edition = (v) => `edition: ENTERPRISE
storage:
  rocksdb_path: "./data"
  compression_type: zstd
security:
  enable_tls: true
  enable_auth: true
  enable_field_encryption: ${v}
  enable_hsm: true
`;

ruleTester('ENC001', {
  valid: [
    { name: 'guide dialect enabled', files: { 'config.yaml': guide('true') } },
    { name: 'yaml-cpp boolean yes', files: { 'config.yaml': guide('yes') } },
    {
      name: 'security.yaml with hsm only (partial file)',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/libCryptoki2_64.so\n' },
    },
    { name: 'security.yaml field encryption on', files: { 'security.yaml': securityYaml('true') } },
    { name: 'edition with field encryption on covers storage', files: { 'config.yaml': edition('true') } },
    {
      name: 'switch set through a variable',
      files: { 'config.yaml': guide('${STORAGE_ENCRYPTION}'), '.env': 'THEMIS_PRODUCTION_MODE=1\nSTORAGE_ENCRYPTION=true\n' },
    },
    {
      name: 'llm/backup encryption off is not storage encryption (ENC006)',
      files: { 'config.yaml': guide('true') + 'llm:\n  encryption:\n    enabled: false\n' },
    },
    {
      name: 'security.yaml in the same folder turns field encryption on',
      files: { 'config.yaml': core, 'security.yaml': securityYaml('true') },
    },
    { name: 'file without storage', files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    min_version: "1.3"\n' } },
    { name: 'foreign config.yaml', files: { 'config.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  storage: x\n' } },
  ],
  invalid: [
    {
      name: 'guide dialect enabled: false',
      files: { 'config.yaml': guide('false') },
      errors: [
        {
          messageId: 'switchedOff',
          line: 8,
          column: 14,
          endLine: 8,
          endColumn: 19,
          severity: 'error',
          message: /storage\.encryption\.enabled/,
          suggestions: [{ title: 'Set enabled to true', output: guide('true') }],
        },
      ],
      output: null,
    },
    {
      name: 'core config: storage without encryption, reported on storage:',
      files: { 'config.yaml': core },
      errors: [
        {
          messageId: 'storageUnencrypted',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 8,
          severity: 'error',
          suggestions: [{ title: 'Add storage.encryption.enabled: true', output: coreFixed }],
        },
      ],
      output: null,
    },
    {
      name: 'encryption block without its switch',
      files: {
        'config.yaml': 'storage:\n  data_dir: /data\n  encryption:\n    algorithm: AES-256-GCM\n    key_provider: vault\n',
      },
      errors: [
        {
          messageId: 'blockWithoutSwitch',
          line: 3,
          column: 3,
          severity: 'error',
          message: /enabled: true/,
          suggestions: [
            {
              title: 'Add enabled: true to storage.encryption',
              output:
                'storage:\n  data_dir: /data\n  encryption:\n    algorithm: AES-256-GCM\n    key_provider: vault\n    enabled: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'security.yaml field_encryption.enabled: false',
      files: { 'security.yaml': securityYaml('false') },
      errors: [
        {
          messageId: 'switchedOff',
          line: 7,
          column: 12,
          severity: 'error',
          message: /Field encryption/,
          suggestions: [{ title: 'Set enabled to true', output: securityYaml('true') }],
        },
      ],
      output: null,
    },
    {
      name: 'edition dialect enable_field_encryption: false',
      files: { 'config.yaml': edition('false   # not in this tier') },
      errors: [
        {
          messageId: 'switchedOff',
          line: 8,
          column: 28,
          endColumn: 33,
          severity: 'error',
          suggestions: [{ title: 'Set enable_field_encryption to true', output: edition('true   # not in this tier') }],
        },
      ],
      output: null,
    },
    {
      name: 'edition without the switch: reported on security:',
      files: {
        'config.yaml':
          'edition: COMMUNITY\nstorage:\n  rocksdb_path: "./data"\nsecurity:\n  enable_tls: true\n  enable_auth: true\n',
      },
      errors: [
        {
          messageId: 'editionWithoutSwitch',
          line: 4,
          column: 1,
          severity: 'error',
          suggestions: [
            {
              title: 'Add security.enable_field_encryption: true',
              output:
                'edition: COMMUNITY\nstorage:\n  rocksdb_path: "./data"\nsecurity:\n  enable_tls: true\n  enable_auth: true\n  enable_field_encryption: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'GPU example dialect security.encryption.enabled: false',
      files: { 'config.yaml': guide('true') + 'security:\n  encryption:\n    enabled: off\n' },
      errors: [
        {
          messageId: 'switchedOff',
          line: 15,
          column: 14,
          severity: 'error',
          suggestions: [
            { title: 'Set enabled to true', output: guide('true') + 'security:\n  encryption:\n    enabled: true\n' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'multi-document edition file: second document',
      files: {
        'editions/all-editions.yaml':
          '---\nedition: MINIMAL\nstorage:\n  rocksdb_path: "./data"\nsecurity:\n  enable_field_encryption: true\n---\nedition: COMMUNITY\nstorage:\n  rocksdb_path: "./data"\nsecurity:\n  enable_field_encryption: false\n',
      },
      errors: [
        {
          messageId: 'switchedOff',
          line: 12,
          column: 28,
          severity: 'error',
          suggestions: [
            {
              title: 'Set enable_field_encryption to true',
              output:
                '---\nedition: MINIMAL\nstorage:\n  rocksdb_path: "./data"\nsecurity:\n  enable_field_encryption: true\n---\nedition: COMMUNITY\nstorage:\n  rocksdb_path: "./data"\nsecurity:\n  enable_field_encryption: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CRLF file keeps its line breaks',
      files: { 'config.yaml': 'storage:\r\n  rocksdb_path: /data\r\nserver:\r\n  port: 8765\r\n' },
      errors: [
        {
          messageId: 'storageUnencrypted',
          line: 1,
          column: 1,
          severity: 'error',
          suggestions: [
            {
              title: 'Add storage.encryption.enabled: true',
              output: 'storage:\r\n  rocksdb_path: /data\r\n  encryption:\r\n    enabled: true\r\nserver:\r\n  port: 8765\r\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'security.yaml next to it has field encryption off: still reported',
      files: { 'config.yaml': core, 'security.yaml': securityYaml('false') },
      errors: [
        {
          messageId: 'storageUnencrypted',
          line: 2,
          column: 1,
          severity: 'error',
          suggestions: [{ title: 'Add storage.encryption.enabled: true', output: coreFixed }],
        },
      ],
      output: null,
    },
    {
      name: 'switch turned off through the .env (the reference itself is left alone)',
      files: { 'config.yaml': guide('${STORAGE_ENCRYPTION}'), '.env': 'THEMIS_PRODUCTION_MODE=1\nSTORAGE_ENCRYPTION=false\n' },
      errors: [{ messageId: 'switchedOff', line: 8, column: 14, severity: 'error' }],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': guide('false') },
      errors: [
        {
          messageId: 'switchedOff',
          line: 8,
          severity: 'hint',
          suggestions: [{ title: 'Set enabled to true', output: guide('true') }],
        },
      ],
      output: null,
    },
  ],
});
