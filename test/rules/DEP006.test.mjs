import { ruleTester } from '../helpers/ruleTester.mjs';
import { DEPLOYMENT, HARDENED_COMPOSE } from '../helpers/deployFixtures.mjs';

const compose = (image) => `services:
  themisdb:
    image: ${image}
    environment:
      THEMIS_PRODUCTION_MODE: "1"
`;

ruleTester('DEP006', {
  valid: [
    { name: 'a version tag', files: HARDENED_COMPOSE },
    {
      name: 'a digest',
      files: {
        'docker-compose.yml': compose(
          'themisdb/themisdb@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        ),
      },
    },
    { name: 'a registry with a port and a tag', files: { 'docker-compose.yml': compose('registry.local:5000/themisdb:1.5.0') } },
    { name: 'kubernetes with a tag', files: { 'deployment.yaml': DEPLOYMENT } },
    { name: "another application's latest", files: { 'docker-compose.yml': 'services:\n  web:\n    image: nginx:latest\n' } },
  ],
  invalid: [
    {
      name: 'latest',
      files: { 'docker-compose.yml': compose('themisdb/themisdb:latest') },
      errors: [{ messageId: 'unpinned', line: 3, column: 12, severity: 'info', message: /not pinned \(tag latest\)/ }],
      output: null,
    },
    {
      name: 'no tag (registry port is not a tag)',
      files: { 'docker-compose.yml': compose('registry.local:5000/themisdb') },
      errors: [{ messageId: 'unpinned', line: 3, message: /not pinned \(no tag\)/ }],
      output: null,
    },
  ],
});
