import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV006', {
  valid: [
    { name: 'none set', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\n' } },
    {
      name: 'emptied the way the systemd drop-in does',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_DEBUG_ENC_DIR=\nTHEMIS_DEBUG_PKI=\nTHEMIS_PII_FORCE_INIT_FAIL=\n' },
    },
    {
      name: 'THEMIS_DEBUG_PKI explicitly off (the server only reacts to a leading 1)',
      files: { '.env': 'THEMIS_DEBUG_PKI=0\n' },
    },
    { name: 'similar-looking names', files: { '.env': 'THEMIS_PII_STRICT=1\nTHEMIS_ENABLE_DEBUG_ENDPOINTS_DOC=x\nDEBUG=1\n' } },
  ],
  invalid: [
    {
      name: 'encryption dump folder',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_DEBUG_ENC_DIR=/tmp/enc-dumps\nTHEMIS_PII_STRICT=1\n' },
      errors: [{ messageId: 'debugSet', line: 2, column: 22, endColumn: 36, severity: 'error', message: /THEMIS_DEBUG_ENC_DIR/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'PKI debug output, exported',
      files: { '.env': 'export THEMIS_DEBUG_PKI=1\nTHEMIS_PRODUCTION_MODE=1\n' },
      errors: [{ messageId: 'debugSet', line: 1, column: 25, severity: 'error', message: /PKI/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'PII test hook, last line without newline',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_FORCE_INIT_FAIL=1' },
      errors: [{ messageId: 'debugSet', line: 2, column: 28, severity: 'error', message: /test hook/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'all three: one finding each',
      files: { '.env': 'THEMIS_DEBUG_PKI=1\nTHEMIS_DEBUG_ENC_DIR=./dbg\nTHEMIS_PII_FORCE_INIT_FAIL=true\n' },
      errors: [
        { messageId: 'debugSet', line: 1 },
        { messageId: 'debugSet', line: 2 },
        { messageId: 'debugSet', line: 3 },
      ],
      output: '',
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_DEBUG_PKI=1\n' },
      errors: [{ messageId: 'debugSet', line: 2, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=development\n',
    },
  ],
});
