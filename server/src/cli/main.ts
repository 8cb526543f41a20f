// themisdb-lint: the engine of the editor extension, for CI.
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Analysis } from '../engine/analyze';
import { kindFromName } from '../engine/fileKinds';
import { sizeLimitFinding } from '../engine/limits';
import { SEVERITY_ORDER } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { MAX_FILE_BYTES, nodeHost } from '../nodeHost';
import { CliOptions, parseArgs, USAGE, UsageError } from './args';
import { BaselineError, filterByBaseline, readBaseline, writeBaseline } from './baseline';
import { collectTargets, PathError, Target } from './collect';
import { unifiedDiff } from './diff';
import { fingerprints } from './fingerprint';
import { safeFix } from '../engine/fixes/fixAll';
import { SourceFile } from '../engine/sourceFile';
import { FileFix, fixFile } from './fix';
import { runInit } from './init';
import { runPosture } from './posture';
import { formatText, place, relative, Reported, toJsonFindings, useColor } from './format';
import { toSarif } from './sarif';

declare const __VERSION__: string | undefined;

export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

class CliError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTty: boolean;
  env?: NodeJS.ProcessEnv;
}

export function run(
  argv: string[],
  cwd: string,
  out: (s: string) => void,
  err: (s: string) => void,
  isTty: boolean,
  env: NodeJS.ProcessEnv = process.env,
): number {
  if (argv[0] === 'init') return runInit(argv.slice(1), cwd, out, err);
  if (argv[0] === 'posture') return runPosture(argv.slice(1), cwd, { out, err, isTty, env });
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`themisdb-lint: ${e.message}\n\nRun themisdb-lint --help for the options.\n`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    out(USAGE + '\n');
    return 0;
  }
  if (opts.version) {
    out(`${VERSION}\n`);
    return 0;
  }
  try {
    return lint(opts, cwd, { out, err, isTty, env });
  } catch (e) {
    if (e instanceof PathError || e instanceof BaselineError || e instanceof CliError) {
      err(`themisdb-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function lint(opts: CliOptions, cwd: string, io: Io): number {
  const targets = collectTargets(opts.paths, cwd);
  // read the baseline before any work, so a wrong path fails fast
  const baselinePath = opts.baseline && path.resolve(cwd, opts.baseline);
  const baseline = baselinePath ? readBaseline(baselinePath) : undefined;

  const roots = [...new Set(targets.map((t) => (t.explicit ? path.dirname(t.file) : t.root)))];
  const ws = new Workspace(nodeHost, roots);
  const ruleErrors: { ruleId: string; file: string; message: string }[] = [];
  const analyzeTarget = (t: Target, version?: SourceFile): { file: SourceFile; analysis: Analysis } => {
    const file = version ?? ws.file(t.file);
    if (!file) {
      // too large to read: one finding says so, and the run goes on with the other files
      const tooLarge = unreadSizeLimit(t.file);
      if (tooLarge) return { file: new SourceFile(t.file, ''), analysis: tooLarge };
      throw new CliError(`cannot read ${relative(cwd, t.file)}`);
    }
    const analysis = analyze(file, ws, {
      profile: opts.profile,
      rules: opts.rules,
      root: t.root,
      explicit: t.explicit,
      onRuleError: (ruleId, e) => {
        ruleErrors.push({ ruleId, file: t.file, message: String(e) });
        io.err(`themisdb-lint: rule ${ruleId} failed on ${relative(cwd, t.file)}: ${String(e)}\n`);
      },
    });
    return { file, analysis };
  };

  // --fix / --fix-dry-run: fix each file in memory; the report below sees the fixed text
  let fixed: FileFix[] | undefined;
  if (opts.fix || opts.fixDryRun) {
    fixed = [];
    for (const t of targets) {
      const r = fixFile(ws, t.file, (version) => analyzeTarget(t, version).analysis.findings);
      if (r && r.after !== r.before) fixed.push(r);
      if (r?.passLimitReached)
        io.err(`themisdb-lint: ${relative(cwd, t.file)} still has fixes after 10 passes; run --fix again\n`);
    }
  }

  let checked = 0;
  let reported: Reported[] = [];
  for (const t of targets) {
    const { file, analysis } = analyzeTarget(t);
    if (analysis.kind) checked++;
    const fps = fingerprints(file.lines, analysis.findings);
    analysis.findings.forEach((finding, i) => {
      reported.push({
        file: t.file,
        rel: relative(cwd, t.file),
        ruleId: finding.ruleId,
        finding,
        ...place(file.lines, finding),
        fingerprint: fps[i],
        fixable: !!safeFix(finding, t.file),
      });
    });
    // the findings are all the report needs: the file's models go (memory stays flat in the number of files)
    ws.release(t.file);
  }

  if (opts.fixDryRun) {
    for (const f of fixed!) {
      const rel = relative(cwd, f.file);
      io.out(unifiedDiff(f.before, f.after, `a/${rel}`, `b/${rel}`));
    }
    const applied = fixed!.reduce((n, f) => n + f.applied, 0);
    io.err(
      `themisdb-lint: dry run: ${applied} fix${applied === 1 ? '' : 'es'} in ${fixed!.length} file${fixed!.length === 1 ? '' : 's'} would be applied; no file was changed. ${reported.length} problem${reported.length === 1 ? '' : 's'} would remain.\n`,
    );
    return exitCode(opts, filterBaseline(reported, baseline, baselinePath));
  }
  if (opts.fix) {
    for (const f of fixed!) writeFixed(f, cwd);
  }

  let baselined = 0;
  if (opts.writeBaseline) {
    const target = path.resolve(cwd, opts.writeBaseline);
    writeBaseline(target, reported, VERSION);
    io.err(
      `themisdb-lint: wrote ${reported.length} finding${reported.length === 1 ? '' : 's'} to the baseline ${relative(cwd, target)}\n`,
    );
    baselined = reported.length;
    reported = [];
  } else if (baseline) {
    const kept = filterByBaseline(reported, baseline, baselinePath!);
    baselined = reported.length - kept.length;
    reported = kept;
  }

  const applied = fixed?.reduce((n, f) => n + f.applied, 0);
  if (opts.format === 'json') io.out(JSON.stringify(toJsonFindings(reported), null, 2) + '\n');
  else if (opts.format === 'sarif')
    io.out(JSON.stringify(toSarif(reported, { cwd, version: VERSION, ruleErrors }), null, 2) + '\n');
  else
    io.out(
      formatText(
        reported,
        { filesChecked: checked, fixesApplied: applied, baselined },
        useColor(io.env ?? process.env, io.isTty),
      ),
    );
  if (applied !== undefined && opts.format !== 'text')
    io.err(
      `themisdb-lint: ${applied} fix${applied === 1 ? '' : 'es'} applied in ${fixed!.length} file${fixed!.length === 1 ? '' : 's'}\n`,
    );
  return exitCode(opts, reported);
}

/** The analysis of a file larger than the CLI reads, or undefined when its size is not the reason it cannot be read. */
function unreadSizeLimit(file: string): Analysis | undefined {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return undefined;
  }
  if (size <= MAX_FILE_BYTES) return undefined;
  const finding = sizeLimitFinding('', kindFromName(file) !== 'env', undefined, size)!;
  return { kind: kindFromName(file), profile: 'production', findings: [finding] };
}

function filterBaseline(
  reported: Reported[],
  baseline: ReturnType<typeof readBaseline> | undefined,
  baselinePath: string | undefined,
): Reported[] {
  return baseline ? filterByBaseline(reported, baseline, baselinePath!) : reported;
}

function exitCode(opts: CliOptions, reported: readonly Reported[]): number {
  if (opts.failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[opts.failOn];
  return reported.some((r) => SEVERITY_ORDER[r.finding.severity] >= threshold) ? 1 : 0;
}

/** Writes a fixed file back, keeping a byte order mark the reader stripped. */
function writeFixed(f: FileFix, cwd: string): void {
  try {
    const raw = fs.readFileSync(f.file);
    const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? '\uFEFF' : '';
    fs.writeFileSync(f.file, bom + f.after);
  } catch (e) {
    throw new CliError(`cannot write ${relative(cwd, f.file)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

if (require.main === module) {
  process.exitCode = run(
    process.argv.slice(2),
    process.cwd(),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
    !!process.stdout.isTTY,
  );
}
