import { ruleTester } from '../helpers/ruleTester.mjs';

const TOKEN = 'F+dnFlo1QMhIPLDtPEVFQ+wcb6GnHtSh71bH1vPqY38=';

ruleTester('ENV001', {
  valid: [
    {
      name: 'production mode 1',
      files: { '.env': `THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\nTHEMIS_TOKEN_ADMIN=${TOKEN}\n` },
    },
    {
      name: 'every truthy spelling ProductionMode::isEnabled takes',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=On\nTHEMIS_PII_STRICT=1\n' },
    },
    { name: 'quoted TRUE', files: { '.env': 'export THEMIS_PRODUCTION_MODE="TRUE"\n' } },
    {
      name: 'template with production mode and empty secrets',
      files: { '.env.example': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=\n' },
    },
    {
      name: 'a template is not judged for what it lacks (the real file is written at install time)',
      files: { 'themisdb.env.example': '# copy to /etc/themisdb/themisdb.env\nTHEMIS_TOKEN_ADMIN=\nTHEMIS_HSM_PIN=\n' },
    },
    { name: '.env.dist is a template too', files: { '.env.dist': 'THEMIS_PII_STRICT=1\n' } },
    {
      name: 'an env file of secrets only, kept apart for the service that sets the rest',
      files: { 'themisdb.env': `THEMIS_TOKEN_ADMIN=${TOKEN}\nTHEMIS_HSM_PIN=84736251\n` },
    },
    {
      name: 'compose-only .env: the server never sees these variables',
      files: { '.env': 'COMPOSE_PROJECT_NAME=themisdb\nTHEMIS_HTTP_PORT=8529\nTHEMIS_LOG_LEVEL=info\n' },
    },
    {
      name: 'a .env of unrelated variables next to a config',
      files: { '.env': 'TLS_MIN=1.3\n', 'config.yaml': 'storage:\n  rocksdb_path: /data\n' },
    },
    { name: "misspelled value is ENV016's finding", files: { '.env': 'THEMIS_PRODUCTION_MODE=enabled\n' } },
    { name: 'unknown ${VAR} value is not judged', files: { '.env': 'THEMIS_PRODUCTION_MODE=${PROD_FLAG}\n' } },
    { name: '${VAR} resolved in the same file', files: { '.env': 'PROD_FLAG=1\nTHEMIS_PRODUCTION_MODE=${PROD_FLAG}\n' } },
  ],
  invalid: [
    {
      name: 'a ${VAR} value is judged after expansion but not overwritten (its value is set where PROD is)',
      files: { '.env': 'PROD=0\nTHEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=${PROD}\n' },
      errors: [{ messageId: 'off', line: 3, severity: 'error' }],
      output: null,
    },
    {
      name: 'absent: reported at the first entry, fix appends',
      files: { '.env': '# ThemisDB\nTHEMIS_ENVIRONMENT=staging\nTHEMIS_PII_STRICT=1\n' },
      errors: [
        {
          messageId: 'notSet',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 19,
          severity: 'error',
          message: /THEMIS_PRODUCTION_MODE is not set/,
        },
      ],
      output: '# ThemisDB\nTHEMIS_ENVIRONMENT=staging\nTHEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'set to 0',
      files: { '.env': 'THEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=0   # dev box\n' },
      errors: [{ messageId: 'off', line: 2, column: 24, endColumn: 25, severity: 'error', message: /"0"/ }],
      output: 'THEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=1   # dev box\n',
    },
    {
      name: 'quoted false keeps its quotes',
      files: { '.env': 'THEMIS_PRODUCTION_MODE="false"\n' },
      errors: [{ messageId: 'off', line: 1, column: 24, endColumn: 31 }],
      output: 'THEMIS_PRODUCTION_MODE="1"\n',
    },
    {
      name: 'empty value: reported on the key',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=\nTHEMIS_PII_STRICT=1\n' },
      errors: [{ messageId: 'off', line: 1, column: 1, endColumn: 23, message: /empty/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'the last definition wins',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=no\n' },
      errors: [{ messageId: 'off', line: 3, column: 24 }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'misspelled name: the fix renames it instead of adding a duplicate',
      files: { '.env': 'THEMIS_PRODUCTON_MODE=1\nTHEMIS_PII_STRICT=1\n' },
      errors: [
        {
          messageId: 'misspelled',
          line: 1,
          column: 1,
          endColumn: 22,
          message: /^THEMIS_PRODUCTON_MODE is a misspelling of THEMIS_PRODUCTION_MODE, .* development mode/,
        },
      ],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'misspelled name with an off value: renamed and set',
      files: { '.env': 'THEMIS_PII_STRICT=1\nTHEMIS_PRODUCTIN_MODE=0\n' },
      errors: [{ messageId: 'misspelled', line: 2, column: 1, endColumn: 22 }],
      output: 'THEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'THEMIS_ENVIRONMENT=production alone does not satisfy the checks that read only THEMIS_PRODUCTION_MODE',
      files: { '.env': 'THEMIS_ENVIRONMENT=production\n' },
      errors: [
        {
          messageId: 'environmentAlone',
          line: 1,
          column: 1,
          message: /^THEMIS_PRODUCTION_MODE is not set: production mode rests on THEMIS_ENVIRONMENT=production alone\./,
        },
      ],
      output: 'THEMIS_ENVIRONMENT=production\nTHEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'empty .env next to a ThemisDB config: 0..0',
      files: { '.env': '', 'config.yaml': 'storage:\n  rocksdb_path: /data\n' },
      errors: [{ messageId: 'notSet', line: 1, column: 1, endLine: 1, endColumn: 1 }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'no final newline, CRLF file',
      files: { '.env': 'THEMIS_PII_STRICT=1\r\nTHEMIS_DISABLE_AUTO_DOWNLOAD=1' },
      errors: [{ messageId: 'notSet', line: 1 }],
      output: 'THEMIS_PII_STRICT=1\r\nTHEMIS_DISABLE_AUTO_DOWNLOAD=1\r\nTHEMIS_PRODUCTION_MODE=1\r\n',
    },
    {
      name: 'the typo next to THEMIS_ENVIRONMENT=production: one finding, on the typo, that tells the same story as ENV003',
      files: { '.env': 'THEMIS_ENVIRONMENT=production\nTHEMIS_PRODUCTON_MODE=1\nTHEMIS_PII_STRICT=1\n' },
      errors: [
        {
          messageId: 'misspelled',
          line: 2,
          column: 1,
          endColumn: 22,
          message: /Production mode rests on THEMIS_ENVIRONMENT=production alone\./,
        },
      ],
      output: 'THEMIS_ENVIRONMENT=production\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'off while THEMIS_ENVIRONMENT=prod turns production mode on: says so',
      files: { '.env': 'THEMIS_ENVIRONMENT=prod\nTHEMIS_PRODUCTION_MODE=0\n' },
      errors: [{ messageId: 'offEnvironmentAlone', line: 2, message: /rests on THEMIS_ENVIRONMENT=prod alone/ }],
      output: 'THEMIS_ENVIRONMENT=prod\nTHEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'THEMIS_ENVIRONMENT=development makes the file a development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_PII_STRICT=1\n' },
      errors: [{ messageId: 'notSet', line: 1, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=development\nTHEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=1\n',
    },
  ],
});
