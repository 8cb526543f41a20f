import { ruleTester } from '../helpers/ruleTester.mjs';
import { HARDENED_COMPOSE } from '../helpers/deployFixtures.mjs';

const compose = (ports, tls = '') => `services:
  themisdb:
    image: themisdb:1.5.0
    environment:
      THEMIS_PRODUCTION_MODE: "1"
${tls}    ports:
${ports}`;
// what the audit-signing PKI client reads: it does not turn TLS on for the API
const PKI = '      THEMIS_PKI_CERTIFICATE: /run/tls/server.crt\n      THEMIS_PKI_PRIVATE_KEY: /run/tls/server.key\n';
const WAL_MTLS = '      THEMIS_WAL_GRPC_ENABLE_MTLS: "1"\n';

ruleTester('DEP004', {
  valid: [
    { name: 'bound to loopback', files: { 'docker-compose.yml': compose('      - "127.0.0.1:8765:8765"\n') } },
    {
      name: 'the WAL gRPC port (50051 unless THEMIS_WAL_GRPC_PORT says otherwise) while WAL mTLS is on',
      files: { 'docker-compose.yml': compose('      - "50051:50051"\n', WAL_MTLS) },
    },
    {
      name: 'the WAL port THEMIS_WAL_GRPC_PORT names, in the long syntax, while WAL mTLS is on',
      files: {
        'docker-compose.yml': compose(
          '      - target: 9100\n        published: "9100"\n',
          `${WAL_MTLS}      THEMIS_WAL_GRPC_PORT: "9100"\n`,
        ),
      },
    },
    { name: 'the hardened deployment', files: HARDENED_COMPOSE },
    {
      name: 'another application',
      files: { 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n' },
    },
  ],
  invalid: [
    {
      name: 'short syntax without a host IP',
      files: { 'docker-compose.yml': compose('      - "8765:8765"\n      - 0.0.0.0:9090:9090\n') },
      errors: [
        {
          messageId: 'allInterfaces',
          line: 7,
          column: 9,
          severity: 'warning',
          suggestions: [
            {
              title: 'Bind port 8765:8765 to 127.0.0.1',
              output: compose('      - "127.0.0.1:8765:8765"\n      - 0.0.0.0:9090:9090\n'),
            },
          ],
        },
        {
          messageId: 'allInterfaces',
          line: 8,
          suggestions: [
            { title: 'Bind port 9090:9090 to 127.0.0.1', output: compose('      - "8765:8765"\n      - 127.0.0.1:9090:9090\n') },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'THEMIS_PKI_CERTIFICATE and THEMIS_PKI_PRIVATE_KEY set: they sign audit records, the API stays plain text',
      files: { 'docker-compose.yml': compose('      - "8765:8765"\n', PKI) },
      errors: [
        {
          messageId: 'allInterfaces',
          line: 9,
          message: /in plain text.*reads no setting that turns TLS on/,
          suggestions: [{ title: 'Bind port 8765:8765 to 127.0.0.1', output: compose('      - "127.0.0.1:8765:8765"\n', PKI) }],
        },
      ],
      output: null,
    },
    {
      name: 'the WAL port while WAL mTLS is off',
      files: { 'docker-compose.yml': compose('      - "50051:50051"\n', '      THEMIS_WAL_GRPC_ENABLE_MTLS: "0"\n') },
      errors: [
        {
          messageId: 'allInterfaces',
          line: 8,
          suggestions: [
            {
              title: 'Bind port 50051:50051 to 127.0.0.1',
              output: compose('      - "127.0.0.1:50051:50051"\n', '      THEMIS_WAL_GRPC_ENABLE_MTLS: "0"\n'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'the API port while WAL mTLS is on',
      files: { 'docker-compose.yml': compose('      - "8765:8765"\n      - "50051:50051"\n', WAL_MTLS) },
      errors: [
        {
          messageId: 'allInterfaces',
          line: 8,
          suggestions: [
            {
              title: 'Bind port 8765:8765 to 127.0.0.1',
              output: compose('      - "127.0.0.1:8765:8765"\n      - "50051:50051"\n', WAL_MTLS),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'long syntax',
      files: { 'docker-compose.yml': compose('      - target: 8765\n        published: "8765"\n') },
      errors: [{ messageId: 'allInterfaces', line: 7 }],
      output: null,
    },
  ],
});
