import { ruleTester } from '../helpers/ruleTester.mjs';

const base = (body) => `storage:\n  rocksdb_path: ./data/rocksdb\n${body}`;

ruleTester('SCH006', {
  valid: [
    { name: 'keys the server reads', files: { 'config.yaml': base('server:\n  port: 8765\n') } },
    {
      name: 'nothing in mig.yaml is unread',
      files: {
        'mig.yaml':
          'mig:\n  enabled: true\n  instances:\n    - uuid: MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e\n      users: [ml_user1]\n',
      },
    },
  ],
  invalid: [
    {
      name: 'documented but unread key',
      files: { 'config.yaml': base('  wal_dir: /wal\n') },
      errors: [
        {
          messageId: 'unreadKey',
          line: 3,
          column: 3,
          endColumn: 10,
          severity: 'hint',
          message: /does not read `storage\.wal_dir`: this setting/,
        },
      ],
      output: null,
    },
    {
      name: 'a section whose keys are all unread: once, on the section',
      files: { 'config.yaml': base('logging:\n  level: INFO\n  file: /var/log/themisdb.log\n') },
      errors: [
        {
          messageId: 'unreadSection',
          line: 3,
          column: 1,
          endColumn: 8,
          severity: 'hint',
          message: /`logging` or anything under it/,
        },
      ],
      output: null,
    },
    {
      name: 'an unread key reached through an alias: at the anchor',
      files: { 'config.yaml': base('listeners:\n  main: &main\n    port: 8765\n    max_connections: 500\nserver: *main\n') },
      errors: [{ messageId: 'unreadKey', line: 6, column: 5, endColumn: 20, message: /`server\.max_connections`/ }],
      output: null,
    },
  ],
});
