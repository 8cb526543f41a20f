// The flags users reach for by habit (eslint, ruff, gitleaks): -f/-o, --quiet, --max-warnings,
// --color, -v, --stdin, --exclude, --no-inline-suppressions, --format github, rules, explain.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliPath, engine, json, only, pkg, tlsConfig, workspace } from './helpers.mjs';

const ESC = '\x1b[';
const docUrl = (id) => `https://github.com/themisdb-config/themisdb-config/blob/v${pkg.version}/docs/rules/${id}.md`;

/** Runs the CLI with `input` on standard input. */
function cliStdin(args, input, cwd) {
  const env = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS']) delete env[k];
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, env, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI -f/--format and -o/--output-file', () => {
  it('-f is --format; -o writes the report to a file and keeps the text report on stdout', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    const isolate = only('TLS002');
    assert.deepEqual(
      json(cli([...isolate, '-f', 'json', '.'], { cwd: dir })),
      json(cli([...isolate, '--format', 'json', '.'], { cwd: dir })),
    );
    const r = cli([...isolate, '-f', 'sarif', '-o', 'out/results.sarif', '.'], { cwd: dir });
    assert.equal(r.code, 1, 'still gates on the findings');
    assert.match(r.stdout, /config\.yaml:3:18\s+error/);
    assert.match(r.stdout, /1 problem/);
    const log = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'results.sarif'), 'utf8'));
    assert.equal(log.runs[0].results[0].ruleId, 'TLS002');
    // text to a file: nothing on stdout, no colour in the file
    const t = cli([...isolate, '--output-file', 'report.txt', '.'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.equal(t.stdout, '');
    const text = fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
    assert.match(text, /TLS002/);
    assert.ok(!text.includes(ESC));
    assert.equal(cli([...isolate, '-o', path.join(dir, 'config.yaml', 'x'), '.'], { cwd: dir }).code, 2, 'unwritable');
  });
});

describe('CLI --format github', () => {
  it('prints one workflow annotation a finding, with the position, the rule as title and GitHub escaping', () => {
    const dir = workspace({ 'sub,dir/config.yaml': tlsConfig('1.0') + 'admin:\n  tls:\n    min_version: "1.2"\n' });
    const r = cli([...only('TLS002'), '--profile', 'production', '-f', 'github', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /^::error file=sub%2Cdir\/config\.yaml,line=3,col=18,endLine=3,endColumn=23,title=TLS002::\S/);
    assert.match(lines[1], /^::warning file=sub%2Cdir\/config\.yaml,line=6,col=18,endLine=6,endColumn=23,title=TLS002::/);
    assert.ok(!lines[0].slice(lines[0].indexOf('::', 2)).includes('\n'));
    // info and hint are notices
    const n = cli([...only('TLS002'), '--rule', 'TLS002=info', '-f', 'github', '.'], { cwd: dir });
    assert.match(n.stdout, /^::notice file=/);
  });
});

describe('CLI --quiet and --max-warnings', () => {
  it('--quiet reports errors and warnings only', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.2') });
    const isolate = only('TLS002');
    assert.equal(json(cli([...isolate, '--rule', 'TLS002=info', '-f', 'json', '.'], { cwd: dir })).length, 1);
    assert.deepEqual(json(cli([...isolate, '--rule', 'TLS002=info', '--quiet', '-f', 'json', '.'], { cwd: dir })), []);
    assert.deepEqual(json(cli([...isolate, '--rule', 'TLS002=hint', '--quiet', '-f', 'json', '.'], { cwd: dir })), []);
    assert.equal(json(cli([...isolate, '--quiet', '-f', 'json', '.'], { cwd: dir })).length, 1, 'a warning stays');
    assert.equal(cli([...isolate, '--rule', 'TLS002=info', '--quiet', '--fail-on', 'info', '.'], { cwd: dir }).code, 0);
  });

  it('--max-warnings N exits 1 when more than N warnings are reported', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.2') + 'admin:\n  tls:\n    min_version: "1.2"\n' });
    const isolate = only('TLS002');
    assert.equal(cli([...isolate, '.'], { cwd: dir }).code, 0);
    assert.equal(cli([...isolate, '--max-warnings', '2', '.'], { cwd: dir }).code, 0);
    const over = cli([...isolate, '--max-warnings', '1', '.'], { cwd: dir });
    assert.equal(over.code, 1);
    assert.match(over.stderr, /2 warnings found \(maximum: 1\)/);
    assert.equal(cli([...isolate, '--max-warnings=0', '--fail-on', 'none', '.'], { cwd: dir }).code, 1);
    assert.equal(cli([...isolate, '--max-warnings', 'many', '.'], { cwd: dir }).code, 2);
  });
});

describe('CLI --color / --no-color and -v', () => {
  it('--color forces colour through a pipe, --no-color wins over FORCE_COLOR; the last flag counts', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    assert.ok(!cli(['.'], { cwd: dir }).stdout.includes(ESC));
    assert.ok(cli(['--color', '.'], { cwd: dir }).stdout.includes(ESC));
    assert.ok(cli(['--color', '.'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(!cli(['--no-color', '.'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(!cli(['--color', '--no-color', '.'], { cwd: dir }).stdout.includes(ESC));
    assert.ok(cli(['--no-color', '--color', '.'], { cwd: dir }).stdout.includes(ESC));
  });

  it('-v and --version print the version', () => {
    assert.equal(cli(['-v']).stdout, `${pkg.version}\n`);
    assert.equal(cli(['--version']).stdout, `${pkg.version}\n`);
  });
});

describe('CLI --stdin --stdin-filename', () => {
  it('lints standard input as the named file, which need not exist', () => {
    const dir = workspace({ '.env': 'THEMIS_PRODUCTION_MODE=1\n' });
    const r = cliStdin(
      [...only('TLS002'), '--stdin', '--stdin-filename', 'deploy/config.yaml', '-f', 'json'],
      tlsConfig('1.0'),
      dir,
    );
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      json(r).map((f) => [f.file, f.ruleId, f.line]),
      [['deploy/config.yaml', 'TLS002', 3]],
    );
    // the name decides the kind: the same text as an .env file has no TLS002
    const env = cliStdin([...only('TLS002'), '--stdin', '--stdin-filename', '.env', '-f', 'json'], tlsConfig('1.0'), dir);
    assert.deepEqual(json(env), []);
    // --fix-dry-run shows the fix of standard input as a diff (a key the server reads: its fix is safe)
    const metric = 'vector_index:\n  metric: COSIN\n';
    const d = cliStdin([...only('SCH004'), '--stdin', '--stdin-filename', 'config.yaml', '--fix-dry-run'], metric, dir);
    assert.match(d.stdout, /^--- a\/config\.yaml\n\+\+\+ b\/config\.yaml\n/);
    assert.match(d.stdout, /\+ {2}metric: COSINE/);
  });

  it('needs --stdin-filename and no PATH', () => {
    const dir = workspace({});
    for (const [args, why] of [
      [['--stdin'], /--stdin needs --stdin-filename/],
      [['--stdin', '--stdin-filename', 'config.yaml', '.'], /give no PATH/],
      [['--stdin-filename', 'config.yaml', '.'], /goes with --stdin/],
      [['--stdin', '--stdin-filename', 'config.yaml', '--fix'], /--fix-dry-run/],
    ]) {
      const r = cliStdin(args, tlsConfig('1.0'), dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, why);
    }
  });
});

describe('CLI --exclude', () => {
  it('skips files matching a gitignore-style glob, repeatable', () => {
    const dir = workspace({
      'config.yaml': tlsConfig('1.0'),
      'examples/config.yaml': tlsConfig('1.0'),
      'test/fixtures/config.yaml': tlsConfig('1.0'),
    });
    const files = (args) => json(cli([...only('TLS002'), '-f', 'json', ...args, '.'], { cwd: dir })).map((f) => f.file);
    assert.deepEqual(files([]).sort(), ['config.yaml', 'examples/config.yaml', 'test/fixtures/config.yaml']);
    assert.deepEqual(files(['--exclude', 'examples/']).sort(), ['config.yaml', 'test/fixtures/config.yaml']);
    assert.deepEqual(files(['--exclude', 'examples', '--exclude', 'test/**']), ['config.yaml']);
    assert.deepEqual(files(['--exclude=**/fixtures/*.yaml']).sort(), ['config.yaml', 'examples/config.yaml']);
    // a file named on the command line is skipped too
    const named = cli([...only('TLS002'), '-f', 'json', '--exclude', 'examples/', 'examples/config.yaml', 'config.yaml'], {
      cwd: dir,
    });
    assert.deepEqual(
      json(named).map((f) => f.file),
      ['config.yaml'],
    );
  });
});

describe('CLI --no-inline-suppressions', () => {
  const SUPPRESSED = `network:\n  tls:\n    # themisdb-disable-next-line TLS002 -- the load balancer terminates TLS 1.3\n    min_version: "1.0"\n`;

  it('reports what inline comments silence, and SARIF records the suppression with its reason', () => {
    const dir = workspace({ 'config.yaml': SUPPRESSED });
    const isolate = only('TLS002');
    assert.deepEqual(json(cli([...isolate, '-f', 'json', '.'], { cwd: dir })), []);
    const j = json(cli([...isolate, '--no-inline-suppressions', '-f', 'json', '.'], { cwd: dir }));
    assert.deepEqual(
      j.map((f) => [f.ruleId, f.line, f.suppressed]),
      [['TLS002', 4, { reason: 'the load balancer terminates TLS 1.3' }]],
    );
    const text = cli([...isolate, '--no-inline-suppressions', '.'], { cwd: dir });
    assert.equal(text.code, 1, 'an audit counts them');
    assert.match(text.stdout, /TLS002 {2}\(suppressed: the load balancer terminates TLS 1\.3\)/);
    const log = json(cli([...isolate, '--no-inline-suppressions', '-f', 'sarif', '.'], { cwd: dir }));
    assert.deepEqual(log.runs[0].results[0].suppressions, [
      { kind: 'inSource', justification: 'the load balancer terminates TLS 1.3' },
    ]);
  });
});

describe('CLI rules and explain', () => {
  it('rules lists every rule with ID, name, severity, fix kind and files; --format json too', () => {
    const r = cli(['rules']);
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^ID\s+NAME\s+SEVERITY\s+FIX\s+FILES$/);
    for (const [id, meta] of engine.CATALOG) {
      const row = lines.find((l) => l.startsWith(`${id} `));
      assert.ok(row, id);
      assert.ok(row.includes(meta.name) && row.includes(meta.fix), row);
    }
    assert.match(r.stdout, new RegExp(`${engine.CATALOG.size} rules`));
    const rows = json(cli(['rules', '-f', 'json']));
    const tls002 = rows.find((x) => x.id === 'TLS002');
    assert.deepEqual(tls002, {
      id: 'TLS002',
      name: 'tls-min-version',
      severity: 'error/warning',
      fix: 'fix',
      files: 'config.yaml, security.yaml',
      productionOnly: tls002.productionOnly,
      url: docUrl('TLS002'),
    });
    assert.equal(rows.length, engine.CATALOG.size);
  });

  it('explain prints the rule page as readable text, by ID or name', () => {
    const r = cli(['explain', 'TLS002']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^TLS002 tls-min-version\n/);
    assert.match(r.stdout, /\nWhy it matters\n/);
    assert.ok(!r.stdout.includes('```') && !r.stdout.includes('## '), 'no Markdown syntax');
    assert.ok(r.stdout.includes(`Online: ${docUrl('TLS002')}`));
    assert.equal(cli(['explain', 'tls-min-version']).stdout, r.stdout);
    assert.ok(cli(['explain', '--color', 'TLS002']).stdout.includes(`${ESC}1mTLS002 tls-min-version`));
    const bad = cli(['explain', 'NOPE001']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a ThemisDB rule/);
    assert.equal(cli(['explain']).code, 2);
  });
});

describe('CLI JSON fields fixable and url', () => {
  it('says whether --fix fixes it and links the rule page of this version', () => {
    const dir = workspace({ 'config.yaml': `${tlsConfig('1.0')}vector_index:\n  metric: COSIN\n` });
    const arr = json(cli(['-f', 'json', '.'], { cwd: dir }));
    assert.ok(arr.length > 0);
    for (const f of arr) {
      assert.equal(typeof f.fixable, 'boolean');
      assert.equal(f.url, docUrl(f.ruleId));
    }
    // the server does not read network.tls: its fix is a suggestion, which --fix leaves alone
    assert.equal(arr.find((f) => f.ruleId === 'TLS002').fixable, false);
    assert.equal(arr.find((f) => f.ruleId === 'SCH004').fixable, true);
  });
});
