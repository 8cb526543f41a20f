// --write-baseline / --baseline on real files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient } from '../helpers/lspClient.mjs';
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

describe('CLI baselines the eslint way: .themisdb-baseline.json, stale entries, --prune-baseline', () => {
  const TWO = `${tlsConfig('1.0')}admin:\n  tls:\n    min_version: "1.2"\n`;

  it('picks up .themisdb-baseline.json in the working folder or above it, up to the repository root', () => {
    const dir = workspace({ 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/deploy/config.yaml': TWO });
    const repo = path.join(dir, 'repo');
    const isolate = only('TLS002');
    assert.equal(cli([...isolate, '--write-baseline', '.themisdb-baseline.json', '.'], { cwd: repo }).code, 0);
    for (const cwd of [repo, path.join(repo, 'deploy')]) {
      const r = cli([...isolate, '--format', 'json', '.'], { cwd });
      assert.deepEqual(json(r), [], cwd);
      assert.equal(r.code, 0);
    }
    const text = cli([...isolate, '.'], { cwd: repo });
    assert.match(text.stdout, /2 problems hidden by the baseline/);
    // not above the repository root
    const outside = workspace({ '.themisdb-baseline.json': '{"version": 7}', 'repo/.git/HEAD': '', 'repo/config.yaml': TWO });
    assert.equal(cli([...isolate, '.'], { cwd: path.join(outside, 'repo') }).code, 1, 'the broken one above .git is not read');
    // --baseline FILE takes precedence over the discovered one
    fs.writeFileSync(
      path.join(repo, 'empty.json'),
      JSON.stringify({ version: 1, tool: { name: 'x', version: '0' }, findings: [] }),
    );
    assert.equal(json(cli([...isolate, '--baseline', 'empty.json', '--format', 'json', '.'], { cwd: repo })).length, 2);
  });

  it('a baselined "1.2" changed to "1.0" resurfaces: the value is part of the fingerprint', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.2') });
    const isolate = only('TLS002');
    cli([...isolate, '--write-baseline', '.themisdb-baseline.json', '.'], { cwd: dir });
    assert.deepEqual(json(cli([...isolate, '-f', 'json', '.'], { cwd: dir })), []);
    fs.writeFileSync(path.join(dir, 'config.yaml'), tlsConfig('1.0'));
    const found = json(cli([...isolate, '-f', 'json', '.'], { cwd: dir }));
    assert.deepEqual(
      found.map((f) => [f.ruleId, f.severity]),
      [['TLS002', 'error']],
    );
  });

  it('reports stale entries (a line and a count) and removes them with --prune-baseline', () => {
    const dir = workspace({ 'config.yaml': TWO, 'other/config.yaml': tlsConfig('1.0') });
    const isolate = only('TLS002');
    cli([...isolate, '--write-baseline', '.themisdb-baseline.json', '.'], { cwd: dir });
    const read = () => JSON.parse(fs.readFileSync(path.join(dir, '.themisdb-baseline.json'), 'utf8')).findings;
    assert.equal(read().length, 3);
    // fix one problem: its entry is stale
    fs.writeFileSync(path.join(dir, 'config.yaml'), TWO.replace('"1.0"', '"1.3"'));
    const r = cli([...isolate, '.'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout);
    assert.match(
      r.stdout,
      /1 baseline entry in \.themisdb-baseline\.json no longer matches a problem; remove it with --prune-baseline/,
    );
    const j = cli([...isolate, '-f', 'json', '.'], { cwd: dir });
    assert.deepEqual(json(j), []);
    assert.match(j.stderr, /1 baseline entry .* --prune-baseline/);
    // a run that does not check other/ does not call its entry stale
    assert.doesNotMatch(cli([...isolate, 'other'], { cwd: dir }).stdout, /no longer match/);

    const p = cli([...isolate, '--prune-baseline', '.'], { cwd: dir });
    assert.equal(p.code, 0);
    assert.match(p.stderr, /removed 1 stale entry from the baseline \.themisdb-baseline\.json/);
    assert.equal(read().length, 2);
    assert.doesNotMatch(cli([...isolate, '.'], { cwd: dir }).stdout, /no longer match/);
    // without a baseline there is nothing to prune
    assert.equal(cli(['--prune-baseline', '.'], { cwd: workspace({ 'config.yaml': TWO }) }).code, 2);
  });
});

describe('language server and the baseline', () => {
  it('does not show what .themisdb-baseline.json of the workspace folder lists, and shows what is new', async () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    cli(['--write-baseline', '.themisdb-baseline.json', '.'], { cwd: dir });
    const cliFindings = JSON.parse(fs.readFileSync(path.join(dir, '.themisdb-baseline.json'), 'utf8')).findings;
    assert.ok(cliFindings.some((f) => f.ruleId === 'TLS002'));
    const client = new LspClient({ rootDir: dir });
    try {
      await client.initialize();
      const file = path.join(dir, 'config.yaml');
      const uri = client.open(file, fs.readFileSync(file, 'utf8'));
      const first = await client.waitForDiagnostics(uri);
      assert.deepEqual(
        first.diagnostics.map((d) => d.code),
        [],
        'every finding is in the baseline',
      );
      // another value on the same line is another problem
      client.change(uri, tlsConfig('1.1'));
      const next = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      assert.deepEqual(
        next.diagnostics.map((d) => [d.code, d.range.start.line]),
        [['TLS002', 2]],
      );
      // a baseline changed on disk is read again
      fs.writeFileSync(
        path.join(dir, '.themisdb-baseline.json'),
        JSON.stringify({ version: 1, tool: { name: 'themisdb-lint', version: '0' }, findings: [] }),
      );
      client.change(uri, tlsConfig('1.0'));
      const all = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length >= cliFindings.length);
      assert.ok(all.diagnostics.some((d) => d.code === 'TLS002'));
    } finally {
      await client.shutdown();
    }
  });
});
