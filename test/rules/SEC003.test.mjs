import { ruleTester } from '../helpers/ruleTester.mjs';

const hsm = (pin) => `hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/libCryptoki2_64.so\n    pin: ${pin}\n`;

ruleTester('SEC003', {
  valid: [
    { name: 'strong inline PIN is SEC001, not SEC003', files: { 'security.yaml': hsm('"Qm7#vL2x!pK9"') } },
    { name: 'random 8-digit PIN', files: { 'security.yaml': hsm('83920174') } },
    {
      name: 'empty PIN and ${VAR} references',
      files: {
        'security.yaml': hsm('""') + '  vault:\n    token: "${THEMIS_VAULT_TOKEN}"\n',
        '.env': 'THEMIS_VAULT_TOKEN=hvs.CAESIJ7kq9sdfk3jsdfKJH2x\n',
      },
    },
    {
      name: 'auth_method: token is no secret',
      files: { 'security.yaml': 'hsm:\n  provider: vault\n  vault:\n    auth_method: "token"\n    token_label: "x"\n' },
    },
    {
      name: '.env: strong secrets, non-secret values, paths',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=83920174\nTHEMIS_WAL_HMAC_SECRET=4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e\nTHEMIS_LOG_LEVEL=info\nTHEMIS_PKI_PRIVATE_KEY=/etc/themisdb/tls/server.key\nTHEMIS_PKI_PIN_LEAF_ONLY=1\n',
      },
    },
    {
      name: "template file: secrets there are SEC007's business",
      files: { '.env.example': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=changeme\n' },
    },
    {
      name: 'real systemd template with empty secrets',
      files: {
        'themisdb.env.example': 'THEMIS_TOKEN_ADMIN=\nTHEMIS_PKI_KEY_PASSPHRASE=\nTHEMIS_VAULT_TOKEN=\nTHEMIS_HSM_PIN=\n',
      },
    },
    {
      name: 'placeholder webhook URL is not judged by entropy',
      files: {
        'config.yaml':
          'security:\n  key_rotation:\n    enabled: true\n    notifications:\n      slack_webhook: https://hooks.slack.com/services/XXX\n',
      },
    },
    {
      name: 'a .env reference in a .env value',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_TOKEN=${VAULT_TOKEN}\n' },
    },
  ],
  invalid: [
    {
      name: 'placeholder word in security.yaml',
      files: { 'security.yaml': hsm('changeme  # TODO') },
      errors: [{ messageId: 'weakSecret', line: 5, column: 10, endColumn: 18, severity: 'error', message: /well-known default/ }],
    },
    {
      name: '<strong-secret> left from the docs, short numeric PIN',
      files: {
        'config.yaml':
          'hsm:\n  provider: pkcs11\n  pkcs11:\n    pin: 1234\nlogging:\n  audit:\n    enabled: true\n    splunk:\n      hec_token: "<strong-secret>"\n',
      },
      errors: [
        { messageId: 'weakSecret', line: 4, column: 10, endColumn: 14, message: /well-known default/ },
        { messageId: 'weakSecret', line: 9, column: 18, message: /placeholder/ },
      ],
    },
    {
      name: 'too short to be random',
      files: { 'security.yaml': hsm('"k9Q#z"') },
      errors: [
        {
          messageId: 'weakSecret',
          line: 5,
          column: 10,
          endColumn: 17,
          message: /^Weak secret in hsm\.pkcs11\.pin: only 5 characters long\./,
        },
      ],
    },
    {
      name: 'low entropy for its length in an edition file',
      files: {
        'editions/enterprise.yaml':
          'security:\n  enable_tls: true\n  hsm:\n    provider: pkcs11\n    password: "abcabcabcabcabc"\n',
      },
      errors: [{ messageId: 'weakSecret', line: 5, column: 15, message: /too regular/ }],
    },
    {
      name: '.env: weak secret variables (catalog and by name)',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=123456\nTHEMIS_WAL_SHARED_SECRET="secret"\nGRAFANA_ADMIN_PASSWORD=admin\nTHEMIS_LOG_LEVEL=admin\n',
      },
      errors: [
        { messageId: 'weakSecret', line: 2, column: 16, endColumn: 22, severity: 'error' },
        { messageId: 'weakSecret', line: 3, column: 26, endColumn: 34 },
        { messageId: 'weakSecret', line: 4, column: 24 },
      ],
    },
    {
      name: '${VAR} whose value in .env is weak and not itself reported',
      files: {
        'config.yaml': 'storage:\n  rocksdb_path: /data\nreplication:\n  password: ${DB_PW}\n',
        '.env': 'THEMIS_PRODUCTION_MODE=1\nDB_PW=password\n',
      },
      errors: [{ messageId: 'weakVariable', line: 4, column: 13, message: /DB_PW/ }],
    },
    {
      name: 'default password inside a URL',
      files: {
        'config.yaml':
          'tracing:\n  enabled: true\n  otlp_endpoint: "https://admin:admin@otel.internal:4318"\nstorage:\n  rocksdb_path: /data\n',
      },
      errors: [{ messageId: 'weakUrlPassword', line: 3, column: 33, endColumn: 38 }],
    },
    {
      name: 'development profile: a hint',
      profile: 'development',
      files: { 'security.yaml': hsm('changeme') },
      errors: [{ messageId: 'weakSecret', line: 5, severity: 'hint' }],
    },
  ],
});
