import { ruleTester } from '../helpers/ruleTester.mjs';

const base = (body) => `storage:\n  rocksdb_path: ./data/rocksdb\n${body}`;

ruleTester('SCH001', {
  valid: [
    { name: 'clean file', files: { 'config.yaml': base('server:\n  port: 8765\n') } },
    {
      name: 'multi-document file, each document on its own',
      files: { 'config.yaml': base('---\nserver:\n  port: 1\n---\nserver:\n  port: 2\n') },
    },
    { name: 'the same key in two mappings', files: { 'config.yaml': base('server:\n  port: 8765\nmetrics:\n  port: 9090\n') } },
    {
      name: 'an anchored mapping used twice repeats no key',
      files: { 'config.yaml': base('listeners:\n  main: &main\n    port: 8765\nserver: *main\nreplica: *main\n') },
    },
  ],
  invalid: [
    {
      name: 'duplicate key: the second one is marked',
      files: { 'config.yaml': base('server:\n  port: 8765\n  port: 9000\n') },
      errors: [
        {
          messageId: 'duplicateKey',
          line: 5,
          column: 3,
          endColumn: 7,
          severity: 'error',
          message: /^Key `\w+` appears twice in the same mapping\./,
        },
      ],
      output: null,
    },
    {
      name: 'duplicate key inside an anchored mapping: reported once, where it is written',
      files: { 'config.yaml': base('listeners:\n  main: &main\n    port: 1\n    port: 2\nserver: *main\nreplica: *main\n') },
      errors: [{ messageId: 'duplicateKey', line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'unclosed quote',
      files: { 'config.yaml': base('server:\n  host: "0.0.0.0\n') },
      errors: [{ messageId: 'syntax', severity: 'error', message: /does not parse: Missing closing "quote/ }],
      output: null,
    },
    {
      name: 'unclosed flow sequence',
      files: { 'config.yaml': base('server: [a, b\n') },
      errors: [{ messageId: 'syntax', line: 4, severity: 'error' }],
      output: null,
    },
    {
      name: 'tab indentation',
      files: { 'config.yaml': base('server:\n\thost: 127.0.0.1\n') },
      errors: [{ messageId: 'tabIndent', line: 4, column: 1, severity: 'error', message: /Tabs/ }],
      output: null,
    },
    {
      name: 'an unresolved tag is legal YAML: a warning in its own words, not a parse error',
      files: { 'config.yaml': base('server:\n  port: !custom 8080\n') },
      errors: [
        {
          messageId: 'parserWarning',
          line: 4,
          column: 9,
          severity: 'warning',
          message: /^The YAML parser warns: Unresolved tag: !custom\. The YAML is valid/,
        },
      ],
      output: null,
    },
    {
      name: 'a custom tag such as !vault, an unknown directive and an unsupported YAML version are warnings',
      files: { 'config.yaml': '%FOO bar\n%YAML 1.3\n---\n' + base('security:\n  password: !vault secret/themis\n') },
      errors: [
        { messageId: 'parserWarning', line: 1, severity: 'warning', message: /Unknown directive %FOO/ },
        { messageId: 'parserWarning', line: 2, severity: 'warning', message: /Unsupported YAML version 1\.3/ },
        { messageId: 'parserWarning', line: 7, severity: 'warning', message: /!vault/ },
      ],
      output: null,
    },
    {
      name: 'mig.yaml',
      files: { 'mig.yaml': 'mig:\n  enabled: true\n  enabled: false\n  instances: []\n' },
      errors: [{ messageId: 'duplicateKey', line: 3 }],
      output: null,
    },
  ],
});
