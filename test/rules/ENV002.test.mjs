import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV002', {
  valid: [
    {
      name: "the reverse with a misspelled production mode is ENV001's one finding, on the typo",
      files: { '.env': 'THEMIS_PRODUCTON_MODE=1\nTHEMIS_ENVIRONMENT=production\n' },
    },
    { name: 'both on', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\n' } },
    { name: 'prod is accepted too', files: { '.env': 'THEMIS_PRODUCTION_MODE=yes\nTHEMIS_ENVIRONMENT=prod\n' } },
    { name: 'both development', files: { '.env': 'THEMIS_PRODUCTION_MODE=0\nTHEMIS_ENVIRONMENT=staging\n' } },
    { name: 'neither set', files: { '.env': 'THEMIS_PII_STRICT=1\n' } },
    { name: 'development without production mode', files: { '.env': 'THEMIS_ENVIRONMENT=development\n' } },
    {
      name: "case-mismatched production is ENV016's finding",
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=Production\n' },
    },
    {
      name: 'an unrelated ENVIRONMENT variable',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\nENVIRONMENT=staging\n' },
    },
  ],
  invalid: [
    {
      name: 'production mode on, environment missing: first entry, fix appends',
      files: { '.env': 'THEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=1\n' },
      errors: [
        {
          messageId: 'environmentNotSet',
          line: 1,
          column: 1,
          endColumn: 18,
          severity: 'warning',
          message: /THEMIS_ENVIRONMENT is not set/,
        },
      ],
      output: 'THEMIS_PII_STRICT=1\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\n',
    },
    {
      name: 'production mode on, environment staging',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=staging\n' },
      errors: [
        { messageId: 'environmentNotProduction', line: 2, column: 20, endColumn: 27, severity: 'warning', message: /"staging"/ },
      ],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\n',
    },
    {
      name: 'an "on" spelling is not an environment name',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=1\n' },
      errors: [{ messageId: 'environmentNotProduction', line: 2, column: 20, endColumn: 21, message: /"1"/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\n',
    },
    {
      name: 'the reverse: environment production, production mode 0',
      files: { '.env': 'THEMIS_ENVIRONMENT=production\nTHEMIS_PRODUCTION_MODE=0\n' },
      errors: [{ messageId: 'productionModeOff', line: 1, column: 20, endColumn: 30, message: /THEMIS_PRODUCTION_MODE is "0"/ }],
      output: 'THEMIS_ENVIRONMENT=production\nTHEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'the reverse with production mode missing',
      files: { '.env': 'THEMIS_ENVIRONMENT=prod\n' },
      errors: [{ messageId: 'productionModeNotSet', line: 1, column: 20, message: /not set/ }],
      output: 'THEMIS_ENVIRONMENT=prod\nTHEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=development\n' },
      errors: [{ messageId: 'environmentNotProduction', line: 2, severity: 'hint' }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\n',
    },
  ],
});
