import { ruleTester } from '../helpers/ruleTester.mjs';

const rot = (age) => `logging:
  audit:
    enabled: true
    # Rotation
    rotation:
      max_size: 100MB
      max_age: ${age} # days
      max_backups: 100
`;

ruleTester('AUD007', {
  valid: [
    { name: 'guide: 90 days', files: { 'config.yaml': rot('90') } },
    {
      name: 'security.yaml 365 days',
      files: {
        'security.yaml':
          'hsm:\n  provider: pkcs11\naudit:\n  enabled: true\n  log_path: ./logs/audit.log\n  retention_days: 365\n',
      },
    },
    {
      name: 'server log rotation is not the audit trail',
      files: {
        'config.yaml':
          'logging:\n  level: info\n  rotation:\n    max_size: 500MB\n    max_age: 30\n  audit:\n    enabled: true\n',
      },
    },
    {
      name: 'WORM retention 7 years',
      files: {
        'config.yaml':
          'logging:\n  audit:\n    enabled: true\n    worm_storage:\n      enabled: true\n      retention_period: 2555 # 7 years\n',
      },
    },
    { name: 'hours spelled out that reach 90 days', files: { 'config.yaml': rot('"2160h"') } },
  ],
  invalid: [
    {
      name: 'rotation max_age 30',
      files: { 'config.yaml': rot('30') },
      errors: [
        {
          messageId: 'tooShort',
          line: 7,
          column: 16,
          endColumn: 18,
          severity: 'warning',
          message: /90 days/,
          suggestions: [{ title: 'Set max_age to 90', output: rot('90') }],
        },
      ],
      output: null,
    },
    {
      name: 'security.yaml retention_days 30',
      files: {
        'security.yaml': 'hsm:\n  provider: pkcs11\naudit:\n  enabled: true\n  # Log retention (days)\n  retention_days: 30\n',
      },
      errors: [
        {
          messageId: 'tooShort',
          line: 6,
          column: 19,
          severity: 'warning',
          suggestions: [
            {
              title: 'Set retention_days to 90',
              output: 'hsm:\n  provider: pkcs11\naudit:\n  enabled: true\n  # Log retention (days)\n  retention_days: 90\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'per-output rotation with a unit keeps the unit',
      files: {
        'config.yaml':
          'logging:\n  audit:\n    enabled: true\n    outputs:\n      - type: file\n        path: /var/log/themisdb/audit.log\n        rotation:\n          max_size: 100MB\n          max_age: "30d"\n',
      },
      errors: [
        {
          messageId: 'tooShort',
          line: 9,
          column: 20,
          severity: 'warning',
          suggestions: [
            {
              title: 'Set max_age to 90d',
              output:
                'logging:\n  audit:\n    enabled: true\n    outputs:\n      - type: file\n        path: /var/log/themisdb/audit.log\n        rotation:\n          max_size: 100MB\n          max_age: "90d"\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': rot('7') },
      errors: [
        { messageId: 'tooShort', line: 7, severity: 'hint', suggestions: [{ title: 'Set max_age to 90', output: rot('90') }] },
      ],
      output: null,
    },
  ],
});
