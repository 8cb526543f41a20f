// --write-baseline / --baseline on real files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, json, only, pkg, tlsConfig, workspace } from './helpers.mjs';

const CONFIG = `# ThemisDB\nstorage:\n  rocksdb_path: /var/lib/themisdb\n${tlsConfig('1.2')}`;

describe('CLI baselines', () => {
  it('a baseline of all findings reports nothing, also after lines move', () => {
    const dir = workspace({
      'config.yaml': CONFIG,
      'sub/config.yaml': tlsConfig('1.0') + 'admin:\n  tls:\n    min_version: "1.0"\n',
    });
    const all = json(cli(['--format', 'json', '.'], { cwd: dir }));
    assert.ok(all.length >= 3, 'findings to record');

    const w = cli(['--write-baseline', 'themis-baseline.json', '.'], { cwd: dir });
    assert.equal(w.code, 0, 'writing a baseline accepts every finding');
    assert.match(w.stderr, new RegExp(`wrote ${all.length} findings`));
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'themis-baseline.json'), 'utf8'));
    assert.equal(doc.version, 1);
    assert.deepEqual(doc.tool, { name: 'themisdb-lint', version: pkg.version });
    assert.equal(doc.findings.length, all.length);
    for (const f of doc.findings) {
      assert.deepEqual(Object.keys(f), ['ruleId', 'file', 'fingerprint']);
      assert.match(f.fingerprint, /^[0-9a-f]{16}:\d+$/);
      assert.ok(!f.file.includes('\\') && !path.isAbsolute(f.file));
    }

    const r = cli(['--baseline', 'themis-baseline.json', '--format', 'json', '--fail-on', 'hint', '.'], { cwd: dir });
    assert.deepEqual(json(r), []);
    assert.equal(r.code, 0);

    // three lines above every finding: nothing resurfaces
    for (const f of ['config.yaml', 'sub/config.yaml']) {
      const p = path.join(dir, f);
      fs.writeFileSync(p, `# moved down\n# by three\n# comment lines\n${fs.readFileSync(p, 'utf8')}`);
    }
    const text = cli(['--baseline', 'themis-baseline.json', '.'], { cwd: dir });
    assert.equal(text.code, 0, text.stdout);
    assert.match(text.stdout, /0 problems/);
    assert.match(text.stdout, new RegExp(`${all.length} problems hidden by the baseline`));
  });

  it('reports exactly the one new problem', () => {
    const dir = workspace({ 'config.yaml': CONFIG });
    const isolate = only('TLS002');
    cli(['--write-baseline', 'baseline.json', ...isolate, '.'], { cwd: dir });
    // a new block after the old one: same rule, same line text, a second occurrence
    fs.appendFileSync(path.join(dir, 'config.yaml'), 'admin:\n  tls:\n    min_version: "1.0"\n');
    const r = cli(['--baseline', 'baseline.json', '--format', 'json', ...isolate, '.'], { cwd: dir });
    const found = json(r);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.deepEqual([found[0].ruleId, found[0].line, found[0].severity], ['TLS002', 9, 'error']);
    assert.equal(r.code, 1);
    // the count matters: a baseline with the finding once does not hide it twice
    const again = json(cli(['--baseline', 'baseline.json', '--format', 'sarif', ...isolate, '.'], { cwd: dir }));
    assert.equal(again.runs[0].results.length, 1);
  });

  it('matches files relative to the baseline, from any working folder', () => {
    const dir = workspace({ 'repo/deploy/config.yaml': tlsConfig('1.0') });
    const repo = path.join(dir, 'repo');
    cli(['--write-baseline', '.themisdb/baseline.json', ...only('TLS002'), 'deploy'], { cwd: repo });
    const doc = JSON.parse(fs.readFileSync(path.join(repo, '.themisdb', 'baseline.json'), 'utf8'));
    assert.deepEqual(
      doc.findings.map((f) => f.file),
      ['../deploy/config.yaml'],
    );
    const r = cli(['--baseline', '../.themisdb/baseline.json', '--format', 'json', ...only('TLS002'), '.'], {
      cwd: path.join(repo, 'deploy'),
    });
    assert.deepEqual(json(r), []);
    assert.equal(r.code, 0);
  });

  it('fails with exit 2 on a missing or broken baseline', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0'), 'bad.json': '{"version": 7}', 'notjson.json': 'nope' });
    for (const file of ['missing.json', 'bad.json', 'notjson.json']) {
      const r = cli(['--baseline', file, '.'], { cwd: dir });
      assert.equal(r.code, 2, file);
      assert.match(r.stderr, /baseline/);
      assert.equal(r.stdout, '');
    }
    assert.equal(cli(['--baseline'], { cwd: dir }).code, 2);
    assert.equal(cli(['--write-baseline', path.join(dir, 'config.yaml', 'x.json'), '.'], { cwd: dir }).code, 2, 'unwritable');
  });
});
