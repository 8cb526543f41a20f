import { ruleTester } from '../helpers/ruleTester.mjs';
import { ADMIN_TOKEN, b64, CONFIGMAP, DEPLOYMENT, SECRET, themisWorkload, VAULT_TOKEN } from '../helpers/deployFixtures.mjs';

const WORKLOAD = (env, extra = '') => themisWorkload(`${extra}          env:\n${env}`);
const WORKLOAD_WITH_REF = (secret, key) =>
  WORKLOAD(
    `            - name: ${key}\n              valueFrom:\n                secretKeyRef:\n                  name: ${secret}\n                  key: ${key}\n`,
  );
// the container already reads this Secret through envFrom
const REF_ENTRY = '          envFrom:\n            - secretRef:\n                name: themisdb-env\n';
const SECRET_DOC =
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: themisdb-env\ntype: Opaque\nstringData:\n  THEMIS_PII_STRICT: "1"\n';
const DATA_SECRET = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: themisdb-env\ndata:\n  THEMIS_PII_STRICT: ${b64('1')}\n`;

const compose = (env) => `services:
  themisdb:
    image: ghcr.io/makr-code/themisdb:1.5.0
    env_file: ./themisdb.env
    environment:
${env}`;

ruleTester('DEP001', {
  valid: [
    {
      name: 'compose: the token comes from the env_file',
      files: {
        'docker-compose.yml': compose('      THEMIS_PRODUCTION_MODE: "1"\n'),
        'themisdb.env': `THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}\n`,
      },
    },
    {
      name: "compose: ${VAR} from the project's .env is not a literal here",
      files: {
        'docker-compose.yml': compose('      - THEMIS_TOKEN_ADMIN=${THEMIS_TOKEN_ADMIN}\n'),
        'themisdb.env': '',
        '.env': `THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}\n`,
      },
    },
    {
      name: 'compose: an empty value is no secret',
      files: { 'docker-compose.yml': compose('      THEMIS_VAULT_TOKEN: ""\n'), 'themisdb.env': '' },
    },
    {
      name: 'kubernetes: secretKeyRef and a Secret',
      files: { 'k8s/deployment.yaml': DEPLOYMENT, 'k8s/secret.yaml': SECRET, 'k8s/configmap.yaml': CONFIGMAP },
    },
    {
      name: "another application's compose file draws nothing",
      files: {
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-pw\n',
      },
    },
  ],
  invalid: [
    {
      name: 'compose list form: moved into the env_file in one edit',
      files: {
        'docker-compose.yml': compose(`      - THEMIS_PRODUCTION_MODE=1\n      - THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}\n`),
        'themisdb.env': 'THEMIS_PII_STRICT=1\n',
        '.gitignore': '*.env\n',
      },
      errors: [
        {
          messageId: 'literal',
          line: 7,
          column: 28,
          severity: 'error',
          message: /^THEMIS_TOKEN_ADMIN holds a secret in plain text in the compose environment\..*env_file/,
          suggestions: [
            {
              title: 'Move THEMIS_TOKEN_ADMIN to themisdb.env',
              output: compose('      - THEMIS_PRODUCTION_MODE=1\n'),
              outputs: { 'themisdb.env': `THEMIS_PII_STRICT=1\nTHEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}\n` },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'compose map form',
      files: {
        'docker-compose.yml': compose(`      THEMIS_HSM_PIN: "4711-0815"\n`),
        'themisdb.env': '',
      },
      errors: [
        {
          messageId: 'literal',
          line: 6,
          suggestions: [
            { title: 'Move THEMIS_HSM_PIN to themisdb.env', outputs: { 'themisdb.env': 'THEMIS_HSM_PIN=4711-0815\n' } },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'compose without an env_file: no move offered',
      files: {
        'docker-compose.yml': `services:\n  themisdb:\n    image: themisdb:1.5.0\n    environment:\n      THEMIS_VAULT_TOKEN: hvs.CAESIJ7fK2mQ9xL4pW8vT1nR6sY3\n`,
      },
      errors: [{ messageId: 'literal', line: 5 }],
      output: null,
    },
    {
      name: 'kubernetes env[].value',
      files: {
        'deployment.yaml': WORKLOAD(`            - name: THEMIS_TOKEN_ADMIN\n              value: "${ADMIN_TOKEN}"\n`),
      },
      errors: [
        {
          messageId: 'literal',
          line: 13,
          message: /secretKeyRef/,
          suggestions: [
            {
              title: 'Move THEMIS_TOKEN_ADMIN to Secret themisdb-secrets (themisdb-secrets.yaml)',
              output: WORKLOAD_WITH_REF('themisdb-secrets', 'THEMIS_TOKEN_ADMIN'),
              outputs: {
                'themisdb-secrets.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: themisdb-secrets
type: Opaque
stringData:
  THEMIS_TOKEN_ADMIN: "${ADMIN_TOKEN}"
`,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'kubernetes: into the Secret of the same file the container already reads, one edit',
      files: {
        'manifests.yaml': `${SECRET_DOC}---
${WORKLOAD(`            - name: THEMIS_TOKEN_ADMIN\n              value: "${ADMIN_TOKEN}"\n`, REF_ENTRY)}`,
      },
      errors: [
        {
          messageId: 'literal',
          line: 24,
          suggestions: [
            {
              title: 'Move THEMIS_TOKEN_ADMIN to Secret themisdb-env (manifests.yaml)',
              output: `${SECRET_DOC.replace('  THEMIS_PII_STRICT: "1"\n', `  THEMIS_PII_STRICT: "1"\n  THEMIS_TOKEN_ADMIN: "${ADMIN_TOKEN}"\n`)}---
${WORKLOAD(
  '            - name: THEMIS_TOKEN_ADMIN\n              valueFrom:\n                secretKeyRef:\n                  name: themisdb-env\n                  key: THEMIS_TOKEN_ADMIN\n',
  REF_ENTRY,
)}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'kubernetes: into a Secret of another file that holds only data (written base64)',
      files: {
        'k8s/deployment.yaml': WORKLOAD(
          `            - name: THEMIS_VAULT_TOKEN\n              value: ${VAULT_TOKEN}\n`,
          REF_ENTRY,
        ),
        'k8s/secret.yaml': DATA_SECRET,
      },
      errors: [
        {
          messageId: 'literal',
          line: 16,
          suggestions: [
            {
              title: 'Move THEMIS_VAULT_TOKEN to Secret themisdb-env (k8s/secret.yaml)',
              outputs: { 'k8s/secret.yaml': `${DATA_SECRET}  THEMIS_VAULT_TOKEN: ${b64(VAULT_TOKEN)}\n` },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'helm values env list: a new Secret manifest beside the values file, never the values file',
      files: {
        'values.yaml': `image:\n  repository: ghcr.io/makr-code/themisdb\n  tag: "1.5.0"\nenv:\n  - name: THEMIS_PRODUCTION_MODE\n    value: "1"\n  - name: THEMIS_HSM_PIN\n    value: "4711-0815"\n`,
      },
      errors: [
        {
          messageId: 'literal',
          line: 8,
          suggestions: [
            {
              title: 'Move THEMIS_HSM_PIN to Secret themisdb-secrets (themisdb-secrets.yaml)',
              output: `image:\n  repository: ghcr.io/makr-code/themisdb\n  tag: "1.5.0"\nenv:\n  - name: THEMIS_PRODUCTION_MODE\n    value: "1"\n  - name: THEMIS_HSM_PIN\n    valueFrom:\n      secretKeyRef:\n        name: themisdb-secrets\n        key: THEMIS_HSM_PIN\n`,
              outputs: {
                'themisdb-secrets.yaml':
                  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: themisdb-secrets\ntype: Opaque\nstringData:\n  THEMIS_HSM_PIN: "4711-0815"\n',
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'helm values env map: no secretKeyRef can be written there, no move offered',
      files: {
        'values.yaml': `image:\n  repository: ghcr.io/makr-code/themisdb\nenv:\n  THEMIS_PRODUCTION_MODE: "1"\n  THEMIS_HSM_PIN: "4711-0815"\n`,
      },
      errors: [{ messageId: 'literal', line: 5 }],
      output: null,
    },
    {
      name: 'a ConfigMap that holds a secret',
      files: {
        'configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: themisdb-env
data:
  THEMIS_PRODUCTION_MODE: "1"
  THEMIS_WAL_GRPC_TLS_KEY_PASSPHRASE: "correct-horse-battery"
`,
      },
      errors: [{ messageId: 'configMap', line: 7 }],
      output: null,
    },
    {
      name: 'systemd Environment= line: moved into the EnvironmentFile',
      files: {
        'themisdb.service': `[Service]
ExecStart=/usr/bin/themis_server
EnvironmentFile=/etc/themisdb/themisdb.env
Environment=THEMIS_PRODUCTION_MODE=1
Environment=THEMIS_VAULT_TOKEN=hvs.CAESIJ7fK2mQ9xL4pW8vT1nR6sY3
`,
        'themisdb.env': 'THEMIS_PII_STRICT=1\n',
        '.gitignore': 'themisdb.env\n',
      },
      errors: [
        {
          messageId: 'literal',
          line: 5,
          message: /EnvironmentFile/,
          suggestions: [
            {
              title: 'Move THEMIS_VAULT_TOKEN to themisdb.env',
              output: `[Service]
ExecStart=/usr/bin/themis_server
EnvironmentFile=/etc/themisdb/themisdb.env
Environment=THEMIS_PRODUCTION_MODE=1
`,
              outputs: { 'themisdb.env': 'THEMIS_PII_STRICT=1\nTHEMIS_VAULT_TOKEN=hvs.CAESIJ7fK2mQ9xL4pW8vT1nR6sY3\n' },
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
