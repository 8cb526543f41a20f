import { ruleTester } from '../helpers/ruleTester.mjs';

const cfg = ({ enc = 'true', audit = 'true' } = {}) => `storage:
  data_dir: /data/themisdb
  encryption:
    enabled: ${enc}
logging:
  level: info
  audit:
    enabled: ${audit}
compliance:
  soc2:
    enabled: true
    controls:
      - access_control
      - data_at_rest_encryption
      - audit_logging
`;

ruleTester('CMP003', {
  valid: [
    { name: 'audit and encryption on', files: { 'config.yaml': cfg() } },
    {
      name: 'SOC 2 off',
      files: { 'config.yaml': cfg({ enc: 'false' }).replace('soc2:\n    enabled: true', 'soc2:\n    enabled: false') },
    },
    {
      name: 'security.yaml dialect on',
      files: {
        'security.yaml':
          'hsm:\n  provider: pkcs11\nfield_encryption:\n  enabled: true\naudit:\n  enabled: true\ncompliance:\n  soc2:\n    enabled: true\n',
      },
    },
    {
      name: 'audit switched on in the security.yaml next to it',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: ./data\n  encryption:\n    enabled: true\nlogging:\n  level: INFO\ncompliance:\n  soc2:\n    enabled: true\n',
        'security.yaml': 'hsm:\n  provider: pkcs11\naudit:\n  enabled: true\n  log_path: ./logs/audit.log\n',
      },
    },
    {
      name: 'fragment without storage or logging',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\ncompliance:\n  soc2:\n    enabled: true\n' },
    },
  ],
  invalid: [
    {
      name: 'audit off',
      files: { 'config.yaml': cfg({ audit: 'false' }) },
      errors: [
        { messageId: 'auditOff', line: 11, column: 14, endColumn: 18, severity: 'error', message: /audit logging is off/ },
      ],
    },
    {
      name: 'encryption off',
      files: { 'config.yaml': cfg({ enc: 'false' }) },
      errors: [{ messageId: 'atRestOff', line: 11, severity: 'error', message: /encryption at rest is off/ }],
    },
    {
      name: 'both off: two findings',
      files: { 'config.yaml': cfg({ enc: 'no', audit: 'off' }) },
      errors: [
        { messageId: 'auditOff', line: 11, message: /audit/ },
        { messageId: 'atRestOff', line: 11, message: /encryption/ },
      ],
    },
    {
      name: 'core config without audit section',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: ./data\n  encryption:\n    enabled: true\nlogging:\n  level: INFO\ncompliance:\n  soc2:\n    enabled: true\n',
      },
      errors: [{ messageId: 'auditOff', line: 9, column: 14, severity: 'error', message: /audit/ }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': cfg({ audit: 'false' }) },
      errors: [{ messageId: 'auditOff', line: 11, severity: 'hint' }],
    },
  ],
});
