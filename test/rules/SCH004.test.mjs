import { ruleTester } from '../helpers/ruleTester.mjs';

const base = (body) => `storage:\n  rocksdb_path: ./data/rocksdb\n${body}`;

ruleTester('SCH004', {
  valid: [
    { name: 'allowed value', files: { 'config.yaml': base('vector_index:\n  metric: COSINE\n') } },
    {
      name: 'allowed value reached through an alias',
      files: { 'config.yaml': base('metric_choice: &m L2\nvector_index:\n  metric: *m\n') },
    },
    {
      name: 'mig profile',
      files: {
        'mig.yaml':
          'mig:\n  enabled: true\n  instances:\n    - uuid: MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e\n      profile: 1g.5gb\n      users: [ml_user1]\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a value substituted from a secret-shaped variable is masked',
      files: {
        'config.yaml': base('vector_index:\n  metric: ${METRIC}\n'),
        '.env': 'METRIC=AKIAJ7Q2ZK4MXW9PLRTV\n',
      },
      errors: [{ messageId: 'notAllowed', line: 4, message: /^"AKIA…" \(20 characters\) is not a valid value/ }],
      output: null,
    },
    {
      name: 'close enum value fixed',
      files: { 'config.yaml': base('vector_index:\n  metric: COSIN\n') },
      errors: [
        {
          messageId: 'notAllowedNear',
          line: 4,
          column: 11,
          endColumn: 16,
          severity: 'error',
          message: /Allowed: "COSINE", "L2", "DOT"\. Did you mean "COSINE"\?/,
        },
      ],
      output: base('vector_index:\n  metric: COSINE\n'),
    },
    {
      name: 'case matters: fixed to the allowed spelling',
      files: { 'config.yaml': base('vector_index:\n  metric: cosine\n') },
      errors: [{ messageId: 'notAllowedNear', line: 4 }],
      output: base('vector_index:\n  metric: COSINE\n'),
    },
    {
      name: 'far enum value',
      files: { 'config.yaml': base('vector_index:\n  metric: MANHATTAN\n') },
      errors: [
        {
          messageId: 'notAllowed',
          line: 4,
          severity: 'error',
          message: /^"MANHATTAN" is not a valid value for `metric`\. Allowed: "COSINE", "L2", "DOT"\.$/,
        },
      ],
      output: null,
    },
    {
      name: 'two allowed values equally close: no fix',
      files: { 'config.yaml': base('  compression:\n    default: lz4h\n') },
      errors: [{ messageId: 'notAllowed', line: 4, column: 14 }],
      output: null,
    },
    {
      name: 'quotes are kept by the fix',
      files: { 'config.yaml': base('replication:\n  shipper_enabled: true\n  compression: "lz-4"\n') },
      errors: [{ messageId: 'notAllowedNear', line: 5, message: /Did you mean "lz4"/ }],
      output: base('replication:\n  shipper_enabled: true\n  compression: "lz4"\n'),
    },
    {
      name: 'a block scalar value: the fix replaces the scalar and keeps the next line',
      files: { 'config.yaml': base('vector_index:\n  metric: >-\n    COSIN\n  dimension: 768\n') },
      errors: [{ messageId: 'notAllowedNear', line: 4, column: 11, endLine: 5, endColumn: 10 }],
      output: base('vector_index:\n  metric: COSINE\n  dimension: 768\n'),
    },
    {
      name: 'a value reached through an alias: reported where the alias stands, not fixed through it',
      files: { 'config.yaml': base('metrics_defaults:\n  metric: &m COSIN\nvector_index:\n  metric: *m\n') },
      errors: [{ messageId: 'notAllowedNear', line: 6, column: 11, endColumn: 13 }],
      output: null,
    },
  ],
});
