// themisdb-lint: the engine of the editor extension, for CI.
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { analyze, Analysis } from '../engine/analyze';
import { kindFromName } from '../engine/fileKinds';
import { sizeLimitFinding } from '../engine/limits';
import { Severity, SEVERITY_ORDER } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { createNodeHost, LinkWriteError, MAX_FILE_BYTES, writeFileNoFollow } from '../nodeHost';
import { linkNotice } from '../engine/workspace/linkNotice';
import { maskSecretsInLog } from '../engine/secretValue';
import { Finding } from '../engine/types';
import { CliOptions, parseArgs, USAGE, UsageError } from './args';
import { BaselineError, Fingerprinted } from './baseline';
import { BaselineMatcher, BaselineRun, useBaseline } from './baselineRun';
import { collectTargets, PathError, Target } from './collect';
import { maskedDiff } from './diff';
import { excluder } from './exclude';
import { fingerprints } from './fingerprint';
import { safeFix } from '../engine/fixes/fixAll';
import { SourceFile } from '../engine/sourceFile';
import { fixFile, fixNotes } from './fix';
import { runInit } from './init';
import { runPosture } from './posture';
import { printConfig } from './printConfig';
import { RunSettings, SettingsFileError } from './settingsFiles';
import { emptyTally, isTextFormat, place, relative, Reported, Tally, tallyOf, useColor } from './format';
import { openReport, ReportFileError } from './report';
import { runExplain, runRules } from './ruleCommands';

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
  readStdin: () => string = () => fs.readFileSync(0, 'utf8'),
): number {
  if (argv[0] === 'init') return runInit(argv.slice(1), cwd, out, err);
  if (argv[0] === 'posture') return runPosture(argv.slice(1), cwd, { out, err, isTty, env });
  if (argv[0] === 'rules') return runRules(argv.slice(1), VERSION, { out, err, isTty, env });
  if (argv[0] === 'explain') return runExplain(argv.slice(1), VERSION, { out, err, isTty, env });
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
    return lint(opts, cwd, { out, err, isTty, env }, readStdin);
  } catch (e) {
    if (
      e instanceof PathError ||
      e instanceof BaselineError ||
      e instanceof CliError ||
      e instanceof SettingsFileError ||
      e instanceof ReportFileError
    ) {
      err(`themisdb-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function lint(opts: CliOptions, cwd: string, io: Io, readStdin: () => string): number {
  const settings = new RunSettings(opts, cwd);
  if (opts.printConfig !== undefined) {
    io.out(printConfig(opts, cwd, settings));
    return 0;
  }
  const excluded = excluder(opts.exclude, cwd);
  const targets = opts.stdinFilename
    ? [{ file: path.resolve(cwd, opts.stdinFilename), explicit: true, root: cwd }]
    : collectTargets(opts.paths, cwd, (f) => settings.kindFor(f)).filter(
        (t) => !excluded?.(t.file) && !settings.forFile(t.file).excluded,
      );
  const baseline = useBaseline(
    opts,
    cwd,
    targets.map((t) => t.file),
    { configured: (f) => settings.forFile(f).baseline, ruleOn: (id, f) => settings.forFile(f).rules[id] !== 'off' },
  );

  const roots = [...new Set(targets.map((t) => (t.explicit ? path.dirname(t.file) : t.root)))];
  const named = targets.filter((t) => t.explicit).map((t) => t.file);
  const ws = new Workspace(createNodeHost(roots, named), roots);
  if (opts.stdinFilename) ws.setOverlay(targets[0].file, readStdinText(readStdin));
  const ruleErrors: { ruleId: string; file: string; message: string }[] = [];
  const analyzeTarget = (t: Target, version?: SourceFile): { file: SourceFile; analysis: Analysis } => {
    const file = version ?? ws.file(t.file);
    if (!file) {
      // too large to read: one finding says so, and the run goes on with the other files
      const tooLarge = unreadSizeLimit(t.file);
      if (tooLarge) return { file: new SourceFile(t.file, ''), analysis: tooLarge };
      throw new CliError(`cannot read ${relative(cwd, t.file)}`);
    }
    const fileSettings = settings.forFile(t.file);
    const analysis = analyze(file, ws, {
      profile: fileSettings.profile.value,
      rules: fileSettings.rules,
      kind: fileSettings.kind,
      root: t.root,
      explicit: t.explicit,
      keepSuppressed: !opts.inlineSuppressions,
      onRuleError: (ruleId, e) => {
        const message = maskSecretsInLog(String(e));
        ruleErrors.push({ ruleId, file: t.file, message });
        io.err(`themisdb-lint: rule ${ruleId} failed on ${relative(cwd, t.file)}: ${message}\n`);
      },
    });
    return { file, analysis };
  };

  if (opts.pruneBaseline && !baseline)
    throw new CliError(`--prune-baseline: no baseline (give --baseline FILE, or create ${BASELINE_HINT})`);

  // the report goes out file by file (report.ts); what is kept of the run is counts. An -o
  // file that cannot be written stops the run here, before --fix changes anything.
  const outputFile = opts.outputFile && path.resolve(cwd, opts.outputFile);
  const report = opts.fixDryRun
    ? undefined
    : openReport({
        format: opts.format,
        file: outputFile ? { path: outputFile, shownAs: relative(cwd, outputFile) } : undefined,
        color: useColor(io.env ?? process.env, io.isTty, opts.color),
        version: VERSION,
        sarif: { cwd, version: VERSION, ruleErrors },
        out: io.out,
      });
  try {
    // --fix / --fix-dry-run: fix each file; the report below sees the fixed text. --fix writes
    // a file once it is fixed (the disk then holds what the overlay held); the dry run keeps
    // the fixed texts as overlays and prints each diff.
    let applied: number | undefined;
    let fixedFiles = 0;
    // the slow analyses of files --fix left as they were, for the report: they stand while no
    // later fix changes a file they may read (a file of 3,000 services is then analyzed once)
    const unchanged = new Map<string, Analysis>();
    if (opts.fix || opts.fixDryRun) {
      applied = 0;
      const folders = folderProgress(targets);
      for (const t of targets) {
        const last = folders.start(t);
        if (ws.isLink(t.file)) {
          io.err(`themisdb-lint: ${relative(cwd, t.file)} is a symbolic link: --fix does not write through it\n`);
          continue;
        }
        let first: { analysis: Analysis; ms: number } | undefined;
        const started = performance.now(); // the parse may come before the first analysis (a syntax check)
        const r = fixFile(ws, t.file, (version) => {
          const { analysis } = analyzeTarget(t, version);
          first ??= { analysis, ms: performance.now() - started }; // fixAll analyzes the file as it is first
          return analysis.findings;
        });
        if (r && r.after !== r.before) {
          unchanged.clear();
          applied += r.applied;
          fixedFiles++;
          const rel = relative(cwd, t.file);
          if (opts.fixDryRun) io.out(maskedDiff(r.file, r.before, r.after, `a/${rel}`, `b/${rel}`));
          else {
            writeFixed(r.file, r.after, cwd);
            ws.removeOverlay(r.file);
          }
        } else if (first && first.ms >= REUSED_ANALYSIS_MS) unchanged.set(t.file, first.analysis);
        for (const note of r ? fixNotes(r, relative(cwd, t.file)) : []) io.err(`${note}\n`);
        if (r?.passLimitReached)
          io.err(`themisdb-lint: ${relative(cwd, t.file)} still has fixes after 10 passes; run --fix again\n`);
        if (last) ws.releaseAllBut(folders.unfinished);
      }
    }

    let checked = 0;
    let found = 0;
    let baselined = 0;
    const tally = emptyTally();
    const toBaseline: Fingerprinted[] = [];
    const matcher = opts.writeBaseline ? undefined : baseline?.matcher();
    // a fingerprint hashes its finding's line: only SARIF and baselines read one
    const fingerprinted = opts.format === 'sarif' || opts.writeBaseline || !!matcher;
    const addReported = (t: Target, file: SourceFile, findings: readonly Finding[]) => {
      const fps = fingerprinted ? fingerprints(file.lines, findings) : undefined;
      const group = findings.map((finding, i): Reported => ({
        file: t.file,
        rel: relative(cwd, t.file),
        ruleId: finding.ruleId,
        finding,
        ...place(file.lines, finding),
        fingerprint: fps?.[i],
        fixable: !!safeFix(finding, t.file),
      }));
      found += group.length;
      if (opts.writeBaseline) {
        for (const r of group) toBaseline.push({ ruleId: r.ruleId, file: r.file, fingerprint: r.fingerprint! });
        return;
      }
      const kept = matcher ? matcher.keep(group as (Reported & Fingerprinted)[]) : group;
      baselined += group.length - kept.length;
      const shown = quietened(opts, kept);
      tallyOf(shown, tally);
      report?.add(shown);
    };
    const folders = folderProgress(targets);
    for (const t of targets) {
      const last = folders.start(t);
      const link = ws.file(t.file) ? undefined : ws.linkRefusal(t.file);
      if (link) continue; // reported with the other links below
      const reused = unchanged.get(t.file);
      const read = reused && ws.file(t.file); // gone since --fix read it: analyzeTarget says so
      const { file, analysis } = read ? { file: read, analysis: reused } : analyzeTarget(t);
      if (analysis.kind) checked++;
      addReported(t, file, analysis.findings);
      // the report has what it needs: the models go once no file of their folder is left
      if (last) ws.releaseAllBut(folders.unfinished);
    }
    // every link not followed, named, found by the walk or met as a sibling: a notice on the link
    for (const [link, refusal] of ws.refusedLinks())
      addReported({ file: link, explicit: false, root: cwd }, new SourceFile(link, ''), [linkNotice(link, refusal)]);

    if (opts.fixDryRun) {
      io.err(
        `themisdb-lint: dry run: ${applied} fix${applied === 1 ? '' : 'es'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'} would be applied; no file was changed. ${found} problem${found === 1 ? '' : 's'} would remain.\n`,
      );
      return exitCode(opts, tally, io);
    }

    const stale = settleBaseline(opts, baseline, matcher, targets, toBaseline, io);
    if (opts.writeBaseline) baselined = found;
    report!.end(tally, {
      filesChecked: checked,
      fixesApplied: applied,
      baselined,
      staleBaseline: stale?.count,
      baselineName: stale?.name,
    });
    if (applied !== undefined && !isTextFormat(opts.format))
      io.err(
        `themisdb-lint: ${applied} fix${applied === 1 ? '' : 'es'} applied in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}\n`,
      );
    return exitCode(opts, tally, io);
  } finally {
    report?.close();
  }
}

/**
 * Where a pass over the targets stands, per folder: the files of a folder read each other, so
 * their models stay until the pass has started on the last of them (`unfinished`). `start`
 * says whether `t` is its folder's last: the models are released then, not after every file,
 * which in a folder of 2,000 files would go over the 2,000 kept models 2,000 times.
 */
function folderProgress(targets: readonly Target[]): { start(t: Target): boolean; unfinished(filePath: string): boolean } {
  const left = new Map<string, number>();
  for (const t of targets) left.set(path.dirname(t.file), (left.get(path.dirname(t.file)) ?? 0) + 1);
  return {
    start: (t) => {
      const rest = left.get(path.dirname(t.file))! - 1;
      left.set(path.dirname(t.file), rest);
      return rest === 0;
    },
    unfinished: (filePath) => (left.get(path.dirname(filePath)) ?? 0) > 0,
  };
}

/**
 * After the run: --write-baseline records what was found; otherwise the baseline's entries
 * that matched nothing are pruned (--prune-baseline) or named. Returns those left stale.
 */
function settleBaseline(
  opts: CliOptions,
  baseline: BaselineRun | undefined,
  matcher: BaselineMatcher | undefined,
  targets: readonly Target[],
  toBaseline: readonly Fingerprinted[],
  io: Io,
): { count: number; name: string } | undefined {
  if (opts.writeBaseline) {
    const written = baseline!.write(toBaseline, VERSION);
    io.err(`themisdb-lint: wrote ${toBaseline.length} finding${toBaseline.length === 1 ? '' : 's'} to the baseline ${written}\n`);
    return undefined;
  }
  if (!matcher) return undefined;
  const gone = matcher.stale(targets);
  if (opts.pruneBaseline) {
    baseline!.prune(gone, VERSION);
    io.err(
      `themisdb-lint: removed ${gone.length} stale entr${gone.length === 1 ? 'y' : 'ies'} from the baseline ${baseline!.name}\n`,
    );
    return undefined;
  }
  if (!gone.length) return undefined;
  if (!isTextFormat(opts.format) || opts.outputFile)
    io.err(
      `themisdb-lint: ${gone.length} baseline entr${gone.length === 1 ? 'y' : 'ies'} in ${baseline!.name} no longer match${gone.length === 1 ? 'es' : ''} a problem; remove ${gone.length === 1 ? 'it' : 'them'} with --prune-baseline\n`,
    );
  return { count: gone.length, name: baseline!.name };
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

/** An analysis at least this slow of a file --fix left alone is kept for the report; a quicker one is redone (nothing is kept). */
const REUSED_ANALYSIS_MS = 100;
const BASELINE_HINT = '.themisdb-baseline.json with --write-baseline .themisdb-baseline.json';

/** --quiet: errors and warnings only. */
function quietened(opts: CliOptions, reported: Reported[]): Reported[] {
  return opts.quiet ? reported.filter((r) => SEVERITY_ORDER[r.finding.severity] >= SEVERITY_ORDER.warning) : reported;
}

function exitCode(opts: CliOptions, tally: Tally, io: Io): number {
  if (opts.maxWarnings !== undefined && tally.warning > opts.maxWarnings) {
    io.err(`themisdb-lint: ${tally.warning} warning${tally.warning === 1 ? '' : 's'} found (maximum: ${opts.maxWarnings})\n`);
    return 1;
  }
  if (opts.failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[opts.failOn];
  return (Object.keys(SEVERITY_ORDER) as Severity[]).some((s) => tally[s] > 0 && SEVERITY_ORDER[s] >= threshold) ? 1 : 0;
}

function readStdinText(readStdin: () => string): string {
  try {
    return readStdin().replace(/^\uFEFF/, '');
  } catch (e) {
    throw new CliError(`cannot read standard input: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Writes a fixed file back, keeping a byte order mark the reader stripped. */
function writeFixed(file: string, after: string, cwd: string): void {
  try {
    const raw = fs.readFileSync(file);
    const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? '\uFEFF' : '';
    writeFileNoFollow(file, bom + after);
  } catch (e) {
    if (e instanceof LinkWriteError) throw new CliError(`cannot write ${relative(cwd, file)}: ${e.message}`);
    throw new CliError(`cannot write ${relative(cwd, file)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

if (require.main === module) {
  // Most of what an analysis allocates outlives a young-generation collection (a folder's files
  // read each other) and dies in the old one. With V8's default heap growth the old space then
  // grows with the length of the run, not with what is alive: a 6,000-file run peaked at 216 MB
  // of RSS against 166 MB at 1,000. Growing it by half of the live size instead keeps the peak
  // near 150 MB at any number of files, at no measurable cost in time (docs/dev/performance.md).
  v8.setFlagsFromString('--heap-growing-percent=50');
  // a reader that stops early (`themisdb-lint . | head`) closes the pipe: the rest of the report
  // has nowhere to go, and the exit code still says what the run found (no stack trace)
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  process.exitCode = run(
    process.argv.slice(2),
    process.cwd(),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
    !!process.stdout.isTTY,
  );
}
