// The CLI's file-system work grows with the files, not with files × folders: each folder is
// listed a fixed number of times, the settings and baseline lookups above the folders are
// shared, and a file looked for by name (an env template) is read only when it is listed.
// Counted from inside the real CLI by a preloaded script that wraps the fs calls.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, workspace } from './helpers.mjs';
import { tempDir } from '../helpers/tempDir.mjs';

const FOLDERS = 24;

/** A preload that counts fs calls per path and writes them to $FS_COUNTS when the process exits. */
const COUNTER = `
const fs = require('fs');
const counts = {};
const count = (call, p) => { const k = call + ' ' + String(p); counts[k] = (counts[k] || 0) + 1; };
for (const call of ['readdirSync', 'readFileSync', 'existsSync']) {
  const real = fs[call];
  fs[call] = function (p, ...rest) { count(call, p); return real.call(this, p, ...rest); };
}
const realpath = fs.realpathSync.native;
fs.realpathSync.native = function (p, ...rest) { count('realpath', p); return realpath.call(this, p, ...rest); };
process.on('exit', () => fs.writeFileSync(process.env.FS_COUNTS, JSON.stringify(counts)));
`;

function countedRun(root) {
  const dir = tempDir('themisdb-fswork-');
  const preload = path.join(dir, 'count.js');
  const out = path.join(dir, 'counts.json');
  fs.writeFileSync(preload, COUNTER);
  const r = spawnSync(process.execPath, ['-r', preload, cliPath, '--format', 'json', '--fail-on', 'none', root], {
    cwd: root,
    env: { ...process.env, FS_COUNTS: out, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const counts = JSON.parse(fs.readFileSync(out, 'utf8'));
  return { findings: JSON.parse(r.stdout), count: (call, p) => counts[`${call} ${p}`] ?? 0 };
}

describe('file-system work of the CLI', () => {
  const files = { '.gitignore': '.env\n' };
  for (let i = 0; i < FOLDERS; i++) {
    files[`site${i}/config.yaml`] = `server:\n  host: 0.0.0.0\n  port: ${8000 + i}\n  enable_tls: false\n`;
    files[`site${i}/.env`] = 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=\n';
  }
  files['site0/.env.example'] = 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=\nTHEMIS_TLS_CERT=\n';
  const root = workspace(files);
  fs.mkdirSync(path.join(root, '.git'));
  const run = countedRun(root);

  it('lists each folder a fixed number of times, and the folder above them no more than it', () => {
    const listings = [root, ...Array.from({ length: FOLDERS }, (_, i) => path.join(root, `site${i}`))].map((d) =>
      run.count('readdirSync', d),
    );
    // the CLI's walk, the settings-file lookup and the workspace's walk: three each
    assert.ok(Math.max(...listings) <= 3, `listings per folder: ${listings.join(' ')}`);
  });

  it('looks for the baseline and the settings file above the folders once, not per file', () => {
    for (const d of [root, path.dirname(root)]) {
      const lookups = [run.count('existsSync', path.join(d, '.themisdb-baseline.json')), run.count('readdirSync', d)];
      assert.ok(lookups[0] <= 2 && lookups[1] <= 3, `${d}: ${lookups.join(', ')}`);
    }
  });

  it('reads an env template only where the folder has one, and still finds it there', () => {
    const probed = Array.from({ length: FOLDERS }, (_, i) => i)
      .filter((i) => i > 0)
      .flatMap((i) => ['.example', '.sample', '.template'].map((s) => path.join(root, `site${i}`, `.env${s}`)))
      .filter((p) => run.count('realpath', p) + run.count('readFileSync', p) > 0);
    assert.deepEqual(probed, []);
    const drift = run.findings.filter((f) => f.ruleId === 'ENV021');
    assert.deepEqual(
      drift.map((f) => f.file),
      [path.join('site0', '.env')],
    );
  });
});
