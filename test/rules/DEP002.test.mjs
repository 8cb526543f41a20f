import { ruleTester } from '../helpers/ruleTester.mjs';
import { ADMIN_TOKEN, b64, DEPLOYMENT, SECRET } from '../helpers/deployFixtures.mjs';

const secret = (body) => `apiVersion: v1
kind: Secret
metadata:
  name: themisdb-secrets
type: Opaque
${body}`;

ruleTester('DEP002', {
  valid: [
    {
      name: 'empty values and placeholders',
      files: {
        'secret.yaml': secret(
          `stringData:\n  THEMIS_TOKEN_ADMIN: ""\n  THEMIS_VAULT_TOKEN: "<vault-token>"\n  THEMIS_HSM_PIN: changeme\n`,
        ),
      },
    },
    {
      name: 'templated from the pipeline',
      files: { 'secret.yaml': secret('stringData:\n  THEMIS_TOKEN_ADMIN: ${ADMIN_TOKEN}\n') },
    },
    { name: 'a Deployment only reads it', files: { 'deployment.yaml': DEPLOYMENT } },
    {
      name: "another application's Secret",
      files: {
        'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: pg\nstringData:\n  POSTGRES_PASSWORD: s3cr3t-pw\n',
      },
    },
  ],
  invalid: [
    {
      name: 'base64 data and stringData, one finding per value, none shows it',
      files: { 'k8s/secret.yaml': SECRET, 'k8s/deployment.yaml': DEPLOYMENT },
      errors: [
        {
          messageId: 'committed',
          line: 8,
          column: 3,
          severity: 'error',
          message: /THEMIS_TOKEN_ADMIN.*Base64 is an encoding.*sealed secret/,
        },
        { messageId: 'committed', line: 9 },
        { messageId: 'committed', line: 11, message: /^(?!.*Base64)/ },
      ],
      output: null,
    },
    {
      name: 'a Secret whose keys hold ThemisDB variables',
      files: { 'secret.yaml': secret(`data:\n  THEMIS_TOKEN_ADMIN: ${b64(ADMIN_TOKEN)}\n`) },
      errors: [{ messageId: 'committed', line: 7 }],
      output: null,
    },
  ],
});
