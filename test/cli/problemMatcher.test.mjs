// The `$themisdb` problem matcher (package.json contributes.problemMatchers) against the
// CLI's real text report, as the `themisdb` task runs it (--no-color): every finding line
// matches, with the file, place, severity, message and rule ID the JSON report gives, and
// no other line does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { cli, json, pkg, repoRoot, workspace } from './helpers.mjs';

const matcher = pkg.contributes.problemMatchers.find((m) => m.name === 'themisdb');
const regexp = new RegExp(matcher.pattern.regexp);

/** What VS Code reads from each line: the groups the pattern names. */
function problems(text) {
  const p = matcher.pattern;
  return text.split('\n').flatMap((line) => {
    const m = regexp.exec(line);
    return m
      ? [
          {
            file: m[p.file],
            line: +m[p.line],
            column: +m[p.column],
            severity: m[p.severity],
            message: m[p.message],
            ruleId: m[p.code],
          },
        ]
      : [];
  });
}

const expected = (findings) =>
  findings.map((f) => ({
    file: f.file,
    line: f.line,
    column: f.column,
    severity: f.severity,
    message: f.message,
    ruleId: f.ruleId,
  }));

describe('problem matcher $themisdb', () => {
  it('is what the themisdb task type uses, and VS Code takes autoDetect paths (relative to the folder, or absolute)', () => {
    assert.deepEqual(
      pkg.contributes.taskDefinitions.map((d) => d.type),
      ['themisdb'],
    );
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
    assert.notEqual(matcher.owner, 'themisdb', "its own owner: the language server's diagnostics are not replaced");
  });

  it('reads every finding of the examples, and nothing else', () => {
    const args = ['--fail-on', 'none', 'examples/insecure', 'examples/compose', 'examples/kubernetes'];
    const text = cli(['--no-color', ...args], { cwd: repoRoot }).stdout;
    const findings = json(cli(['--format', 'json', ...args], { cwd: repoRoot }));
    assert.ok(findings.length > 50, `${findings.length} findings`);
    assert.ok(new Set(findings.map((f) => f.severity)).size >= 3, 'several severities');
    assert.deepEqual(problems(text), expected(findings));
  });

  it('reads paths with spaces, absolute paths outside the folder, and suppressed findings', () => {
    const dir = workspace({
      'my deploy/.env':
        'THEMIS_PRODUCTION_MODE=1\n# themisdb-disable-next-line ENV005 -- rotated weekly\nTHEMIS_TOKEN_ADMIN=changeme\n',
    });
    const elsewhere = workspace({});
    const args = ['--fail-on', 'none', '--no-inline-suppressions', path.join(dir, 'my deploy')];
    const r = cli(['--no-color', ...args], { cwd: elsewhere });
    const findings = json(cli(['--format', 'json', ...args], { cwd: elsewhere }));
    assert.ok(
      findings.some((f) => f.suppressed),
      'a suppressed finding is in the report',
    );
    assert.ok(path.isAbsolute(findings[0].file), findings[0].file);
    assert.deepEqual(problems(r.stdout), expected(findings));
  });
});
