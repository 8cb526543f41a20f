import { ruleTester } from '../helpers/ruleTester.mjs';

const base = (body) => `storage:\n  rocksdb_path: ./data/rocksdb\n${body}`;

ruleTester('SCH005', {
  valid: [
    { name: 'highest port', files: { 'config.yaml': base('server:\n  port: 65535\n') } },
    { name: 'documented sentinel', files: { 'config.yaml': base('server:\n  worker_threads: 0\n') } },
    { name: '${VAR} with an unknown value', files: { 'config.yaml': base('server:\n  port: ${THEMIS_PORT}\n') } },
  ],
  invalid: [
    {
      name: 'port too large',
      files: { 'config.yaml': base('server:\n  port: 70000\n') },
      errors: [
        {
          messageId: 'outOfRange',
          line: 4,
          column: 9,
          endColumn: 14,
          severity: 'error',
          message: /^`port` is 70000, but it must be between 1 and 65535\.$/,
        },
      ],
      output: null,
    },
    {
      name: 'port zero',
      files: { 'config.yaml': base('server:\n  port: 0\n') },
      errors: [{ messageId: 'outOfRange', line: 4, severity: 'error' }],
      output: null,
    },
    {
      name: 'a percentage above 100',
      files: {
        'config.yaml': base(
          'security:\n  gpu:\n    access_control:\n      per_process_limit:\n        max_gpu_utilization_percent: 150\n',
        ),
      },
      errors: [{ messageId: 'outOfRange', line: 7, message: /between 0 and 100/ }],
      output: null,
    },
    {
      name: '${VAR} checked after expansion',
      files: { 'config.yaml': base('server:\n  port: ${THEMIS_PORT}\n'), '.env': 'THEMIS_PORT=99999\n' },
      errors: [{ messageId: 'outOfRange', line: 4, message: /is 99999/ }],
      output: null,
    },
    {
      name: 'a number in an anchored mapping: once, at the anchor, for every alias',
      files: { 'config.yaml': base('listeners:\n  main: &main\n    port: 87650\nserver: *main\nmetrics: *main\n') },
      errors: [{ messageId: 'outOfRange', line: 5, column: 11 }],
      output: null,
    },
  ],
});
