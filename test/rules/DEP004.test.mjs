import { ruleTester } from '../helpers/ruleTester.mjs';
import { HARDENED_COMPOSE } from '../helpers/deployFixtures.mjs';

const compose = (ports, tls = '') => `services:
  themisdb:
    image: themisdb:1.5.0
    environment:
      THEMIS_PRODUCTION_MODE: "1"
${tls}    ports:
${ports}`;
const TLS = '      THEMIS_PKI_CERTIFICATE: /run/tls/server.crt\n      THEMIS_PKI_PRIVATE_KEY: /run/tls/server.key\n';

ruleTester('DEP004', {
  valid: [
    { name: 'bound to loopback', files: { 'docker-compose.yml': compose('      - "127.0.0.1:8765:8765"\n') } },
    { name: 'TLS on', files: { 'docker-compose.yml': compose('      - "8765:8765"\n', TLS) } },
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
      name: 'long syntax',
      files: { 'docker-compose.yml': compose('      - target: 8765\n        published: "8765"\n') },
      errors: [{ messageId: 'allInterfaces', line: 7 }],
      output: null,
    },
  ],
});
