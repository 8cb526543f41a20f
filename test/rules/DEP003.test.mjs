import { ruleTester } from '../helpers/ruleTester.mjs';
import { CONFIGMAP, DEPLOYMENT, SECRET } from '../helpers/deployFixtures.mjs';

const compose = (envFile) => `services:
  themisdb:
    image: themisdb:1.5.0
    env_file: ${envFile}
    environment:
      THEMIS_PRODUCTION_MODE: "1"
`;

ruleTester('DEP003', {
  valid: [
    {
      name: 'the env_file is here',
      files: { 'docker-compose.yml': compose('./themisdb.env'), 'themisdb.env': 'THEMIS_PII_STRICT=1\n' },
    },
    {
      name: 'optional env_file',
      files: { 'docker-compose.yml': compose('\n      - path: ./local.env\n        required: false') },
    },
    {
      name: 'systemd EnvironmentFile=- is optional by design',
      files: {
        'themisdb.service':
          '[Service]\nExecStart=/usr/bin/themis_server\nEnvironmentFile=-/etc/themisdb/local.env\nEnvironment=THEMIS_PRODUCTION_MODE=1\n',
      },
    },
  ],
  invalid: [
    {
      name: 'compose env_file not in the workspace: missing variables are held back',
      files: { 'docker-compose.yml': compose('./secrets.env') },
      errors: [
        {
          messageId: 'missing',
          line: 4,
          column: 15,
          severity: 'info',
          message: /^The env_file \.\/secrets\.env is not in the workspace\..*what themisdb lacks/,
        },
      ],
      output: null,
    },
    {
      name: 'kubernetes: a configMapKeyRef to an object the workspace does not hold',
      files: { 'k8s/deployment.yaml': DEPLOYMENT, 'k8s/secret.yaml': SECRET, 'k8s/configmap.yaml': CONFIGMAP },
      errors: [{ messageId: 'missing', line: 26, message: /ConfigMap\/vault-settings/ }],
      output: null,
    },
    {
      name: 'systemd EnvironmentFile= that is required',
      files: {
        'themisdb.service':
          '[Service]\nExecStart=/usr/bin/themis_server\nEnvironmentFile=/etc/themisdb/secrets.env\nEnvironment=THEMIS_PRODUCTION_MODE=1\n',
      },
      errors: [{ messageId: 'missing', line: 3, message: /themisdb\.env\.example will do/ }],
      output: null,
    },
    {
      name: 'helm values: a Secret named by two secretKeyRefs is one finding, on the first, asking for its manifest',
      files: {
        'values.yaml': `image:
  repository: ghcr.io/makr-code/themisdb
env:
  - name: THEMIS_TOKEN_ADMIN
    valueFrom:
      secretKeyRef:
        name: themisdb-secrets
        key: admin-token
  - name: THEMIS_VAULT_TOKEN
    valueFrom:
      secretKeyRef:
        name: themisdb-secrets
        key: vault-token
`,
      },
      errors: [
        {
          messageId: 'missing',
          line: 4,
          message:
            /secretKeyRef Secret\/themisdb-secrets is not in the workspace\. .* names it 2 times; this is the first\..*Add its manifest to the workspace/,
        },
      ],
      output: null,
    },
  ],
});
