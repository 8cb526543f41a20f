// themisdb-lint: the engine of the editor extension, for CI.
import { analyze } from '../engine/analyze';
import { SEVERITY_ORDER } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { nodeHost } from '../nodeHost';
import { parseArgs, USAGE, UsageError } from './args';
import { collectTargets, PathError } from './collect';
import { FileResult, formatText, toJsonFindings } from './format';
import * as path from 'path';

declare const __VERSION__: string | undefined;

export function run(argv: string[], cwd: string, out: (s: string) => void, err: (s: string) => void, isTty: boolean): number {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`themisdb-lint: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    out(USAGE + '\n');
    return 0;
  }
  if (opts.version) {
    out(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
    return 0;
  }
  if (opts.format === 'sarif') {
    err('themisdb-lint: --format sarif is not available yet; use text or json.\n');
    return 2;
  }
  let targets;
  try {
    targets = collectTargets(opts.paths, cwd);
  } catch (e) {
    if (e instanceof PathError) {
      err(`themisdb-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const roots = [...new Set(targets.map((t) => (t.explicit ? path.dirname(t.file) : t.root)))];
  const ws = new Workspace(nodeHost, roots);
  const results: FileResult[] = [];
  let checked = 0;
  for (const t of targets) {
    const file = ws.file(t.file);
    if (!file) {
      err(`themisdb-lint: cannot read ${t.file} (unreadable or larger than 10 MB)\n`);
      return 2;
    }
    const analysis = analyze(file, ws, {
      profile: opts.profile,
      root: t.root,
      explicit: t.explicit,
      onRuleError: (id, e) => err(`themisdb-lint: rule ${id} failed on ${t.file}: ${String(e)}\n`),
    });
    if (analysis.kind) checked++;
    results.push({ file: t.file, lines: file.lines, findings: analysis.findings });
  }
  const findings = toJsonFindings(results, cwd);
  if (opts.format === 'json') out(JSON.stringify(findings, null, 2) + '\n');
  else out(formatText(findings, checked, isTty && !process.env.NO_COLOR));
  if (opts.failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[opts.failOn];
  return findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold) ? 1 : 0;
}

if (require.main === module) {
  const code = run(process.argv.slice(2), process.cwd(), (s) => process.stdout.write(s), (s) => process.stderr.write(s), !!process.stdout.isTTY);
  process.exitCode = code;
}
