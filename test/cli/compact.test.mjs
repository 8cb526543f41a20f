// --format compact: one line a finding (`file:line:col: severity RULE first sentence`), for
// grep, problem matchers and people used to ruff's concise or eslint's compact output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliPath, only, repoRoot, tlsConfig, workspace } from './helpers.mjs';

const ESC = '\x1b[';
const LINE = /^(?<file>[^:\s][^:]*):(?<line>\d+):(?<col>\d+): (?<sev>error|warning|info|hint) (?<rule>[A-Z]+\d+) (?<msg>\S.*)$/;
const hasScript = spawnSync('script', ['-qc', 'true', '/dev/null']).status === 0;

describe('CLI --format compact', () => {
  it('prints one line a finding with the first sentence of its message, then the summary', () => {
    const dir = workspace({ 'a/config.yaml': tlsConfig('1.2'), 'b/config.yaml': tlsConfig('1.0') });
    const r = cli([...only('TLS002'), '--profile', 'production', '--format', 'compact', '.'], { cwd: dir });
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^a\/config\.yaml:3:18: warning TLS002 Minimum TLS version 1\.2 is below TLS 1\.3\.$/);
    assert.match(lines[1], /^b\/config\.yaml:3:18: error TLS002 Minimum TLS version 1\.0 [^]*\.$/);
    for (const l of lines.slice(0, 2)) assert.doesNotMatch(l.replace(/\.$/, ''), /[.!?] /, `one sentence: ${l}`);
    assert.equal(lines[2], '');
    assert.equal(lines[3], '✖ 2 problems (1 error, 1 warning, 0 info, 0 hints) in 2 ThemisDB files');
    assert.equal(r.code, 1, 'the exit code does not depend on the format');
    assert.ok(!r.stdout.includes(ESC), 'no colour through a pipe');
  });

  it('reports the same findings as the grouped text and json, each on one line', () => {
    const dir = path.join(repoRoot, 'examples', 'insecure');
    const compact = cli(['--format', 'compact', '.'], { cwd: dir });
    const found = JSON.parse(cli(['--format', 'json', '.'], { cwd: dir }).stdout);
    const lines = compact.stdout.split('\n').slice(0, found.length);
    assert.ok(found.length > 20, `${found.length} findings`);
    lines.forEach((l, i) => {
      const m = LINE.exec(l);
      assert.ok(m, `not one finding a line: ${l}`);
      const f = found[i];
      assert.deepEqual(
        [m.groups.file, +m.groups.line, +m.groups.col, m.groups.sev, m.groups.rule],
        [f.file, f.line, f.column, f.severity, f.ruleId],
      );
      assert.ok(f.message.startsWith(m.groups.msg), `${m.groups.msg} begins ${f.message}`);
    });
    assert.equal(compact.stdout.split('\n')[found.length], '');
    assert.match(compact.stdout.split('\n')[found.length + 1], /^✖ \d+ problems/);
    assert.equal(compact.code, cli(['.'], { cwd: dir }).code);
  });

  it('respects --quiet: no info or hint line', () => {
    const dir = path.join(repoRoot, 'examples', 'insecure');
    const all = cli(['--format', 'compact', '.'], { cwd: dir })
      .stdout.split('\n')
      .filter((l) => LINE.test(l));
    const quiet = cli(['--format', 'compact', '--quiet', '.'], { cwd: dir })
      .stdout.split('\n')
      .filter((l) => LINE.test(l));
    const loud = (l) => /: (error|warning) /.test(l);
    assert.ok(
      all.some((l) => !loud(l)),
      'the example has info or hint findings',
    );
    assert.deepEqual(quiet, all.filter(loud));
  });

  it('says so when all is well, and writes the same report with -o', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.3') });
    const r = cli([...only('TLS002'), '-f', 'compact', '.'], { cwd: dir });
    assert.equal(r.stdout, '✓ 0 problems (0 errors, 0 warnings, 0 info, 0 hints) in 1 ThemisDB file\n');
    const bad = workspace({ 'config.yaml': tlsConfig('1.0') });
    const o = cli([...only('TLS002'), '-f', 'compact', '-o', 'out/report.txt', '.'], { cwd: bad });
    assert.equal(o.stdout, '', 'like text: the report goes to the file only');
    assert.match(fs.readFileSync(path.join(bad, 'out/report.txt'), 'utf8'), /^config\.yaml:3:18: error TLS002 /);
    assert.equal(cli(['--fix-dry-run', '-f', 'compact', '.'], { cwd: bad }).code, 2, '--fix-dry-run prints a diff');
  });

  it('colours severity and rule only when asked or on a terminal', { skip: !hasScript && 'script(1) is not installed' }, () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    const args = [...only('TLS002'), '-f', 'compact', '.'];
    assert.ok(cli(args, { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout.includes(`${ESC}31merror${ESC}0m`));
    assert.ok(!cli(args, { cwd: dir, env: { NO_COLOR: '1' } }).stdout.includes(ESC));
    const command = [process.execPath, cliPath, ...args].map((a) => `'${a}'`).join(' ');
    const base = { ...process.env, TERM: 'xterm' };
    delete base.NO_COLOR;
    delete base.FORCE_COLOR;
    const tty = spawnSync('script', ['-qc', command, '/dev/null'], { cwd: dir, env: base, encoding: 'utf8' }).stdout;
    assert.ok(tty.includes(`${ESC}31merror${ESC}0m`), tty);
  });
});
