import { ruleTester } from '../helpers/ruleTester.mjs';

const storage = (v) => `storage:
  data_dir: /data/themisdb
  encryption:
    enabled: ${v}
    algorithm: AES-256-GCM
`;
const hipaa = (req) => `compliance:
  hipaa:
    enabled: true
    # PHI protection
    phi_protection:
${req === null ? '' : `      encryption_required: ${req}\n`}      access_logging: comprehensive
      minimum_necessary: enforced
`;

ruleTester('CMP001', {
  valid: [
    { name: 'guide: required and storage encrypted', files: { 'config.yaml': storage('true') + hipaa('true') } },
    {
      name: 'field encryption of security.yaml counts',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\nfield_encryption:\n  enabled: true\n' + hipaa('required') },
    },
    { name: 'HIPAA off', files: { 'config.yaml': storage('false') + hipaa('false').replace('enabled: true', 'enabled: false') } },
    {
      name: 'fragment without storage: encryption settled elsewhere',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n' + hipaa('true') },
    },
  ],
  invalid: [
    {
      name: 'storage encryption off: reported on hipaa.enabled',
      files: { 'config.yaml': storage('false') + hipaa('true') },
      errors: [
        { messageId: 'atRestOff', line: 8, column: 14, endColumn: 18, severity: 'error', message: /encryption at rest is off/ },
      ],
    },
    {
      name: 'core storage without encryption',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: ./data/rocksdb\n' + hipaa('true') },
      errors: [{ messageId: 'atRestOff', line: 5, severity: 'error' }],
    },
    {
      name: 'encryption_required false',
      files: { 'config.yaml': storage('true') + hipaa('false') },
      errors: [
        {
          messageId: 'encryptionNotRequired',
          line: 11,
          column: 28,
          endColumn: 33,
          severity: 'error',
          message: /encryption_required: false/,
        },
      ],
    },
    {
      name: 'encryption_required missing: reported on phi_protection',
      files: { 'config.yaml': storage('true') + hipaa(null) },
      errors: [{ messageId: 'encryptionRequirementMissing', line: 10, column: 5, endColumn: 19, severity: 'error' }],
    },
    {
      name: 'edition dialect: field encryption off',
      files: {
        'config.yaml': 'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\n  enable_field_encryption: false\n' + hipaa('true'),
      },
      errors: [{ messageId: 'atRestOff', line: 7, severity: 'error' }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': storage('true') + hipaa('false') },
      errors: [{ messageId: 'encryptionNotRequired', line: 11, severity: 'hint' }],
    },
  ],
});
