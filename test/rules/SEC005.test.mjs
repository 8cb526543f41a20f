import { ruleTester } from '../helpers/ruleTester.mjs';

const audit = (tok) =>
  `logging:\n  audit:\n    enabled: true\n    outputs:\n      - type: splunk\n        url: https://splunk.example.com:8088\n        token: ${tok}\n`;

ruleTester('SEC005', {
  valid: [
    {
      name: 'defined in the sibling .env',
      files: {
        'config.yaml': audit('"${SPLUNK_HEC_TOKEN}"'),
        '.env': 'THEMIS_PRODUCTION_MODE=1\nSPLUNK_HEC_TOKEN=9f86d081884c7d659a2feaa0c55ad015\n',
      },
    },
    {
      name: 'defined in another .env of the workspace',
      files: {
        'config/config.yaml': audit('${SPLUNK_HEC_TOKEN}'),
        'deploy/prod.env': 'THEMIS_PRODUCTION_MODE=1\nSPLUNK_HEC_TOKEN=9f86d081884c7d659a2feaa0c55ad015\n',
      },
    },
    {
      name: 'has a default',
      files: {
        'config.yaml': 'server:\n  host: "${THEMIS_HOST:-127.0.0.1}"\n  port: ${THEMIS_PORT-8765}\n  worker_threads: 4\n',
      },
    },
    {
      name: 'escaped dollar and a reference in a comment',
      files: { 'config.yaml': 'server:\n  worker_threads: 4\n  banner: "costs $${PRICE}"  # ${NOT_A_VALUE}\n' },
    },
  ],
  invalid: [
    {
      name: 'seed dialect: undefined HEC token, reported on the reference',
      files: { 'config.yaml': audit('"${SPLUNK_HEC_TOKEN}"') },
      errors: [
        {
          messageId: 'undefinedVariable',
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 36,
          severity: 'warning',
          message: /SPLUNK_HEC_TOKEN/,
        },
      ],
    },
    {
      name: 'several references in one value, quoted and plain, one with a default',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: "${DATA_ROOT}/rocksdb"\ntracing:\n  enabled: true\n  otlp_endpoint: https://${OTEL_HOST}:${OTEL_PORT:-4318}/v1\n',
      },
      errors: [
        { messageId: 'undefinedVariable', line: 2, column: 18, endColumn: 30 },
        { messageId: 'undefinedVariable', line: 5, column: 26, endColumn: 38 },
      ],
    },
    {
      name: 'single-quoted scalar with an escaped quote before the reference',
      files: { 'security.yaml': "hsm:\n  provider: pkcs11\n  pkcs11:\n    token_label: 'it''s ${HSM_LABEL}'\n" },
      errors: [{ messageId: 'undefinedVariable', line: 4, column: 25, endColumn: 37 }],
    },
    {
      name: 'double-quoted scalar with an escape before the reference; :? is not a default',
      files: { 'config.yaml': 'server:\n  worker_threads: 4\n  banner: "a\\"b ${BANNER:?required}"\n' },
      errors: [{ messageId: 'undefinedVariable', line: 3, column: 17, endColumn: 36 }],
    },
    {
      name: 'block scalar in mig.yaml',
      files: {
        'mig.yaml':
          'mig:\n  enabled: true\n  instances:\n    - uuid: MIG-1\n      users: [alice]\n  note: |\n    owner ${MIG_OWNER}\n',
      },
      errors: [{ messageId: 'undefinedVariable', line: 7, column: 11, endColumn: 23 }],
    },
    {
      name: 'development profile: a hint',
      profile: 'development',
      files: { 'config.yaml': audit('${SPLUNK_HEC_TOKEN}') },
      errors: [{ messageId: 'undefinedVariable', line: 7, column: 16, severity: 'hint' }],
    },
  ],
});
