import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleTester } from '../helpers/ruleTester.mjs';
import { analyzeFile, engine, writeWorkspace } from '../helpers/engine.mjs';

const TOKEN = 'F+dnFlo1QMhIPLDtPEVFQ+wcb6GnHtSh71bH1vPqY38=';
// the token each suggestion writes is random: the describe block below checks what it writes
const ADD = [{ title: 'Add THEMIS_TOKEN_ADMIN with a freshly generated 32-byte token' }];
const SET = [{ title: 'Set THEMIS_TOKEN_ADMIN to a freshly generated 32-byte token' }];

ruleTester('ENV004', {
  valid: [
    { name: 'token set', files: { '.env': `THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=${TOKEN}\n` } },
    { name: 'template with the secret left empty', files: { '.env.example': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=\n' } },
    { name: 'template without the secret', files: { 'themisdb.env.example': 'THEMIS_PRODUCTION_MODE=1\n' } },
    { name: 'compose-only .env', files: { '.env': 'THEMIS_HTTP_PORT=8529\nGRAFANA_PORT=3000\n' } },
    { name: 'value from a variable defined elsewhere', files: { '.env': 'THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}\n' } },
    {
      name: 'a read-only token is not the admin token',
      files: { '.env': `THEMIS_TOKEN_READONLY=\nTHEMIS_TOKEN_ADMIN=${TOKEN}\n` },
    },
  ],
  invalid: [
    {
      name: 'absent: first entry',
      files: { '.env': '# server env\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_PII_STRICT=1\n' },
      errors: [
        {
          messageId: 'notSet',
          line: 2,
          column: 1,
          endColumn: 23,
          severity: 'error',
          message: /THEMIS_TOKEN_ADMIN is not set/,
          suggestions: ADD,
        },
      ],
    },
    {
      name: 'empty: reported on the key',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=\n' },
      errors: [{ messageId: 'empty', line: 2, column: 1, endColumn: 19, message: /empty/, suggestions: SET }],
    },
    {
      name: 'empty quotes',
      files: { '.env': 'THEMIS_TOKEN_ADMIN=""\n' },
      errors: [{ messageId: 'empty', line: 1, column: 1, suggestions: SET }],
    },
    {
      name: 'a misspelled name holding a token: the suggestion renames it and keeps the token',
      files: { '.env': `THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMN=${TOKEN}\n` },
      errors: [
        {
          messageId: 'misspelled',
          line: 2,
          column: 1,
          endColumn: 18,
          message: /^THEMIS_TOKEN_ADMN is a misspelling of THEMIS_TOKEN_ADMIN, so the admin API asks for no token\./,
          suggestions: [
            {
              title: 'Rename THEMIS_TOKEN_ADMN to THEMIS_TOKEN_ADMIN',
              output: `THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=${TOKEN}\n`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\n' },
      errors: [{ messageId: 'notSet', line: 1, severity: 'hint', suggestions: ADD }],
    },
  ],
});

describe('ENV004 suggestion writes a fresh 32-byte token', () => {
  const apply = (files, rel = '.env') => {
    const dir = writeWorkspace(files);
    const { analysis } = analyzeFile(dir, rel);
    const finding = analysis.findings.find((f) => f.ruleId === 'ENV004');
    assert.ok(finding, 'ENV004 fires');
    const fix = finding.fixes[0];
    assert.equal(fix.kind, 'suggestion');
    const p = path.join(dir, rel);
    const text = engine.applyEdits(fs.readFileSync(p, 'utf8'), fix.changes[0].edits);
    fs.writeFileSync(p, text);
    const again = analyzeFile(dir, rel).analysis.findings.filter((f) => ['ENV004', 'ENV005'].includes(f.ruleId));
    return { finding, fix, text, again };
  };

  it('appends THEMIS_TOKEN_ADMIN when missing', () => {
    const { finding, fix, text, again } = apply({ '.env': 'THEMIS_PRODUCTION_MODE=1\n' });
    const m = /^THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=([A-Za-z0-9+/]{43}=)\n$/.exec(text);
    assert.ok(m, text);
    assert.equal(Buffer.from(m[1], 'base64').length, 32);
    assert.ok(!finding.message.includes(m[1]) && !fix.title.includes(m[1]), 'the token is never shown');
    assert.deepEqual(again, []);
  });

  it('fills an empty value, keeping its quotes', () => {
    const { text, again } = apply({ '.env': 'THEMIS_TOKEN_ADMIN=""  # admin\nTHEMIS_PRODUCTION_MODE=1\n' });
    assert.match(text, /^THEMIS_TOKEN_ADMIN="[A-Za-z0-9+/]{43}=" {2}# admin\nTHEMIS_PRODUCTION_MODE=1\n$/);
    assert.deepEqual(again, []);
  });

  it('renames an empty misspelled entry and fills it, without showing the token', () => {
    const { fix, text, again } = apply({ '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMN=\n' });
    const m = /^THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=([A-Za-z0-9+/]{43}=)\n$/.exec(text);
    assert.ok(m, text);
    assert.ok(!fix.title.includes(m[1]), fix.title);
    assert.match(fix.title, /Rename THEMIS_TOKEN_ADMN to THEMIS_TOKEN_ADMIN/);
    assert.deepEqual(again, []);
  });

  it('each fix computes a new token', () => {
    const a = apply({ '.env': 'THEMIS_PRODUCTION_MODE=1\n' }).text;
    const b = apply({ '.env': 'THEMIS_PRODUCTION_MODE=1\n' }).text;
    assert.notEqual(a, b);
  });
});
