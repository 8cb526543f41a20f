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

test('the generator says which settings the server ignores, and promises nothing it cannot do', () => {
  for (const o of engine.allOptionCombinations(true)) {
    const files = engine.generateProductionConfig(o);
    for (const f of files) assert.ok(!f.text.startsWith('\n'), `${f.name} starts with a blank line`);
    const config = files.find((f) => f.name === 'config.yaml').text;
    assert.doesNotMatch(config, /host:\s*0\.0\.0\.0/);
    assert.doesNotMatch(config, /library_path:\s*\S*softhsm/i, 'no software HSM library for the hardware choice');
    // every top-most entry the server does not read sits under (or in a run of keys under) a comment saying so
    const file = new engine.SourceFile('/g/config.yaml', config);
    const lines = config.split('\n');
    const noted = (ref) => {
      let i = file.lines.position(ref.keySpan.start).line - 1;
      const sibling = (l) => engine.readership('config', [...ref.path.slice(0, -1), l.trim().split(':')[0]]) === 'unread';
      while (i >= 0 && !/^\s*#/.test(lines[i]) && sibling(lines[i])) i--;
      return /# Not read by the ThemisDB server, no effect on it/.test(lines[i] ?? '');
    };
    for (const ref of file.yaml.refs) {
      if (!ref.keySpan || engine.readership('config', ref.path) !== 'unread') continue;
      const chain = ref.path.map((_, n) => file.yaml.get(ref.path.slice(0, n + 1))).filter((r) => r?.keySpan);
      assert.ok(chain.some(noted), `${ref.path.join('.')} in ${JSON.stringify(o)}`);
    }
  }
});
