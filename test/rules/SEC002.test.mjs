import { ruleTester } from '../helpers/ruleTester.mjs';

const AWS = 'AKIAQ3EGUXBR7NWZK5TD';
const GH = 'ghp_Zk3q9LmP2vQw7RtY5uI1oA4sD6fG8hJ0kL2z';
const SLACK = 'https://hooks.slack.com/services/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';
const PEM =
  '-----BEGIN RSA PRIVATE KEY-----\n    MIIEowIBAAKCAQEA7kq9sdfk3jsdfKJH2xZk3q9LmP2vQw7RtY5uI1oA4sD6fG8h\n    -----END RSA PRIVATE KEY-----';

const move = (what, name) => `Move ${what} to .env as \${${name}}`;
const andIgnore = (title, pattern = '.env') => `${title} and add ${pattern} to .gitignore`;

ruleTester('SEC002', {
  valid: [
    {
      name: 'AWS documentation example key',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nbackup:\n  s3_access_key_id: AKIAIOSFODNN7EXAMPLE\n' },
    },
    {
      name: 'credential taken from the environment',
      files: {
        'config.yaml': 'storage:\n  rocksdb_path: /data\nbackup:\n  s3_access_key_id: ${AWS_ACCESS_KEY_ID}\n',
        '.env': 'AWS_ACCESS_KEY_ID=AKIAQ3EGUXBR7NWZK5TD\n',
      },
    },
    {
      name: 'placeholder Slack webhook of the seed',
      files: {
        'config.yaml':
          'security:\n  key_rotation:\n    enabled: true\n    notifications:\n      slack_webhook: https://hooks.slack.com/services/XXX\n',
      },
    },
    {
      name: 'Slack docs placeholder with X',
      files: {
        'config.yaml':
          'security:\n  key_rotation:\n    notifications:\n      slack_webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n',
      },
    },
    {
      name: 'a .env file holds credentials by design',
      files: { '.env': `THEMIS_PRODUCTION_MODE=1\nAWS_ACCESS_KEY_ID=${AWS}\n` },
    },
    {
      name: 'a path to a key file',
      files: { 'config.yaml': 'server:\n  enable_tls: true\n  tls_key_path: /etc/themisdb/tls/server.key\n' },
    },
  ],
  invalid: [
    {
      name: 'AWS key under a key that is not secret-named',
      files: { 'config.yaml': `storage:\n  rocksdb_path: /data\nbackup:\n  s3_access_key_id: ${AWS}  # CI user\n` },
      errors: [
        {
          messageId: 'knownCredential',
          line: 4,
          column: 21,
          endColumn: 41,
          severity: 'error',
          message: /AWS access key ID/,
          suggestions: [
            {
              title: move('AWS access key ID', 'THEMIS_BACKUP_S3_ACCESS_KEY_ID'),
              output:
                'storage:\n  rocksdb_path: /data\nbackup:\n  s3_access_key_id: ${THEMIS_BACKUP_S3_ACCESS_KEY_ID}  # CI user\n',
              outputs: { '.env': `THEMIS_BACKUP_S3_ACCESS_KEY_ID=${AWS}\n` },
            },
            {
              title: andIgnore(move('AWS access key ID', 'THEMIS_BACKUP_S3_ACCESS_KEY_ID')),
              output:
                'storage:\n  rocksdb_path: /data\nbackup:\n  s3_access_key_id: ${THEMIS_BACKUP_S3_ACCESS_KEY_ID}  # CI user\n',
              outputs: { '.env': `THEMIS_BACKUP_S3_ACCESS_KEY_ID=${AWS}\n`, '.gitignore': '.env\n' },
            },
          ],
        },
      ],
    },
    {
      name: 'GitHub token on a secret-named key: SEC002 replaces SEC001',
      files: {
        'config.yaml': `server:\n  worker_threads: 4\nfeatures:\n  update_checker: true\n  github_token: "${GH}"\n`,
        '.gitignore': '.env\n',
      },
      errors: [
        {
          messageId: 'knownCredential',
          line: 5,
          column: 17,
          message: /GitHub token/,
          suggestions: [
            {
              title: move('GitHub token', 'THEMIS_FEATURES_GITHUB_TOKEN'),
              output:
                'server:\n  worker_threads: 4\nfeatures:\n  update_checker: true\n  github_token: "${THEMIS_FEATURES_GITHUB_TOKEN}"\n',
              outputs: { '.env': `THEMIS_FEATURES_GITHUB_TOKEN=${GH}\n` },
            },
          ],
        },
      ],
    },
    {
      name: 'PEM private key in a block scalar',
      files: { 'config.yaml': `server:\n  enable_tls: true\n  tls_key: |\n    ${PEM}\n  port: 8765\n`, '.gitignore': '.env\n' },
      errors: [
        {
          messageId: 'knownCredential',
          line: 3,
          column: 12,
          endLine: 6,
          message: /private key \(PEM\)/,
          suggestions: [
            {
              title: move('private key (PEM)', 'THEMIS_SERVER_TLS_KEY'),
              output: 'server:\n  enable_tls: true\n  tls_key: "${THEMIS_SERVER_TLS_KEY}"\n  port: 8765\n',
              outputs: { '.env': `THEMIS_SERVER_TLS_KEY="${PEM.replace(/\n {4}/g, '\\n')}\\n"\n` },
            },
          ],
        },
      ],
    },
    {
      name: 'Slack webhook as a sequence item',
      files: {
        'config.yaml': `logging:\n  audit:\n    enabled: true\n    alert_targets:\n      - ${SLACK}\n`,
        '.gitignore': '.env\n',
      },
      errors: [
        {
          messageId: 'knownCredential',
          line: 5,
          column: 9,
          message: /Slack webhook URL/,
          suggestions: [
            {
              title: move('Slack webhook URL', 'THEMIS_LOGGING_AUDIT_ALERT_TARGETS_0'),
              output:
                'logging:\n  audit:\n    enabled: true\n    alert_targets:\n      - ${THEMIS_LOGGING_AUDIT_ALERT_TARGETS_0}\n',
              outputs: { '.env': `THEMIS_LOGGING_AUDIT_ALERT_TARGETS_0=${SLACK}\n` },
            },
          ],
        },
      ],
    },
    {
      name: 'JWT in an edition file, also under the development profile (not production-only)',
      profile: 'development',
      files: {
        'editions/community.yaml':
          'security:\n  enable_tls: true\n  license_jwt: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0aGVtaXMiLCJlZCI6ImNvbW11bml0eSJ9.q8Wm3Lk9Pz2Rt5Yx7Nc4Vb6J\n',
      },
      errors: [
        {
          messageId: 'knownCredential',
          line: 3,
          column: 16,
          severity: 'error',
          message: /JSON Web Token/,
          suggestions: [
            { title: move('JSON Web Token', 'THEMIS_SECURITY_LICENSE_JWT') },
            { title: andIgnore(move('JSON Web Token', 'THEMIS_SECURITY_LICENSE_JWT'), 'editions/.env') },
          ],
        },
      ],
    },
  ],
});
