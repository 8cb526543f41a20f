// Every combination of the Generate Production Config options lints clean
// (nothing above info) under the production profile, with and without a .env.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';

for (const withEnv of [true, false]) {
  test(`generated workspaces lint clean (${withEnv ? 'with .env' : 'template only'})`, () => {
    const combos = engine.allOptionCombinations(withEnv);
    assert.equal(combos.length, 32);
    for (const o of combos) {
      const files = Object.fromEntries(engine.generateProductionConfig(o).map((f) => [f.name, f.text]));
      files['.gitignore'] = '.env\n';
      const dir = writeWorkspace(files);
      const ws = new engine.Workspace(engine.nodeHost, [dir]);
      for (const name of Object.keys(files).filter((n) => n !== '.gitignore')) {
        const { kind, findings } = engine.analyze(ws.file(path.join(dir, name)), ws, { profile: 'production', root: dir });
        assert.ok(kind, `${name} is recognised as ThemisDB`);
        const loud = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        assert.deepEqual(
          loud.map((f) => `${name}: ${f.ruleId} ${f.message}`),
          [],
          JSON.stringify(o),
        );
      }
    }
  });
}

test('the .env gets a fresh 32-byte admin token; the template keeps secrets empty', () => {
  const o = { topology: 'cluster', keys: 'hsm', gpu: 'mig', compliance: 'hipaa', withEnv: true };
  const a = engine.generateProductionConfig(o);
  const b = engine.generateProductionConfig(o);
  const token = (files) => /^THEMIS_TOKEN_ADMIN=(.*)$/m.exec(files.find((f) => f.name === '.env').text)[1];
  assert.equal(Buffer.from(token(a), 'base64').length, 32);
  assert.notEqual(token(a), token(b));
  const template = a.find((f) => f.name === '.env.example').text;
  assert.match(template, /^THEMIS_TOKEN_ADMIN=$/m);
  assert.match(template, /^THEMIS_HSM_PIN=$/m);
  assert.deepEqual(a.map((f) => f.name).sort(), ['.env', '.env.example', 'config.yaml', 'mig.yaml']);
});
