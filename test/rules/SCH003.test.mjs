import { ruleTester } from '../helpers/ruleTester.mjs';

const base = (body) => `storage:\n  rocksdb_path: ./data/rocksdb\n${body}`;

ruleTester('SCH003', {
  valid: [
    { name: 'typed values', files: { 'config.yaml': base('server:\n  port: 8765\nvector_index:\n  dimension: 768\n') } },
    { name: '${VAR} in a typed field', files: { 'config.yaml': base('server:\n  port: ${THEMIS_PORT:-8765}\n') } },
    {
      name: 'quoted ${VAR} with a numeric value stays text',
      files: {
        'config.yaml': base(
          'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/p11.so\n    pin: "${THEMIS_HSM_PIN}"\n',
        ),
        '.env': 'THEMIS_HSM_PIN=4096\n',
      },
    },
    {
      name: 'a typed value reached through an alias',
      files: { 'config.yaml': base('ports:\n  main: &p 8765\nserver:\n  port: *p\n') },
    },
  ],
  invalid: [
    {
      name: 'text for a port',
      files: { 'config.yaml': base('server:\n  port: "abc"\n') },
      errors: [
        {
          messageId: 'mismatch',
          line: 4,
          column: 9,
          endColumn: 14,
          severity: 'error',
          message: /expects an integer, not the text "abc"/,
        },
      ],
      output: null,
    },
    {
      name: 'quoted number: a warning, converted by a suggestion only',
      files: { 'config.yaml': base('server:\n  port: "8080"\n') },
      errors: [
        {
          messageId: 'quoted',
          line: 4,
          column: 9,
          severity: 'warning',
          suggestions: [{ title: 'Convert to integer 8080', output: base('server:\n  port: 8080\n') }],
        },
      ],
      output: null,
    },
    {
      name: 'quoted boolean',
      files: { 'config.yaml': base('  enable_blobdb: "true"\n') },
      errors: [
        {
          messageId: 'quoted',
          line: 3,
          severity: 'warning',
          suggestions: [{ title: 'Convert to boolean true', output: base('  enable_blobdb: true\n') }],
        },
      ],
      output: null,
    },
    {
      name: 'a number in a boolean field',
      files: { 'config.yaml': base('  enable_blobdb: 1\n') },
      errors: [{ messageId: 'mismatch', line: 3, column: 18, severity: 'error', message: /expects a boolean, not the number 1/ }],
      output: null,
    },
    {
      name: 'a list where a number is expected',
      files: { 'config.yaml': base('vector_index:\n  dimension: [768]\n') },
      errors: [{ messageId: 'mismatch', line: 4, column: 14, severity: 'error', message: /not a list/ }],
      output: null,
    },
    {
      name: '${VAR} checked after substitution',
      files: { 'config.yaml': base('server:\n  port: ${THEMIS_PORT}\n'), '.env': 'THEMIS_PORT=eighty\n' },
      errors: [{ messageId: 'mismatch', line: 4, severity: 'error', message: /the text "eighty"/ }],
      output: null,
    },
    {
      name: 'a value substituted from a secret variable, or shaped like one, is masked',
      files: {
        'config.yaml': base('server:\n  port: ${THEMIS_TOKEN_ADMIN}\nmetrics:\n  port: ${FIRST_VAR}\n'),
        '.env': 'THEMIS_TOKEN_ADMIN=hunter2hunter2\nFIRST_VAR=Rk7Tq2Wz9Lp4Xm8Vn3Bc6Yh1Jd5\n',
      },
      errors: [
        { messageId: 'mismatch', line: 4, message: /the text "hunt…" \(14 characters\)\./ },
        { messageId: 'mismatch', line: 6, message: /the text "Rk7T…" \(27 characters\)\./ },
      ],
      output: null,
    },
    {
      name: 'a quoted number reached through an alias: reported, no conversion through the alias',
      files: { 'config.yaml': base('server:\n  port: &p "8080"\nmetrics:\n  port: *p\n') },
      errors: [
        {
          messageId: 'quoted',
          line: 4,
          column: 12,
          severity: 'warning',
          suggestions: [{ title: 'Convert to integer 8080', output: base('server:\n  port: &p 8080\nmetrics:\n  port: *p\n') }],
        },
        { messageId: 'quoted', line: 6, column: 9, severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'a wrong type inside an anchored mapping lands on the anchor',
      files: { 'config.yaml': base('listeners:\n  main: &main\n    port: "abc"\nserver: *main\n') },
      errors: [{ messageId: 'mismatch', line: 5, column: 11, severity: 'error' }],
      output: null,
    },
  ],
});
