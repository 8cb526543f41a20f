// `themisdb-lint init --production`: four option combinations lint clean with the real CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/engine.mjs';
import { tempDir } from '../helpers/tempDir.mjs';

const cli = (args, cwd) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'server/out/cli.js'), ...args], { cwd, encoding: 'utf8' });

const combos = [
  [],
  ['--topology', 'cluster', '--keys', 'hsm', '--gpu', 'mig', '--compliance', 'hipaa', '--with-env'],
  ['--topology=cluster', '--keys=vault', '--compliance=soc2'],
  ['--keys', 'hsm', '--gpu', 'mig', '--compliance', 'gdpr', '--with-env'],
];

for (const args of combos) {
  test(`init --production ${args.join(' ') || '(defaults)'} lints clean`, () => {
    const dir = tempDir('themis-init-');
    const r = cli(['init', '--production', ...args, 'out'], dir);
    assert.equal(r.status, 0, r.stderr);
    const lint = cli(['--profile', 'production', '--format', 'json', '--fail-on', 'warning', 'out'], dir);
    assert.deepEqual(
      JSON.parse(lint.stdout).filter((f) => f.severity === 'error' || f.severity === 'warning'),
      [],
    );
    assert.equal(lint.status, 0);
    const written = fs.readdirSync(path.join(dir, 'out')).sort();
    assert.ok(written.includes('config.yaml') && written.includes('.env.example'));
    if (args.includes('--with-env')) {
      assert.match(fs.readFileSync(path.join(dir, 'out/.gitignore'), 'utf8'), /^\.env$/m);
      assert.equal(fs.statSync(path.join(dir, 'out/.env')).mode & 0o777, 0o600);
    }
  });
}

test('init refuses to overwrite without --force, and checks its options', () => {
  const dir = tempDir('themis-init-');
  fs.writeFileSync(path.join(dir, 'config.yaml'), '# mine\n');
  const r = cli(['init', '--production', '.'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /config\.yaml already exists/);
  assert.equal(fs.readFileSync(path.join(dir, 'config.yaml'), 'utf8'), '# mine\n');
  assert.equal(cli(['init', '--production', '--force', '.'], dir).status, 0);
  assert.equal(cli(['init', '--production', '--gpu', 'tpu', '.'], dir).status, 2);
  assert.equal(cli(['init', '.'], dir).status, 2);
});

test('init --force over an existing .env: mode 600 again, .gitignore listing .env once, no leading blank line', () => {
  const dir = tempDir('themis-init-');
  fs.writeFileSync(path.join(dir, '.env'), 'OLD=1\n', { mode: 0o644 });
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/');
  const refused = cli(['init', '--production', '--with-env', '.'], dir);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /nothing was written/);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['.env', '.gitignore'], 'no file written before the refusal');
  const r = cli(['init', '--production', '--with-env', '--force', '.'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.statSync(path.join(dir, '.env')).mode & 0o777, 0o600);
  assert.equal(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), 'node_modules/\n# secrets (ThemisDB)\n.env\n');
  assert.equal(cli(['init', '--production', '--with-env', '--force', '.'], dir).status, 0);
  assert.equal(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8').match(/^\.env$/gm).length, 1);
  for (const name of ['config.yaml', '.env', '.env.example']) assert.match(fs.readFileSync(path.join(dir, name), 'utf8'), /^#/);
});
