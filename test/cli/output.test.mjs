// Text and JSON output, colour, exit codes, options and secrets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliPath, engine, json, only, pkg, tlsConfig, workspace } from './helpers.mjs';

const ESC = '\x1b[';
// util-linux script(1) runs a command on a pseudo-terminal
const hasScript = spawnSync('script', ['-qc', 'true', '/dev/null']).status === 0;

describe('CLI text output', () => {
  it('groups findings by file: file:line:col  severity  message  RULE, then a summary', () => {
    const dir = workspace({ 'a/config.yaml': tlsConfig('1.2'), 'b/config.yaml': tlsConfig('1.0') });
    const r = cli([...only('TLS002'), '--profile', 'production', '.'], { cwd: dir });
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'a/config.yaml');
    assert.match(lines[1], /^ {2}a\/config\.yaml:3:18 {2}warning {2}The minimum TLS version is 1\.2\..* {2}TLS002$/);
    assert.equal(lines[2], '');
    assert.equal(lines[3], 'b/config.yaml');
    assert.match(lines[4], /^ {2}b\/config\.yaml:3:18 {2}error {2}Minimum TLS version 1\.0 .* {2}TLS002$/);
    assert.ok(lines.includes('✖ 2 problems (1 error, 1 warning, 0 info, 0 hints) in 2 ThemisDB files'), r.stdout);
    // the server does not read network.tls.*: setting it is offered as a suggestion, never counted as fixable
    assert.ok(!r.stdout.includes('can be fixed with the --fix option'), r.stdout);
    assert.match(lines[1], /But the server does not read `network\.tls\.min_version`.*a proxy in front/);
    assert.ok(!r.stdout.includes(ESC), 'no colour through a pipe');
  });

  it('says so when all is well', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.3') });
    const r = cli([...only('TLS002'), '.'], { cwd: dir });
    assert.equal(r.stdout, '✓ 0 problems (0 errors, 0 warnings, 0 info, 0 hints) in 1 ThemisDB file\n');
    assert.equal(r.code, 0);
  });

  it('colours only when forced, and never with NO_COLOR', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    const args = [...only('TLS002'), '.'];
    assert.ok(cli(args, { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout.includes(`${ESC}31m`), 'FORCE_COLOR forces colour');
    assert.ok(!cli(args, { cwd: dir, env: { FORCE_COLOR: '0' } }).stdout.includes(ESC));
    assert.ok(!cli(args, { cwd: dir, env: { NO_COLOR: '1' } }).stdout.includes(ESC), 'NO_COLOR');
    assert.ok(
      !cli(args, { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout.includes(ESC),
      'NO_COLOR wins over FORCE_COLOR',
    );
  });

  it('colours on a terminal unless NO_COLOR is set', { skip: !hasScript && 'script(1) is not installed' }, () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    const command = [process.execPath, cliPath, ...only('TLS002'), '.'].map((a) => `'${a}'`).join(' ');
    const onTty = (env) => {
      const base = { ...process.env, TERM: 'xterm' };
      delete base.NO_COLOR;
      delete base.FORCE_COLOR;
      return spawnSync('script', ['-qc', command, '/dev/null'], { cwd: dir, env: { ...base, ...env }, encoding: 'utf8' }).stdout;
    };
    const tty = onTty({});
    assert.match(tty, /config\.yaml:3:18/);
    assert.ok(tty.includes(`${ESC}31m`), 'colour on a terminal');
    const plain = onTty({ NO_COLOR: '1' });
    assert.match(plain, /config\.yaml:3:18/);
    assert.ok(!plain.includes(ESC), 'no colour with NO_COLOR');
  });
});

describe('CLI --format json', () => {
  it('is one array of {file,ruleId,ruleName,severity,line,column,endLine,endColumn,message,fixable,url}', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.2') });
    const r = cli(['--format', 'json', ...only('TLS002'), '.'], { cwd: dir });
    const arr = json(r);
    assert.deepEqual(arr, [
      {
        file: 'config.yaml',
        ruleId: 'TLS002',
        ruleName: 'tls-min-version',
        severity: 'warning',
        line: 3,
        column: 18,
        endLine: 3,
        endColumn: 23,
        message: arr[0].message,
        fixable: false, // a suggestion: the server does not read network.tls
        url: `https://github.com/themisdb-config/themisdb-config/blob/v${pkg.version}/docs/rules/TLS002.md`,
      },
    ]);
    assert.deepEqual(Object.keys(arr[0]), [
      'file',
      'ruleId',
      'ruleName',
      'severity',
      'line',
      'column',
      'endLine',
      'endColumn',
      'message',
      'fixable',
      'url',
    ]);
    assert.equal(r.stderr, '');
  });
});

describe('CLI exit codes and options', () => {
  it('exits 1 on a finding at --fail-on (default error), 0 below it or with none', () => {
    const err = workspace({ 'config.yaml': tlsConfig('1.0') });
    const warn = workspace({ 'config.yaml': tlsConfig('1.2') });
    const isolate = only('TLS002');
    assert.equal(cli([...isolate, '.'], { cwd: err }).code, 1);
    assert.equal(cli([...isolate, '--fail-on', 'none', '.'], { cwd: err }).code, 0);
    assert.equal(cli([...isolate, '.'], { cwd: warn }).code, 0, 'a warning is below the default error');
    assert.equal(cli([...isolate, '--fail-on', 'warning', '.'], { cwd: warn }).code, 1);
    assert.equal(cli([...isolate, '--fail-on=info', '--format=json', '.'], { cwd: warn }).code, 1);
    assert.equal(cli(['--format', 'sarif', '--fail-on', 'none', '.'], { cwd: err }).code, 0);
    assert.equal(cli(['--format', 'sarif', '.'], { cwd: err }).code, 1);
  });

  it('exits 2 on usage errors and missing paths, with the reason on stderr', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    const cases = [
      [['no-such-dir'], /cannot read no-such-dir/],
      [['config.yaml', 'missing.yaml'], /cannot read missing\.yaml/],
      [[], /no PATH given/],
      [['--format', 'xml', '.'], /--format takes one of/],
      [['--bogus', '.'], /unknown option --bogus/],
      [['-x', '.'], /unknown option -x/],
      [['--rule', 'NOPE001=error', '.'], /not a ThemisDB rule/],
      [['--rule', 'TLS002=loud', '.'], /must be one of/],
      [['--rule', 'TLS002', '.'], /--rule takes ID=/],
      [['--fix=yes', '.'], /takes no value/],
    ];
    for (const [args, why] of cases) {
      const r = cli(args, { cwd: dir });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, why, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  it('--rule sets a severity by ID or name, or turns a rule off', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.2') });
    const isolate = only('TLS002');
    const sev = (args) => json(cli(['--format', 'json', ...isolate, ...args, '.'], { cwd: dir })).map((f) => f.severity);
    assert.deepEqual(sev([]), ['warning']);
    assert.deepEqual(sev(['--rule', 'TLS002=error']), ['error']);
    assert.deepEqual(sev(['--rule', 'tls-min-version=hint']), ['hint']);
    assert.deepEqual(sev(['--rule=tls002=info']), ['info']);
    assert.deepEqual(sev(['--rule', 'TLS002=error', '--rule', 'TLS002=off']), [], 'the last one wins');
    assert.equal(cli([...isolate, '--rule', 'TLS002=error', '.'], { cwd: dir }).code, 1);
  });

  it('--profile development turns production-only findings into hints', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    const r = cli(['--format', 'json', '--profile', 'development', ...only('TLS002'), '.'], { cwd: dir });
    assert.deepEqual(
      json(r).map((f) => f.severity),
      ['hint'],
    );
    assert.equal(r.code, 0);
  });

  it('--help documents every option and the exit codes; --version prints the package version', () => {
    const r = cli(['--help'], {});
    assert.equal(r.code, 0);
    for (const opt of [
      '--format',
      'text',
      'json',
      'sarif',
      '--profile',
      '--rule',
      '--fail-on',
      '--fix',
      '--fix-dry-run',
      '--baseline',
      '--write-baseline',
      '--help',
      '--version',
      'NO_COLOR',
      'Exit codes',
    ]) {
      assert.ok(r.stdout.includes(opt), `help mentions ${opt}`);
    }
    assert.equal(cli(['--version'], {}).stdout, `${pkg.version}\n`);
  });
});

describe('CLI and secrets', () => {
  const SECRET = 'Zq8!xT4#mW2$pL9@';
  const CONFIG = `storage:\n  rocksdb_path: /var/lib/themisdb\n  password: "${SECRET}"\n${tlsConfig('1.0')}`;

  /** No run of 6 characters of the secret (a rule may show its first 4). */
  function assertNoSecret(text, what) {
    for (let i = 0; i + 6 <= SECRET.length; i++)
      assert.ok(!text.includes(SECRET.slice(i, i + 6)), `${what} contains part of the secret: ${SECRET.slice(i, i + 6)}`);
  }

  it('never prints the secret in text, json or sarif, nor writes it to a baseline', () => {
    const dir = workspace({ 'config.yaml': CONFIG, '.env': `THEMIS_ADMIN_TOKEN=${SECRET}\n` });
    for (const format of ['text', 'json', 'sarif']) {
      const r = cli(['--format', format, '--profile', 'production', '.'], { cwd: dir });
      assert.ok(r.code === 0 || r.code === 1, `${format}: ${r.stderr}`);
      assertNoSecret(r.stdout, format);
      assertNoSecret(r.stderr, `${format} stderr`);
    }
    cli(['--write-baseline', 'b.json', '.'], { cwd: dir });
    assertNoSecret(fs.readFileSync(path.join(dir, 'b.json'), 'utf8'), 'baseline');
  });

  it('does not keep the line text in fingerprints: a changed secret keeps its fingerprint', () => {
    // with every rule on, whatever reports on the password line is identified by key, not value
    const dir = workspace({ 'config.yaml': CONFIG });
    const fps = () =>
      json(cli(['--format', 'sarif', '.'], { cwd: dir }))
        .runs[0].results.map((x) => `${x.ruleId} ${x.partialFingerprints['themisdb/v1']}`)
        .sort();
    const a = fps();
    fs.writeFileSync(path.join(dir, 'config.yaml'), CONFIG.replace(SECRET, 'Other#Secret!Value42'));
    assert.deepEqual(fps(), a);
  });
});

describe('CLI catalog sanity', () => {
  it('knows every rule ID for --rule', () => {
    const ids = [...engine.CATALOG.keys()];
    const dir = workspace({ 'config.yaml': tlsConfig('1.3') });
    const r = cli([...ids.flatMap((id) => ['--rule', `${id}=off`]), '.'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
  });
});
