import { ruleTester } from '../helpers/ruleTester.mjs';

const base = (body) => `storage:\n  rocksdb_path: ./data/rocksdb\n${body}`;

ruleTester('SCH001', {
  valid: [{ files: { 'config.yaml': base('server:\n  port: 8765\n') } }],
  invalid: [
    { name: 'duplicate key', files: { 'config.yaml': base('server:\n  port: 8765\n  port: 9000\n') }, errors: [{ line: 5, severity: 'error', message: /twice/ }] },
    { name: 'unclosed quote', files: { 'config.yaml': base('server:\n  host: "0.0.0.0\n') }, errors: [{ severity: 'error' }] },
    { name: 'tab indentation', files: { 'config.yaml': base('server:\n\thost: 127.0.0.1\n') }, errors: [{ line: 4, severity: 'error' }] },
  ],
});

ruleTester('SCH002', {
  valid: [
    { name: 'all dialects known', files: { 'config.yaml': base('server:\n  host: 127.0.0.1\n  enable_tls: true\nnetwork:\n  tls:\n    enabled: true\n    min_version: "1.3"\n') } },
  ],
  invalid: [
    {
      name: 'typo renamed to the closest key',
      files: { 'config.yaml': base('network:\n  tls:\n    enabled: true\n    min_verison: "1.3"  # typo\n') },
      errors: [{ line: 6, column: 5, endColumn: 16, severity: 'warning', message: /min_version/ }],
      output: base('network:\n  tls:\n    enabled: true\n    min_version: "1.3"  # typo\n'),
    },
    { name: 'unknown top-level key, no close match', files: { 'config.yaml': base('frobnicator:\n  level: 3\n') }, errors: [{ line: 3, severity: 'warning' }] },
  ],
});

ruleTester('SCH003', {
  valid: [
    { name: '${VAR} in a typed field', files: { 'config.yaml': base('server:\n  port: ${THEMIS_PORT:-8765}\n') } },
    { name: 'quoted ${VAR} with a numeric value stays text', files: { 'config.yaml': base('hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/p11.so\n    pin: "${THEMIS_HSM_PIN}"\n'), '.env': 'THEMIS_HSM_PIN=4096\n' } },
  ],
  invalid: [
    { name: 'text for a port', files: { 'config.yaml': base('server:\n  port: "abc"\n') }, errors: [{ line: 4, column: 9, severity: 'error', message: /integer/ }] },
    {
      name: 'quoted number converts losslessly',
      files: { 'config.yaml': base('server:\n  port: "8080"\n') },
      errors: [{ line: 4, severity: 'warning' }],
      output: base('server:\n  port: 8080\n'),
    },
    {
      name: '${VAR} checked after substitution',
      files: { 'config.yaml': base('server:\n  port: ${THEMIS_PORT}\n'), '.env': 'THEMIS_PORT=eighty\n' },
      errors: [{ line: 4, severity: 'error' }],
    },
  ],
});

ruleTester('SCH004', {
  valid: [{ files: { 'config.yaml': base('vector_index:\n  metric: COSINE\n') } }],
  invalid: [
    {
      name: 'close enum value fixed',
      files: { 'config.yaml': base('vector_index:\n  metric: COSIN\n') },
      errors: [{ line: 4, severity: 'error', message: /COSINE/ }],
      output: base('vector_index:\n  metric: COSINE\n'),
    },
    { name: 'far enum value', files: { 'config.yaml': base('vector_index:\n  metric: MANHATTAN\n') }, errors: [{ line: 4, severity: 'error' }] },
  ],
});

ruleTester('SCH005', {
  valid: [{ files: { 'config.yaml': base('server:\n  port: 65535\n') } }],
  invalid: [
    { name: 'port too large', files: { 'config.yaml': base('server:\n  port: 70000\n') }, errors: [{ line: 4, severity: 'error', message: /65535/ }] },
    { name: 'port zero', files: { 'config.yaml': base('server:\n  port: 0\n') }, errors: [{ line: 4, severity: 'error' }] },
  ],
});

ruleTester('SCH006', {
  valid: [{ files: { 'config.yaml': base('server:\n  port: 8765\n') } }],
  invalid: [
    { name: 'documented but unread key', files: { 'config.yaml': base('  wal_dir: /wal\n') }, errors: [{ line: 3, severity: 'hint', message: /does not read/ }] },
  ],
});
