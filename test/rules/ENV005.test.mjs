import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleTester } from '../helpers/ruleTester.mjs';
import { analyzeFile, engine, writeWorkspace } from '../helpers/engine.mjs';

const B64 = 'F+dnFlo1QMhIPLDtPEVFQ+wcb6GnHtSh71bH1vPqY38=';
const HEX = '27e1358689f31d3530553f929274dcad48e92f75f242fc03a3f970dcc7590f55';
// the token the suggestion writes is random: the describe block below checks what it writes
const REPLACE = [{ title: 'Replace THEMIS_TOKEN_ADMIN with a freshly generated 32-byte token' }];
const env = (token) => `THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=${token}\n`;

ruleTester('ENV005', {
  valid: [
    { name: '32 random bytes, base64', files: { '.env': env(B64) } },
    { name: '32 random bytes, base64 without padding', files: { '.env': env(B64.slice(0, 43)) } },
    { name: '32 random bytes, hex', files: { '.env': env(HEX) } },
    { name: "empty is ENV004's finding", files: { '.env': env('') } },
    { name: "a committed template is SEC007's business", files: { '.env.example': env('changeme') } },
    { name: 'value from a variable defined elsewhere', files: { '.env': env('${ADMIN_TOKEN}') } },
    {
      name: 'a weak read-only token is not this rule',
      files: { '.env': `THEMIS_TOKEN_READONLY=changeme\nTHEMIS_TOKEN_ADMIN=${B64}\n` },
    },
  ],
  invalid: [
    {
      name: 'placeholder word',
      files: { '.env': env('changeme') },
      errors: [
        {
          messageId: 'placeholder',
          line: 2,
          column: 20,
          endColumn: 28,
          severity: 'error',
          message: /placeholder/,
          suggestions: REPLACE,
        },
      ],
    },
    {
      name: "the seed's placeholder copied into a real .env",
      files: { '.env': env('<base64-encoded-random-32-bytes>') },
      errors: [{ messageId: 'placeholder', line: 2, column: 20, message: /placeholder/, suggestions: REPLACE }],
    },
    {
      name: '16 bytes of hex',
      files: { '.env': env(HEX.slice(0, 32)) },
      errors: [{ messageId: 'short', line: 2, message: /about 16 bytes/, suggestions: REPLACE }],
    },
    {
      name: '24-character base64 (18 bytes)',
      files: { '.env': env('q3Zt7LwP9xKd2RbN8vYh4sJc') },
      errors: [{ messageId: 'short', line: 2, message: /about 18 bytes/, suggestions: REPLACE }],
    },
    {
      name: 'long but low entropy',
      files: { '.env': env('xyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxyzxy') },
      errors: [{ messageId: 'regular', line: 2, message: /too few distinct characters/, suggestions: REPLACE }],
    },
    {
      name: 'a weak token in double quotes: span covers the quotes',
      files: { '.env': 'THEMIS_TOKEN_ADMIN="admin"\n' },
      errors: [{ messageId: 'placeholder', line: 1, column: 20, endColumn: 27, suggestions: REPLACE }],
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_TOKEN_ADMIN=secret\n' },
      errors: [{ messageId: 'placeholder', line: 2, severity: 'hint', suggestions: REPLACE }],
    },
  ],
});

describe('ENV005 message and suggestion', () => {
  it('never shows the weak token and replaces it with a fresh one', () => {
    const weak = 'myAdminToken2024';
    const dir = writeWorkspace({ '.env': `THEMIS_TOKEN_ADMIN='${weak}'  # rotate\nTHEMIS_PRODUCTION_MODE=1\n` });
    const { analysis } = analyzeFile(dir, '.env');
    const finding = analysis.findings.find((f) => f.ruleId === 'ENV005');
    assert.ok(finding);
    assert.ok(!finding.message.includes(weak), finding.message);
    assert.match(finding.message, /"myAd…" \(16 characters\)/);
    const fix = finding.fixes[0];
    assert.equal(fix.kind, 'suggestion');
    const p = path.join(dir, '.env');
    const text = engine.applyEdits(fs.readFileSync(p, 'utf8'), fix.changes[0].edits);
    const m = /^THEMIS_TOKEN_ADMIN='([A-Za-z0-9+/]{43}=)' {2}# rotate\nTHEMIS_PRODUCTION_MODE=1\n$/.exec(text);
    assert.ok(m, text);
    assert.ok(!fix.title.includes(m[1]));
    fs.writeFileSync(p, text);
    assert.deepEqual(
      analyzeFile(dir, '.env').analysis.findings.filter((f) => f.ruleId === 'ENV005'),
      [],
    );
  });

  it('no false positive on freshly generated tokens', async () => {
    const { randomBytes } = await import('node:crypto');
    for (let i = 0; i < 200; i++) {
      const enc = i % 2 ? 'hex' : 'base64';
      const dir = writeWorkspace({ '.env': env(randomBytes(32).toString(enc)) });
      const hits = analyzeFile(dir, '.env').analysis.findings.filter((f) => f.ruleId === 'ENV005');
      assert.deepEqual(
        hits.map((h) => h.message),
        [],
      );
    }
  });
});
