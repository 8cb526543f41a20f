import { ruleTester } from '../helpers/ruleTester.mjs';
import { HARDENED_COMPOSE, themisWorkload } from '../helpers/deployFixtures.mjs';

const compose = (extra) => `services:
  themisdb:
    image: themisdb:1.5.0
${extra}    environment:
      THEMIS_PRODUCTION_MODE: "1"
`;
const deployment = themisWorkload;
const HARDENED_SC = `          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
`;

ruleTester('DEP005', {
  valid: [
    { name: 'the hardened compose deployment', files: HARDENED_COMPOSE },
    {
      name: 'compose with a user and a read-only root',
      files: { 'docker-compose.yml': compose('    user: "10001:10001"\n    read_only: true\n') },
    },
    { name: 'kubernetes hardened', files: { 'deployment.yaml': deployment(HARDENED_SC) } },
    {
      name: 'another application',
      files: { 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n    privileged: true\n' },
    },
  ],
  invalid: [
    {
      name: 'compose: privileged (safe fix), root and capabilities (no fix)',
      files: {
        'docker-compose.yml': compose('    read_only: true\n    privileged: true\n    user: root\n    cap_add: [SYS_ADMIN]\n'),
      },
      errors: [
        { messageId: 'privileges', line: 5, column: 17, severity: 'warning', message: /runs privileged/ },
        { messageId: 'privileges', line: 6, message: /runs as root/ },
        { messageId: 'privileges', line: 7, message: /SYS_ADMIN/ },
      ],
      output: compose('    read_only: true\n    privileged: false\n    user: root\n    cap_add: [SYS_ADMIN]\n'),
    },
    {
      name: 'compose: no read_only is a writable root filesystem, reported on the service; the fix adds read_only: true',
      files: { 'docker-compose.yml': compose('    user: "10001:10001"\n') },
      errors: [{ messageId: 'privileges', line: 2, column: 3, message: /writable root filesystem \(read_only unset\)/ }],
      output: `services:
  themisdb:
    image: themisdb:1.5.0
    user: "10001:10001"
    environment:
      THEMIS_PRODUCTION_MODE: "1"
    read_only: true
`,
    },
    {
      name: 'compose: read_only: false is flipped',
      files: { 'docker-compose.yml': compose('    read_only: false # for now\n') },
      errors: [{ messageId: 'privileges', line: 4, message: /read_only: false/ }],
      output: compose('    read_only: true # for now\n'),
    },
    {
      name: 'kubernetes: escalation and runAsNonRoot false are fixed; no read-only root: added',
      files: {
        'deployment.yaml': deployment(
          '          securityContext:\n            allowPrivilegeEscalation: true\n            runAsNonRoot: false\n',
        ),
      },
      errors: [
        { messageId: 'privileges', line: 9, message: /writable root filesystem/ },
        { messageId: 'privileges', line: 12, message: /privilege escalation/ },
        { messageId: 'privileges', line: 13, message: /as root/ },
      ],
      output: deployment(
        '          securityContext:\n            allowPrivilegeEscalation: false\n            runAsNonRoot: true\n            readOnlyRootFilesystem: true\n',
      ),
    },
  ],
});
