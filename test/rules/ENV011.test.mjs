import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../helpers/ruleTester.mjs';
import { analyzeFile, writeWorkspace } from '../helpers/engine.mjs';

const TOKEN = 'hvs.CAESIJ3mQk9sP0aLx7eZt1uVn4rGyWb2oHdFc8';

ruleTester('ENV011', {
  valid: [
    {
      name: 'no Vault token (Vault agent)',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_ADDR=https://vault:8200\n' },
    },
    {
      name: 'left empty, as the systemd template does',
      files: { '.env': 'THEMIS_VAULT_ADDR=https://vault:8200\nTHEMIS_VAULT_TOKEN=\n' },
    },
    { name: 'injected from elsewhere', files: { '.env': 'THEMIS_VAULT_TOKEN=${VAULT_AGENT_TOKEN}\n' } },
    { name: "templates are SEC007's business", files: { '.env.example': `THEMIS_VAULT_TOKEN=${TOKEN}\n` } },
    { name: 'the transit mount is not a token', files: { '.env': 'THEMIS_VAULT_TRANSIT_MOUNT=transit\n' } },
  ],
  invalid: [
    {
      name: 'static token',
      files: { '.env': `THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_TOKEN=${TOKEN}\n` },
      errors: [
        { messageId: 'staticToken', line: 2, column: 20, endColumn: 20 + TOKEN.length, severity: 'info', message: /short-lived/ },
      ],
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': `THEMIS_ENVIRONMENT=development\nTHEMIS_VAULT_TOKEN=${TOKEN}\n` },
      errors: [{ messageId: 'staticToken', line: 2, severity: 'hint' }],
    },
  ],
});

describe('ENV011 message', () => {
  it('masks the token', () => {
    const dir = writeWorkspace({ '.env': `THEMIS_VAULT_TOKEN=${TOKEN}\n` });
    const f = analyzeFile(dir, '.env').analysis.findings.find((x) => x.ruleId === 'ENV011');
    assert.ok(f && !f.message.includes(TOKEN) && f.message.includes('"hvs.…"'), f?.message);
  });
});
