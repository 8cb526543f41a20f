import { ruleTester } from '../helpers/ruleTester.mjs';

const rotation = (enabled, master, tls, api) =>
  `security:\n  key_rotation:\n    enabled: ${enabled}\n    schedules:\n      master_key:\n        interval: ${master} # days\n        advance_notice: 7 # days\n      tls_certificates:\n        interval: ${tls}\n        advance_notice: 30\n      api_keys:\n        interval: ${api}\n        advance_notice: 3\n    strategy: blue_green\n`;

ruleTester('KMS004', {
  valid: [
    { name: 'guide schedule', files: { 'config.yaml': rotation('true', 90, 365, 30) } },
    { name: 'TLS certificates up to 397 days', files: { 'config.yaml': rotation('true', 60, 397, 90) } },
    {
      name: 'edition security dialect has no rotation key',
      files: {
        'editions/enterprise.yaml':
          'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\n  enable_field_encryption: true\n  hsm:\n    provider: pkcs11\n',
      },
    },
    {
      name: 'security.yaml (hsm.* dialect) is not asked for rotation',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\nfield_encryption:\n  enabled: true\n' },
    },
    {
      name: 'core config without security',
      files: { 'config.yaml': 'server:\n  host: 127.0.0.1\nstorage:\n  rocksdb_path: /data\n' },
    },
    {
      name: 'long advance notice is not an interval',
      files: {
        'config.yaml':
          'security:\n  key_rotation:\n    enabled: true\n    schedules:\n      master_key:\n        interval: 90\n        advance_notice: 120\n',
      },
    },
  ],
  invalid: [
    {
      name: 'rotation switched off',
      files: { 'config.yaml': rotation('false', 90, 365, 30) },
      errors: [
        {
          messageId: 'rotationOff',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 19,
          severity: 'warning',
          suggestions: [{ title: 'Set enabled to true', output: rotation('true', 90, 365, 30) }],
        },
      ],
      output: null,
    },
    {
      name: 'intervals above the limits are set to the limits',
      files: { 'config.yaml': rotation('true', 365, 730, 180) },
      errors: [
        {
          messageId: 'intervalTooLong',
          line: 6,
          column: 19,
          endColumn: 22,
          message: /master key.*90-day/,
          suggestions: [
            {
              title: 'Set master_key.interval to 90',
              output:
                'security:\n  key_rotation:\n    enabled: true\n    schedules:\n      master_key:\n        interval: 90 # days\n        advance_notice: 7 # days\n      tls_certificates:\n        interval: 730\n        advance_notice: 30\n      api_keys:\n        interval: 180\n        advance_notice: 3\n    strategy: blue_green\n',
            },
          ],
        },
        {
          messageId: 'intervalTooLong',
          line: 9,
          column: 19,
          endColumn: 22,
          message: /397-day/,
          suggestions: [
            {
              title: 'Set tls_certificates.interval to 397',
              output:
                'security:\n  key_rotation:\n    enabled: true\n    schedules:\n      master_key:\n        interval: 365 # days\n        advance_notice: 7 # days\n      tls_certificates:\n        interval: 397\n        advance_notice: 30\n      api_keys:\n        interval: 180\n        advance_notice: 3\n    strategy: blue_green\n',
            },
          ],
        },
        {
          messageId: 'intervalTooLong',
          line: 12,
          column: 19,
          message: /API key/,
          suggestions: [
            {
              title: 'Set api_keys.interval to 90',
              output:
                'security:\n  key_rotation:\n    enabled: true\n    schedules:\n      master_key:\n        interval: 365 # days\n        advance_notice: 7 # days\n      tls_certificates:\n        interval: 730\n        advance_notice: 30\n      api_keys:\n        interval: 90\n        advance_notice: 3\n    strategy: blue_green\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'TLS certificate interval -> 397',
      files: { 'config.yaml': rotation('true', 90, 730, 30) },
      errors: [
        {
          messageId: 'intervalTooLong',
          line: 9,
          suggestions: [{ title: 'Set tls_certificates.interval to 397', output: rotation('true', 90, 397, 30) }],
        },
      ],
      output: null,
    },
    {
      name: 'string interval with a unit keeps its unit',
      files: { 'config.yaml': 'security:\n  key_rotation:\n    enabled: true\n    intervals:\n      api_keys: "180d"\n' },
      errors: [
        {
          messageId: 'intervalTooLong',
          line: 5,
          column: 17,
          endColumn: 23,
          suggestions: [
            {
              title: 'Set intervals.api_keys to 90d',
              output: 'security:\n  key_rotation:\n    enabled: true\n    intervals:\n      api_keys: "90d"\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a single interval for all keys is held to the master-key limit',
      files: { 'config.yaml': 'security:\n  key_rotation:\n    enabled: true\n    interval_days: 180\n' },
      errors: [
        {
          messageId: 'intervalTooLong',
          line: 4,
          column: 20,
          endColumn: 23,
          message: /90-day/,
          suggestions: [
            {
              title: 'Set key_rotation.interval_days to 90',
              output: 'security:\n  key_rotation:\n    enabled: true\n    interval_days: 90\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'guide security tree without key_rotation -> on the security key',
      files: { 'config.yaml': 'security:\n  gpu:\n    access_control:\n      enabled: true\n      mode: strict\n' },
      errors: [
        {
          messageId: 'rotationMissing',
          line: 1,
          column: 1,
          endColumn: 9,
          message: /no security\.key_rotation/,
          suggestions: [
            {
              title: 'Add security.key_rotation.enabled: true',
              output:
                'security:\n  gpu:\n    access_control:\n      enabled: true\n      mode: strict\n  key_rotation:\n    enabled: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'key_rotation without enabled -> on the key_rotation key',
      files: { 'config.yaml': 'security:\n  key_rotation:\n    schedules:\n      master_key:\n        interval: 90\n' },
      errors: [
        {
          messageId: 'enabledMissing',
          line: 2,
          column: 3,
          endColumn: 15,
          suggestions: [
            {
              title: 'Add enabled: true',
              output: 'security:\n  key_rotation:\n    schedules:\n      master_key:\n        interval: 90\n    enabled: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'encryption at rest without any security section -> on the storage key',
      files: {
        'config.yaml': 'storage:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n    key_provider: vault\n',
      },
      errors: [
        {
          messageId: 'rotationMissing',
          line: 1,
          column: 1,
          endColumn: 8,
          message: /encryption at rest/,
          suggestions: [
            {
              title: 'Add security.key_rotation.enabled: true',
              output:
                'storage:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n    key_provider: vault\nsecurity:\n  key_rotation:\n    enabled: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an interval from a ${VAR}: reported, no fix here',
      files: {
        'config.yaml': 'security:\n  key_rotation:\n    enabled: true\n    interval_days: ${ROTATE_DAYS}\n',
        '.env': 'THEMIS_PRODUCTION_MODE=1\nROTATE_DAYS=365\n',
      },
      errors: [{ messageId: 'intervalTooLong', line: 4, column: 20, message: /90-day/ }],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': rotation('false', 90, 365, 30) },
      errors: [
        {
          messageId: 'rotationOff',
          line: 3,
          severity: 'hint',
          suggestions: [{ title: 'Set enabled to true', output: rotation('true', 90, 365, 30) }],
        },
      ],
      output: null,
    },
  ],
});
