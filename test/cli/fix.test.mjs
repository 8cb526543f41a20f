// --fix and --fix-dry-run on real files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, json, only, tlsConfig, workspace } from './helpers.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

// vector_index.metric is a key the server reads: its enum fix (SCH004) is a safe fix
const CONFIG = `# ThemisDB production settings\nstorage:\n  rocksdb_path: /var/lib/themisdb\n\nvector_index:\n  dimension: 768\n  metric: COSIN   # typo\n  hnsw_m: 16\n`;
const metricConfig = (v) => `vector_index:\n  metric: ${v}\n`;

function assertParses(text) {
  const docs = YAML.parseAllDocuments(text);
  assert.deepEqual(
    docs.flatMap((d) => d.errors.map((e) => e.message)),
    [],
    'the fixed file parses',
  );
}

const hasGit = spawnSync('git', ['--version']).status === 0;

describe('CLI --fix', () => {
  it('applies the safe fix in place, reports what is left, and changes nothing the second time', () => {
    const dir = workspace({ 'config.yaml': CONFIG });
    const file = path.join(dir, 'config.yaml');
    const r1 = cli(['--fix', ...only('SCH004'), '.'], { cwd: dir });
    assert.equal(r1.code, 0, r1.stdout + r1.stderr);
    const fixed = fs.readFileSync(file, 'utf8');
    assert.equal(fixed, CONFIG.replace('COSIN', 'COSINE'));
    assertParses(fixed);
    assert.match(r1.stdout, /0 problems/);
    assert.match(r1.stdout, /1 fix applied/);

    const r2 = cli(['--fix', ...only('SCH004'), '.'], { cwd: dir });
    assert.equal(fs.readFileSync(file, 'utf8'), fixed, 'second --fix changes nothing');
    assert.match(r2.stdout, /0 fixes applied/);
  });

  it('is idempotent with every rule on, and the fixed findings are gone', () => {
    const dir = workspace({ 'config.yaml': CONFIG, 'other/config.yaml': tlsConfig('1.2') + metricConfig('l2') });
    const before = json(cli(['--format', 'json', '.'], { cwd: dir }));
    assert.ok(
      before.some((f) => f.ruleId === 'SCH004'),
      'SCH004 reported before the fix',
    );
    const r1 = cli(['--fix', '--format', 'json', '.'], { cwd: dir });
    const left = json(r1);
    assert.deepEqual(
      left.filter((f) => f.ruleId === 'SCH004'),
      [],
      'no SCH004 left',
    );
    assert.match(r1.stderr, /fix(es)? applied/);
    const snapshot = ['config.yaml', 'other/config.yaml'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    snapshot.forEach(assertParses);
    const r2 = cli(['--fix', '--format', 'json', '.'], { cwd: dir });
    assert.deepEqual(
      ['config.yaml', 'other/config.yaml'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8')),
      snapshot,
    );
    assert.deepEqual(json(r2), left, 'the second run reports the same findings');
    assert.match(r2.stderr, /0 fixes applied/);
  });

  it('fixes a real compose file in one run: the fixes production mode brings up land too, and a second run changes nothing', () => {
    // the sharding compose of ThemisDB, under its real name: THEMIS_PRODUCTION_MODE comes first,
    // and only a file analyzed with it set asks for THEMIS_ENVIRONMENT, mTLS for the WAL and more
    const real = fs.readFileSync(new URL('../fixtures/real/docker/compose/docker-compose-sharding.yml', import.meta.url), 'utf8');
    const dir = workspace({ '.git/HEAD': '', 'docker/compose/docker-compose-sharding.yml': real });
    const file = path.join(dir, 'docker/compose/docker-compose-sharding.yml');
    const r1 = cli(['--fix', '--profile', 'production', '--format', 'json', '.'], { cwd: dir });
    const fixed = fs.readFileSync(file, 'utf8');
    assertParses(fixed);
    const count = (name) => (fixed.match(new RegExp(`^ {6}${name}: `, 'gm')) ?? []).length;
    assert.ok(count('THEMIS_PRODUCTION_MODE') >= 8, `production mode set in ${count('THEMIS_PRODUCTION_MODE')} services`);
    for (const name of ['THEMIS_ENVIRONMENT', 'THEMIS_PII_STRICT'])
      assert.equal(count(name), count('THEMIS_PRODUCTION_MODE'), `${name} set wherever production mode is`);
    // its certificate files are not set: turned on, mTLS would stop the WAL service, so it is only suggested
    assert.equal(count('THEMIS_WAL_GRPC_ENABLE_MTLS'), 0);
    assert.ok(
      json(r1).some((f) => f.ruleId === 'ENV012'),
      'ENV012 is still reported',
    );
    assert.ok(!json(r1).some((f) => f.fixable), 'nothing fixable left');
    const r2 = cli(['--fix', '--profile', 'production', '--format', 'json', '.'], { cwd: dir });
    assert.equal(fs.readFileSync(file, 'utf8'), fixed, 'second --fix changes nothing');
    assert.match(r2.stderr, /0 fixes applied/);
  });

  it('reports a file it left alone as a later fix in another file makes it', () => {
    // compose.yml is analyzed first and is large enough for the report to reuse that analysis,
    // until the fix of z.env (production mode on) makes ENV002 ask each service for THEMIS_ENVIRONMENT
    const services = Array.from(
      { length: 3_000 },
      (_, i) => `  db${i}:\n    image: themisdb/themisdb:1.4\n    env_file: ./z.env\n`,
    ).join('');
    const dir = workspace({ '.git/HEAD': '', 'compose.yml': `services:\n${services}`, 'z.env': 'THEMIS_PRODUCTION_MODE=0\n' });
    const args = ['--profile', 'production', '--format', 'json', '--fail-on', 'none', ...only('ENV001', 'ENV002'), '.'];
    const fixed = json(cli(['--fix', ...args], { cwd: dir }));
    assert.equal(fs.readFileSync(path.join(dir, 'z.env'), 'utf8'), 'THEMIS_PRODUCTION_MODE=1\n');
    const afterwards = json(cli(args, { cwd: dir }));
    const count = (findings) => findings.filter((f) => f.ruleId === 'ENV002' && f.file.endsWith('compose.yml')).length;
    assert.ok(count(afterwards) > 0, 'production mode on: ENV002 on the services');
    assert.equal(count(fixed), count(afterwards));
  });

  it('fixes nothing for a rule that is off', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    const r = cli(['--fix', '--fail-on', 'hint', ...only(), '.'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout);
    assert.equal(fs.readFileSync(path.join(dir, 'config.yaml'), 'utf8'), tlsConfig('1.0'));
  });

  it('keeps CRLF line breaks and a byte order mark', () => {
    const text = '\uFEFF' + metricConfig('COSIN').replace(/\n/g, '\r\n');
    const dir = workspace({ 'config.yaml': text });
    cli(['--fix', ...only('SCH004'), '.'], { cwd: dir });
    assert.equal(fs.readFileSync(path.join(dir, 'config.yaml'), 'utf8'), text.replace('COSIN', 'COSINE'));
  });
});

describe('CLI --fix-dry-run', () => {
  it('prints a unified diff and changes no file', () => {
    const dir = workspace({ 'config.yaml': CONFIG });
    const file = path.join(dir, 'config.yaml');
    const mtime = fs.statSync(file).mtimeMs;
    const r = cli(['--fix-dry-run', ...only('SCH004'), '.'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), CONFIG, 'file unchanged');
    assert.equal(fs.statSync(file).mtimeMs, mtime);
    assert.equal(
      r.stdout,
      [
        '--- a/config.yaml',
        '+++ b/config.yaml',
        '@@ -4,5 +4,5 @@',
        ' ',
        ' vector_index:',
        '   dimension: 768',
        '-  metric: COSIN   # typo',
        '+  metric: COSINE   # typo',
        '   hnsw_m: 16',
        '',
      ].join('\n'),
    );
    assert.match(r.stderr, /dry run: 1 fix in 1 file would be applied; no file was changed/);
  });

  it('prints nothing when there is nothing to fix, and exits by what would remain', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.3') });
    const r = cli(['--fix-dry-run', ...only('TLS002'), '.'], { cwd: dir });
    assert.equal(r.stdout, '');
    assert.equal(r.code, 0);
    const dir2 = workspace({ 'config.yaml': tlsConfig('1.0') });
    assert.equal(cli(['--fix-dry-run', ...only('TLS002'), '--rule', 'TLS002=off', '.'], { cwd: dir2 }).code, 0);
  });

  it('gives a diff that git apply turns into what --fix writes', { skip: !hasGit && 'git is not installed' }, () => {
    const files = { 'config.yaml': CONFIG, 'b/config.yaml': 'vector_index:\n  metric: l2' /* no final newline */ };
    const dry = workspace(files);
    const real = workspace(files);
    const diff = cli(['--fix-dry-run', '.'], { cwd: dry }).stdout;
    assert.match(diff, /\\ No newline at end of file/);
    cli(['--fix', '.'], { cwd: real });
    fs.writeFileSync(path.join(dry, 'fix.patch'), diff);
    const g = spawnSync('git', ['apply', '--unsafe-paths', 'fix.patch'], { cwd: dry, encoding: 'utf8' });
    assert.equal(g.status, 0, g.stderr);
    for (const f of Object.keys(files))
      assert.equal(fs.readFileSync(path.join(dry, f), 'utf8'), fs.readFileSync(path.join(real, f), 'utf8'), f);
  });

  it('cannot be combined with a machine format or --fix', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    assert.equal(cli(['--fix-dry-run', '--format', 'json', '.'], { cwd: dir }).code, 2);
    assert.equal(cli(['--fix-dry-run', '--fix', '.'], { cwd: dir }).code, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'config.yaml'), 'utf8'), tlsConfig('1.0'));
  });
});
