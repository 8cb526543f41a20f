import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV019', {
  valid: [
    { name: 'absent', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nSHARD_ID=shard_1\n' } },
    { name: 'explicitly 0', files: { '.env': 'THEMIS_SHARD_MTLS_DISABLED=0\n' } },
    { name: 'empty', files: { '.env': 'THEMIS_SHARD_MTLS_DISABLED=\n' } },
  ],
  invalid: [
    {
      name: 'shard mTLS disabled',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_SHARD_MTLS_DISABLED=1\n' },
      errors: [
        { messageId: 'disabled', line: 2, column: 28, endColumn: 29, severity: 'warning', message: /Production mode ignores it/ },
      ],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'true, with a comment above kept',
      files: { '.env': '# shards\nTHEMIS_SHARD_MTLS_DISABLED=true\nSHARD_ID=shard_1\n' },
      errors: [{ messageId: 'disabled', line: 2, column: 28 }],
      output: '# shards\nSHARD_ID=shard_1\n',
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_SHARD_MTLS_DISABLED=1\n' },
      errors: [{ messageId: 'disabled', line: 2, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=development\n',
    },
  ],
});
