// .themisdb-lint.yaml in the real CLI: the nearest one per linted file, --config instead,
// the flags on top, files / exclude / baseline, --print-config and its origins, and a
// settings file with problems stopping the run with file:line:column.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, json, repoRoot, tlsConfig, workspace } from './helpers.mjs';

/** A folder that is a repository root, so discovery stops there. */
function repo(files) {
  const dir = workspace(files);
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

const tls = (r, file) => r.find((f) => f.ruleId === 'TLS002' && (!file || f.file === file));

describe('CLI: the settings file', () => {
  it('applies to each file the nearest settings file from its folder up', () => {
    const dir = repo({
      '.themisdb-lint.yaml': 'rules:\n  TLS002: error\n',
      'prod/config.yaml': tlsConfig('1.2'),
      'dev/config.yaml': tlsConfig('1.2'),
      'dev/.themisdb-lint.json': '{ "rules": { "tls-min-version": "off" } }\n',
    });
    const r = json(cli(['-f', 'json', '.'], { cwd: dir }));
    assert.equal(tls(r, 'prod/config.yaml')?.severity, 'error');
    assert.equal(tls(r, 'dev/config.yaml'), undefined);
  });

  it('lets the flags win: --profile and --rule over the file, --exclude beside its exclude', () => {
    const dir = repo({
      '.themisdb-lint.yaml': 'profile: production\nrules:\n  TLS002: error\nexclude: ["legacy/"]\n',
      'config.yaml': tlsConfig('1.2'),
      'legacy/config.yaml': tlsConfig('1.0'),
      'old/config.yaml': tlsConfig('1.0'),
    });
    let r = json(cli(['-f', 'json', '.'], { cwd: dir }));
    assert.deepEqual([...new Set(r.map((f) => f.file))].sort(), ['config.yaml', 'old/config.yaml']);
    r = json(cli(['-f', 'json', '--rule', 'TLS002=info', '--exclude', 'old/', '.'], { cwd: dir }));
    assert.deepEqual([...new Set(r.map((f) => f.file))], ['config.yaml']);
    assert.equal(tls(r).severity, 'info');
    r = json(cli(['-f', 'json', '--profile', 'development', '.'], { cwd: dir }));
    assert.equal(tls(r, 'config.yaml').severity, 'error', 'the rule setting still wins over the profile');
  });

  it('adds the files its globs name to the walk, as the kind they say', () => {
    const dir = repo({
      '.themisdb-lint.yaml': 'files:\n  config: ["deploy/*.themis"]\n  env: ["secrets/*.vars"]\n',
      'deploy/core.themis': tlsConfig('1.0'),
      'secrets/prod.vars': 'THEMIS_PRODUCTION_MODE=0\n',
      'other/core.themis': tlsConfig('1.0'),
    });
    const r = json(cli(['-f', 'json', '.'], { cwd: dir }));
    assert.ok(tls(r, 'deploy/core.themis'));
    assert.ok(r.some((f) => f.file === 'secrets/prod.vars' && f.ruleId === 'ENV001'));
    assert.ok(!r.some((f) => f.file.startsWith('other/')));
  });

  it('uses the baseline it names; --baseline wins; a baseline that cannot be read stops the run', () => {
    const dir = repo({ 'config.yaml': tlsConfig('1.2') });
    assert.equal(cli(['--write-baseline', 'ci/accepted.json', '.'], { cwd: dir }).code, 0);
    fs.writeFileSync(path.join(dir, '.themisdb-lint.yaml'), 'baseline: ci/accepted.json\n');
    assert.equal(tls(json(cli(['-f', 'json', '.'], { cwd: dir }))), undefined);
    // from another working folder too: the path is relative to the settings file
    assert.equal(tls(json(cli(['-f', 'json', dir], { cwd: path.dirname(dir) }))), undefined);
    fs.writeFileSync(
      path.join(dir, 'empty.json'),
      '{ "version": 1, "tool": { "name": "themisdb-lint", "version": "0" }, "findings": [] }\n',
    );
    assert.ok(tls(json(cli(['-f', 'json', '--baseline', 'empty.json', '.'], { cwd: dir }))));
    fs.writeFileSync(path.join(dir, '.themisdb-lint.yaml'), 'baseline: ci/missing.json\n');
    const r = cli(['.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read baseline .*missing\.json/);
  });

  it('takes --config FILE for every file instead of the nearest', () => {
    const dir = repo({
      'config.yaml': tlsConfig('1.2'),
      '.themisdb-lint.yaml': 'rules:\n  TLS002: off\n',
      'ci/strict.yaml': 'rules:\n  TLS002: error\n',
    });
    assert.equal(tls(json(cli(['-f', 'json', '.'], { cwd: dir }))), undefined);
    assert.equal(tls(json(cli(['-f', 'json', '--config', 'ci/strict.yaml', '.'], { cwd: dir }))).severity, 'error');
    assert.equal(tls(json(cli(['-f', 'json', '-c', 'ci/strict.yaml', '.'], { cwd: dir }))).severity, 'error');
  });

  it('stops with exit 2 on a missing or broken settings file, naming file:line:column', () => {
    const dir = repo({
      'config.yaml': tlsConfig('1.2'),
      'bad.yaml': 'profile: prod\nrules:\n  TLS999: off\n',
    });
    let r = cli(['--config', 'nope.yaml', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--config: cannot read nope\.yaml/);
    r = cli(['--config', 'bad.yaml', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^bad\.yaml:1:10: profile must be equal to one of the allowed values: auto, production, development\.$/m,
    );
    assert.match(r.stderr, /^bad\.yaml:3:3: rules\.TLS999 is not a ThemisDB rule ID or name\.$/m);
    assert.equal(r.stdout, '');
    // a discovered one too
    fs.writeFileSync(path.join(dir, '.themisdb-lint.json'), '{ "rules": { "TLS002": "off" }, }\n');
    r = cli(['.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\.themisdb-lint\.json:1:33: Not valid JSON: Expected double-quoted property name$/m);
  });

  it('--print-config shows what applies to a file and where each value comes from', () => {
    const dir = repo({
      '.themisdb-lint.yaml':
        'profile: production\nrules:\n  ENV0*: warning\n  ENV001: error\n  tls-min-version: off\nfiles:\n  env: ["secrets/*.vars"]\nexclude: ["legacy/"]\nbaseline: ci/accepted.json\n',
      'deploy/config.yaml': tlsConfig('1.2'),
    });
    const args = ['--print-config', 'deploy/config.yaml', '--rule', 'SEC001=info', '--exclude', 'old/'];
    const p = JSON.parse(cli([...args, '-f', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(p.settingsFile, { path: '.themisdb-lint.yaml', from: "nearest from the file's folder up" });
    assert.deepEqual(p.profile, { value: 'production', resolved: 'production', from: '.themisdb-lint.yaml: profile' });
    assert.deepEqual(p.rules.TLS002, {
      name: 'tls-min-version',
      setting: 'off',
      from: '.themisdb-lint.yaml: rules.tls-min-version',
    });
    assert.equal(p.rules.ENV002.from, '.themisdb-lint.yaml: rules.ENV0*');
    assert.equal(p.rules.ENV001.setting, 'error');
    assert.deepEqual(p.rules.SEC001, { name: 'inline-secret', setting: 'info', from: '--rule' });
    assert.equal(p.rules.TLS001.from, 'default');
    assert.deepEqual(p.files, [{ kind: 'env', glob: 'secrets/*.vars', from: '.themisdb-lint.yaml: files.env' }]);
    assert.deepEqual(p.exclude, [
      { glob: 'legacy/', from: '.themisdb-lint.yaml: exclude' },
      { glob: 'old/', from: '--exclude' },
    ]);
    assert.deepEqual(p.baseline, { path: 'ci/accepted.json', from: '.themisdb-lint.yaml: baseline' });
    assert.deepEqual(p.linted, { value: true, from: 'default' });

    const text = cli([...args, '--profile', 'development', '--baseline', 'b.json'], { cwd: dir });
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^profile +development +--profile$/m);
    assert.match(text.stdout, /^baseline +b\.json +--baseline$/m);
    assert.match(text.stdout, /^ {2}TLS002 +tls-min-version +off +\.themisdb-lint\.yaml: rules\.tls-min-version$/m);
    assert.match(text.stdout, /^ {2}SEC001 +inline-secret +info +--rule$/m);

    const none = JSON.parse(cli(['--print-config', 'config.yaml', '-f', 'json'], { cwd: repo({}) }).stdout);
    assert.equal(none.settingsFile, null);
    assert.equal(none.profile.from, 'default');
    assert.ok(Object.values(none.rules).every((r) => r.from === 'default'));
    const excluded = JSON.parse(cli(['--print-config', 'legacy/config.yaml', '-f', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(excluded.linted, { value: false, from: '.themisdb-lint.yaml: exclude' });
  });

  it('applies to standard input as to the file it stands for', () => {
    const dir = repo({ 'deploy/.themisdb-lint.yaml': 'rules:\n  TLS002: error\n' });
    const r = cli(['-f', 'json', '--stdin', '--stdin-filename', 'deploy/config.yaml'], { cwd: dir, input: tlsConfig('1.2') });
    assert.equal(tls(json(r)).severity, 'error');
  });
});

describe('README: the settings file example', () => {
  it('is a settings file without problems that does what its comments say', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Settings file (.themisdb-lint.yaml)'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)[1];
    const dir = repo({
      '.themisdb-lint.yaml': example,
      'deploy/eu/themis-core.yml': tlsConfig('1.2'),
      'deploy/eu/prod.vars': 'THEMIS_PRODUCTION_MODE=0\n',
      'examples/config.yaml': tlsConfig('1.0'),
    });
    // an empty baseline, as its comment says (examples/ is excluded)
    assert.equal(cli(['--write-baseline', 'ci/themisdb-baseline.json', 'examples'], { cwd: dir }).code, 0);
    const r = json(cli(['-f', 'json', '.'], { cwd: dir }));
    assert.equal(tls(r, 'deploy/eu/themis-core.yml')?.severity, 'error');
    assert.ok(r.some((f) => f.file === 'deploy/eu/prod.vars'));
    assert.ok(!r.some((f) => f.file.startsWith('examples/')));
    const p = JSON.parse(cli(['--print-config', 'deploy/eu/themis-core.yml', '-f', 'json'], { cwd: dir }).stdout);
    assert.equal(p.rules.SCH006.setting, 'off');
    assert.equal(p.rules.ENV014.from, '.themisdb-lint.yaml: rules.ENV01*');
    assert.deepEqual(p.kind, { value: 'config', from: '.themisdb-lint.yaml: files.config' });
  });
});
