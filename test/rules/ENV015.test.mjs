import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../helpers/ruleTester.mjs';
import { analyzeFile, writeWorkspace } from '../helpers/engine.mjs';

ruleTester('ENV015', {
  valid: [
    {
      name: 'variables the server reads',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\nTHEMIS_HSM_SESSION_POOL=8\nTHEMIS_WAL_GRPC_CA_CERT_PATH=/tls/ca.crt\nSHARD_ID=shard_1\n',
      },
    },
    {
      name: "other applications' variables are not ThemisDB's business",
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nGRAFANA_ADMIN_USER=ops\nMY_APP_PORTT=3000\n' },
    },
    {
      name: "a misspelling of THEMIS_PRODUCTION_MODE is ENV001's one finding (its rule is the more specific)",
      files: { '.env': 'THEMIS_PRODUCTON_MODE=1\nTHEMIS_PII_STRICT=1\n' },
    },
    {
      name: 'the same with THEMIS_ENVIRONMENT=production, and misspellings of the other switches ENV004/007/008 tell',
      files: {
        '.env': 'THEMIS_ENVIRONMENT=production\nexport THEMIS_PRODUCTON_MODE=1\nTHEMIS_PII_SRTICT=1\nTHEMIS_TOKEN_ADMN=x\n',
      },
    },
    {
      name: 'a comment that mentions a misspelled name',
      files: { '.env': '# THEMIS_PRODUCTON_MODE was renamed\nTHEMIS_PRODUCTION_MODE=1\n' },
    },
  ],
  invalid: [
    {
      name: 'THEMIS_ENVIRONMNET: the closest name is offered and the fix renames it',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMNET=production\n' },
      errors: [
        {
          messageId: 'misspelled',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 19,
          severity: 'warning',
          message:
            /^THEMIS_ENVIRONMNET is not a ThemisDB variable, so the server ignores it\. Did you mean THEMIS_ENVIRONMENT\? As written, the environment stays development/,
        },
      ],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\n',
    },
    {
      name: 'transposed letters',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_SESISON_POOL=8\n' },
      errors: [{ messageId: 'misspelled', line: 2, message: /THEMIS_HSM_SESSION_POOL/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_SESSION_POOL=8\n',
    },
    {
      name: 'mTLS without the M',
      files: { '.env': 'THEMIS_WAL_GRPC_ENABLE_TLS=1\n' },
      errors: [{ messageId: 'misspelled', line: 1, message: /THEMIS_WAL_GRPC_ENABLE_MTLS/ }],
      output: 'THEMIS_WAL_GRPC_ENABLE_MTLS=1\n',
    },
    {
      name: 'wrong case: the server reads the upper-case name',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nthemis_pii_strict=1\n' },
      errors: [{ messageId: 'wrongCase', line: 2, severity: 'warning', message: /case-sensitive/ }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n',
    },
    {
      name: 'the intended name is already set: no rename',
      files: { '.env': 'THEMIS_PRODUCTON_MODE=1\nTHEMIS_PRODUCTION_MODE=1\n' },
      errors: [{ messageId: 'alreadySet', line: 1, message: /already set on line 2/ }],
    },
    {
      name: 'unknown name with nothing close: warning without fix',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_QUANTUM_FLUX=3\n' },
      errors: [{ messageId: 'nothingClose', line: 2, severity: 'warning', message: /No known variable is close/ }],
    },
    {
      name: 'documented but never read: hint, with where the setting lives',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TLS_ENABLED=true\n' },
      errors: [
        {
          messageId: 'noEffect',
          line: 2,
          column: 1,
          endColumn: 19,
          severity: 'hint',
          message: /has no effect.*server\.enable_tls/,
        },
      ],
    },
    {
      name: 'compose-only names in the docker .env.example',
      files: {
        '.env.example':
          'COMPOSE_PROJECT_NAME=themisdb-lora\nTHEMIS_HTTP_PORT=8529\nTHEMIS_AQL_PORT=8765\nTHEMIS_LOG_LEVEL=info\n',
      },
      errors: [
        { messageId: 'noEffect', line: 2, severity: 'hint', message: /compose/ },
        { messageId: 'noEffect', line: 3, severity: 'hint' },
        { messageId: 'noEffect', line: 4, severity: 'hint' },
      ],
    },
    {
      name: 'compose-only sharding names point to what the server reads',
      files: { '.env': 'THEMIS_SHARD_ID=2\n' },
      errors: [{ messageId: 'noEffect', line: 1, severity: 'hint', message: /SHARD_ID/ }],
    },
    {
      name: 'build-time CMake option',
      files: { '.env': 'THEMIS_ENABLE_GRPC=ON\n' },
      errors: [{ messageId: 'noEffect', line: 1, severity: 'hint', message: /build-time/ }],
    },
    {
      name: 'entrypoint-only variable',
      files: { '.env': 'THEMIS_PORT=18765\n' },
      errors: [{ messageId: 'noEffect', line: 1, severity: 'hint', message: /entrypoint/ }],
    },
    {
      name: 'close to a documented-only name',
      files: { '.env': 'THEMIS_TLS_ENABLE=true\n' },
      errors: [
        {
          messageId: 'closestNotRead',
          line: 1,
          severity: 'warning',
          message: /THEMIS_TLS_ENABLED, is not read by the server either/,
        },
      ],
    },
    {
      name: 'not production-only: stays a warning in development',
      profile: 'auto',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=development\nTHEMIS_HSM_SESISON_POOL=8\n' },
      errors: [{ messageId: 'misspelled', line: 3, severity: 'warning' }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=development\nTHEMIS_HSM_SESSION_POOL=8\n',
    },
  ],
});

describe('ENV015 looks each unknown name up once', () => {
  it('a second analysis of a file with more than a thousand unknown names is quick', () => {
    const lines = Array.from({ length: 1100 }, (_, i) => `THEMIS_UNKNOWN_SETTING_${i.toString(36).toUpperCase()}=${i}`);
    const dir = writeWorkspace({ '.env': `THEMIS_ENVIRONMNET=production\n${lines.join('\n')}\n` });
    const all = { limits: { maxFindings: 5000 } }; // past the per-file cap of 1,000
    const first = analyzeFile(dir, '.env', all).analysis.findings.filter((f) => f.ruleId === 'ENV015');
    assert.equal(first.length, 1101);
    const start = process.hrtime.bigint();
    const again = analyzeFile(dir, '.env', all).analysis.findings.filter((f) => f.ruleId === 'ENV015');
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    assert.deepEqual(
      again.map((f) => f.message),
      first.map((f) => f.message),
    );
    assert.ok(ms < 3000, `the second analysis took ${Math.round(ms)} ms`);
  });
});
