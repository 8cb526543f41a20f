import { ruleTester } from '../helpers/ruleTester.mjs';

const base = (body) => `storage:\n  rocksdb_path: ./data/rocksdb\n${body}`;

ruleTester('SCH002', {
  valid: [
    {
      name: 'all dialects known',
      files: {
        'config.yaml': base(
          'server:\n  host: 127.0.0.1\n  enable_tls: true\nnetwork:\n  tls:\n    enabled: true\n    min_version: "1.3"\n',
        ),
      },
    },
    {
      name: 'known keys reached through an alias',
      files: { 'config.yaml': base('network:\n  tls: &tls\n    enabled: true\n    min_version: "1.3"\ngrpc:\n  tls: *tls\n') },
    },
  ],
  invalid: [
    {
      name: 'typo renamed to the closest key',
      files: { 'config.yaml': base('network:\n  tls:\n    enabled: true\n    min_verison: "1.3"  # typo\n') },
      errors: [
        {
          messageId: 'unknownNear',
          line: 6,
          column: 5,
          endColumn: 16,
          severity: 'warning',
          message: /Did you mean `min_version`/,
          suggestions: [
            {
              title: 'Rename to min_version',
              output: base('network:\n  tls:\n    enabled: true\n    min_version: "1.3"  # typo\n'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'unknown top-level key, no close match',
      files: { 'config.yaml': base('frobnicator:\n  level: 3\n') },
      errors: [
        {
          messageId: 'unknown',
          line: 3,
          column: 1,
          endColumn: 12,
          severity: 'warning',
          message: /`frobnicator` at the top level/,
        },
      ],
      output: null,
    },
    {
      name: 'a match three edits away is named, not renamed',
      files: { 'config.yaml': base('  memtable_sise_mbxx: 256\n') },
      errors: [{ messageId: 'unknownNear', line: 3, column: 3, message: /Did you mean `memtable_size_mb`/ }],
      output: null,
    },
    {
      name: 'a quoted dotted key is one key, not a path (it comes first, the real path after it)',
      files: { 'config.yaml': '"storage.rocksdb_path": /other\nstorage:\n  rocksdb_path: ./data/rocksdb\n' },
      errors: [{ messageId: 'unknown', line: 1, column: 1, endColumn: 23, message: /`storage\.rocksdb_path` at the top level/ }],
      output: null,
    },
    {
      name: 'a quoted dotted key under a section',
      files: { 'config.yaml': base('network:\n  "tls.enabled": true\n') },
      errors: [{ messageId: 'unknown', line: 4, column: 3, message: /`tls\.enabled` under `network`/ }],
      output: null,
    },
    {
      name: 'a merge key is a key like any other: the server (yaml-cpp) does not merge',
      files: { 'config.yaml': base('server:\n  <<: {port: 8765}\n  host: 127.0.0.1\n') },
      errors: [{ messageId: 'unknown', line: 4, column: 3, endColumn: 5, message: /`<<` under `server`/ }],
      output: null,
    },
    {
      name: 'a typo in an anchored mapping: reported once, where it is written, and renamed there (for every alias)',
      files: { 'config.yaml': base('network:\n  tls: &tls\n    enabled: true\n    min_verison: "1.3"\ngrpc:\n  tls: *tls\n') },
      errors: [
        {
          messageId: 'unknownNear',
          line: 6,
          column: 5,
          message: /under `network\.tls`/,
          suggestions: [
            {
              title: 'Rename to min_version',
              output: base('network:\n  tls: &tls\n    enabled: true\n    min_version: "1.3"\ngrpc:\n  tls: *tls\n'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a typo reached only through an alias: reported at the anchor, without a fix',
      files: { 'config.yaml': base('listeners:\n  main: &main\n    prot: 8765\nserver: *main\n') },
      errors: [
        { messageId: 'unknown', line: 3, message: /`listeners` at the top level/ },
        { messageId: 'unknownNear', line: 5, column: 5, endColumn: 9, message: /`prot` under `server`/ },
      ],
      output: null,
    },
    {
      name: 'the key of an alias entry is written there and may be renamed',
      files: { 'config.yaml': base('server:\n  port: &port 8765\nmetrics:\n  prot: *port\n') },
      errors: [
        { messageId: 'unknownNear', line: 6, column: 3, endColumn: 7, message: /`prot` under `metrics`.*Did you mean `port`/ },
      ],
      output: base('server:\n  port: &port 8765\nmetrics:\n  port: *port\n'),
    },
    {
      name: 'mig.yaml instance key',
      files: {
        'mig.yaml':
          'mig:\n  enabled: true\n  instances:\n    - uuid: MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e\n      usres: [ml_user1]\n',
      },
      errors: [{ messageId: 'unknownNear', line: 5, column: 7, message: /Did you mean `users`/ }],
      output:
        'mig:\n  enabled: true\n  instances:\n    - uuid: MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e\n      users: [ml_user1]\n',
    },
  ],
});
