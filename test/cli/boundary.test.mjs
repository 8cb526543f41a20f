// The workspace is a boundary (issue 13, "Escapes from the workspace"): the real CLI in
// hostile temp workspaces with links to /proc/self/environ, to files and folders outside,
// and dangling links. Nothing outside is read or written, and a notice says so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, json, only, workspace } from './helpers.mjs';
import { tempDir } from '../helpers/tempDir.mjs';

const base = (body) => `storage:\n  rocksdb_path: ./data/rocksdb\n${body}`;
const BAD_PORT = base('server:\n  port: "abc"\n');
const CONFIG =
  'storage:\n  rocksdb_path: ./data/rocksdb\nserver:\n  port: ${FIRST_VAR}\n  host: 0.0.0.0\nnetwork:\n  tls:\n    enabled: false\n';
const OUTSIDE_TOKEN = 'Q2lTZWNyZXRUb2tlbkZyb21PdXRzaWRlMTIzNDU2Nzg5MA';

/** A folder outside the workspace, with a credentials file in it. */
function outside() {
  const dir = tempDir('themisdb-outside-');
  fs.writeFileSync(path.join(dir, 'credentials'), `FIRST_VAR=${OUTSIDE_TOKEN}\nTHEMIS_TOKEN_ADMIN=${OUTSIDE_TOKEN}\n`);
  return dir;
}

const notices = (findings) => findings.filter((f) => f.ruleId === 'themisdb-boundary');

describe('CLI: the workspace boundary', () => {
  it('does not read a .env linked to /proc/self/environ, and says so', () => {
    const dir = workspace({ 'config.yaml': CONFIG });
    fs.symlinkSync('/proc/self/environ', path.join(dir, '.env'));
    const env = { FIRST_VAR: 'ci-secret-GhX7fQ2pLm9zR4tYw8', CI_JOB_TOKEN: 'glcbt-64_Zx9yQw2Er5Ty8Ui1Op4As' };
    for (const format of ['json', 'sarif', 'text']) {
      const r = cli(['--format', format, '.'], { cwd: dir, env });
      assert.doesNotMatch(r.stdout + r.stderr, /GhX7f|Zx9yQ|Q2lTZ/, format);
      assert.match(r.stdout, /themisdb-boundary|symbolic link/, format);
      assert.equal(r.code, 1, format);
    }
    const found = json(cli(['--format', 'json', '.'], { cwd: dir, env }));
    assert.deepEqual(
      notices(found).map((f) => [f.file, f.severity]),
      [['.env', 'error']],
    );
    assert.match(notices(found)[0].message, /\/proc\/self\/environ, outside the workspace: it was not read/);
  });

  it('does not read a sibling .env linked outside when only the config is named', () => {
    const out = outside();
    const dir = workspace({ 'config.yaml': CONFIG });
    fs.symlinkSync(path.join(out, 'credentials'), path.join(dir, '.env'));
    const r = cli(['--format', 'sarif', 'config.yaml'], { cwd: dir });
    assert.doesNotMatch(r.stdout, /Q2lT|U2Vj/);
    const sarif = JSON.parse(r.stdout);
    const results = sarif.runs[0].results;
    assert.ok(
      results.some((x) => x.ruleId === 'themisdb-boundary' && x.locations[0].physicalLocation.artifactLocation.uri === '.env'),
    );
  });

  it('reads a linked file named on the command line', () => {
    const out = outside();
    fs.writeFileSync(path.join(out, 'config.yaml'), BAD_PORT);
    const dir = workspace({});
    fs.symlinkSync(path.join(out, 'config.yaml'), path.join(dir, 'config.yaml'));
    const r = json(cli(['--format', 'json', ...only('SCH003'), 'config.yaml'], { cwd: dir }));
    assert.deepEqual(
      r.map((f) => f.ruleId),
      ['SCH003'],
    );
  });

  it('analyzes a linked config.yaml inside the workspace like the file it points to', () => {
    const dir = workspace({ 'real/themis.yaml': BAD_PORT });
    fs.symlinkSync(path.join(dir, 'real/themis.yaml'), path.join(dir, 'config.yaml'));
    const walked = cli(['--format', 'json', ...only('SCH003'), '.'], { cwd: dir });
    const named = cli(['--format', 'json', ...only('SCH003'), 'config.yaml'], { cwd: dir });
    assert.equal(walked.code, 1, walked.stderr);
    assert.deepEqual(
      json(walked).map((f) => [f.file, f.ruleId]),
      [['config.yaml', 'SCH003']],
    );
    assert.deepEqual(json(walked), json(named));
  });

  it('does not follow a linked folder out of the workspace, and says so', () => {
    const out = outside();
    fs.writeFileSync(path.join(out, 'config.yaml'), BAD_PORT);
    fs.writeFileSync(path.join(out, '.env'), `THEMIS_TOKEN_ADMIN=${OUTSIDE_TOKEN}\n`);
    const dir = workspace({ 'deploy/config.yaml': base('server:\n  port: ${THEMIS_TOKEN_ADMIN}\n') });
    fs.symlinkSync(out, path.join(dir, 'linked'));
    const r = cli(['--format', 'json', '.'], { cwd: dir });
    assert.doesNotMatch(r.stdout + r.stderr, /Q2lT/);
    const found = json(r);
    assert.ok(!found.some((f) => f.file.startsWith('linked/')), JSON.stringify(found));
    assert.deepEqual(
      notices(found).map((f) => f.file),
      ['linked'],
    );
  });

  it('follows a linked folder inside the workspace once, without looping', () => {
    const dir = workspace({ 'a/config.yaml': BAD_PORT });
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'));
    fs.symlinkSync(dir, path.join(dir, 'a', 'loop'));
    const found = json(cli(['--format', 'json', ...only('SCH003'), '.'], { cwd: dir }));
    assert.equal(found.filter((f) => f.ruleId === 'SCH003').length, 1, JSON.stringify(found));
  });

  it('reports a dangling .env link as a warning', () => {
    const dir = workspace({ 'config.yaml': base('server:\n  port: 8080\n') });
    fs.symlinkSync(path.join(dir, 'missing.env'), path.join(dir, '.env'));
    const found = json(cli(['--format', 'json', ...only(), '.'], { cwd: dir }));
    assert.deepEqual(
      notices(found).map((f) => [f.file, f.severity]),
      [['.env', 'warning']],
    );
    assert.match(notices(found)[0].message, /does not exist/);
  });

  it('--fix on a named linked file does not write the file outside', () => {
    const out = outside();
    const target = path.join(out, 'config.yaml');
    const text = base('network:\n  tls:\n    min_version: "1.0"\n');
    fs.writeFileSync(target, text);
    const dir = workspace({});
    fs.symlinkSync(target, path.join(dir, 'config.yaml'));
    const r = cli(['--fix', ...only('TLS002'), 'config.yaml'], { cwd: dir });
    assert.equal(fs.readFileSync(target, 'utf8'), text);
    assert.match(r.stderr, /symbolic link: --fix does not write through it/);
    assert.ok(fs.lstatSync(path.join(dir, 'config.yaml')).isSymbolicLink());
  });

  it('SEC001 does not offer to move a secret into a .env that is a link', () => {
    const out = outside();
    const dir = workspace({
      'config.yaml': 'storage:\n  rocksdb_path: ./data/rocksdb\nsecurity:\n  admin_password: "V3ry-Str0ng-Passw0rd-2024"\n',
    });
    fs.symlinkSync(path.join(out, 'credentials'), path.join(dir, '.env'));
    const r = cli(['--format', 'json', ...only('SEC001'), '--fix', 'config.yaml'], { cwd: dir });
    const findings = json(r).filter((f) => f.ruleId === 'SEC001');
    assert.equal(findings.length, 1);
    assert.equal(fs.readFileSync(path.join(out, 'credentials'), 'utf8').includes('ADMIN_PASSWORD'), false);
  });
});

describe('CLI: init never writes through a link', () => {
  for (const name of ['.env', 'config.yaml', '.gitignore']) {
    it(`refuses a dangling ${name} link and writes nothing`, () => {
      const out = tempDir('themisdb-outside-');
      const dir = workspace({});
      fs.mkdirSync(path.join(dir, 'out'));
      fs.symlinkSync(path.join(out, 'planted'), path.join(dir, 'out', name));
      const r = cli(['init', '--production', '--with-env', 'out'], { cwd: dir });
      assert.equal(r.code, 2, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(`${name.replace('.', '\\.')} in out is a symbolic link; init never writes through a link`),
      );
      assert.deepEqual(fs.readdirSync(out), []);
      assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), [name]);
    });
  }

  it('refuses a .gitignore linked to an existing file outside, with --force too', () => {
    const out = outside();
    const dir = workspace({});
    fs.mkdirSync(path.join(dir, 'out'));
    fs.symlinkSync(path.join(out, 'credentials'), path.join(dir, 'out', '.gitignore'));
    const before = fs.readFileSync(path.join(out, 'credentials'), 'utf8');
    const r = cli(['init', '--production', '--with-env', '--force', 'out'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(fs.readFileSync(path.join(out, 'credentials'), 'utf8'), before);
  });
});

describe('CLI posture: the workspace boundary', () => {
  it('does not read a compose file linked outside, and says so', () => {
    const dir = workspace({});
    fs.symlinkSync('/proc/self/environ', path.join(dir, 'compose.yaml'));
    const r = cli(['posture', '.'], { cwd: dir, env: { FIRST_VAR: 'ci-secret-GhX7fQ2pLm9zR4tYw8' } });
    assert.doesNotMatch(r.stdout + r.stderr, /GhX7f/);
    assert.match(r.stderr, /compose\.yaml is a symbolic link to \/proc\/self\/environ, outside the workspace: it was not read/);
  });
});
