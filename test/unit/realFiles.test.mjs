// The real ThemisDB files (test/fixtures/real, see NOTICE) analyze without crash
// and without schema noise; the core config is recognised as ThemisDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, repoRoot } from '../helpers/engine.mjs';

const root = path.join(repoRoot, 'test/fixtures/real');

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

test('real ThemisDB files: no SCH001/SCH002/SCH003, no rule crash', () => {
  const ws = new engine.Workspace(engine.nodeHost, [root]);
  let analyzed = 0;
  for (const p of walk(root)) {
    if (!/\.(ya?ml|env|example)$/.test(p)) continue;
    const errors = [];
    const { kind, findings } = engine.analyze(ws.file(p), ws, {
      profile: 'production',
      explicit: true,
      onRuleError: (id, e) => errors.push(`${id}: ${e}`),
    });
    assert.deepEqual(errors, [], `rules failed on ${p}`);
    if (kind) analyzed++;
    const noise = findings.filter((f) => ['SCH001', 'SCH002', 'SCH003'].includes(f.ruleId));
    assert.deepEqual(
      noise.map((f) => `${path.relative(root, p)}: ${f.ruleId} ${f.message}`),
      [],
    );
  }
  assert.ok(analyzed >= 12, `analyzed ${analyzed} ThemisDB files`);
});

test('the core config.yaml (TLS off) is recognised as ThemisDB', () => {
  const ws = new engine.Workspace(engine.nodeHost, [root]);
  for (const rel of ['63cde823/config/core/config.yaml', '3955e2b8/config/core/config.yaml', '0e35c81b/config/config.yaml']) {
    const { kind } = engine.analyze(ws.file(path.join(root, rel)), ws, { profile: 'production' });
    assert.equal(kind, 'config', rel);
  }
});
