// themisdb-lint: the engine of the editor extension, for CI.
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Analysis } from '../engine/analyze';
import { kindFromName } from '../engine/fileKinds';
import { sizeLimitFinding } from '../engine/limits';
import { SEVERITY_ORDER } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { createNodeHost, LinkWriteError, MAX_FILE_BYTES, writeFileNoFollow } from '../nodeHost';
import { linkNotice } from '../engine/workspace/linkNotice';
import { maskSecretsInLog } from '../engine/secretValue';
import { Finding } from '../engine/types';
import { CliOptions, parseArgs, USAGE, UsageError } from './args';
import { BaselineError } from './baseline';
import { useBaseline } from './baselineRun';
import { collectTargets, PathError, Target } from './collect';
import { maskedDiff } from './diff';
import { excluder } from './exclude';
import { fingerprints } from './fingerprint';
import { safeFix } from '../engine/fixes/fixAll';
import { SourceFile } from '../engine/sourceFile';
import { FileFix, fixFile, fixNotes } from './fix';
import { runInit } from './init';
import { runPosture } from './posture';
import { printConfig } from './printConfig';
import { RunSettings, SettingsFileError } from './settingsFiles';
import {
  formatCompact,
  formatGithub,
  formatText,
  isTextFormat,
  place,
  relative,
  Reported,
  toJsonFindings,
  useColor,
} from './format';
import { runExplain, runRules } from './ruleCommands';
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
    if (e instanceof PathError || e instanceof BaselineError || e instanceof CliError || e instanceof SettingsFileError) {
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

  // --fix / --fix-dry-run: fix each file in memory; the report below sees the fixed text
  let fixed: FileFix[] | undefined;
  if (opts.fix || opts.fixDryRun) {
    fixed = [];
    for (const t of targets) {
      if (ws.isLink(t.file)) {
        io.err(`themisdb-lint: ${relative(cwd, t.file)} is a symbolic link: --fix does not write through it\n`);
        continue;
      }
      const r = fixFile(ws, t.file, (version) => analyzeTarget(t, version).analysis.findings);
      if (r && r.after !== r.before) fixed.push(r);
      for (const note of r ? fixNotes(r, relative(cwd, t.file)) : []) io.err(`${note}\n`);
      if (r?.passLimitReached)
        io.err(`themisdb-lint: ${relative(cwd, t.file)} still has fixes after 10 passes; run --fix again\n`);
    }
  }

  let checked = 0;
  let reported: Reported[] = [];
  const addReported = (t: Target, file: SourceFile, findings: readonly Finding[]) => {
    const fps = fingerprints(file.lines, findings);
    findings.forEach((finding, i) => {
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
  };
  // per folder, the targets still to be analyzed there: the files of a folder read each other
  const toAnalyze = new Map<string, number>();
  for (const t of targets) toAnalyze.set(path.dirname(t.file), (toAnalyze.get(path.dirname(t.file)) ?? 0) + 1);
  for (const t of targets) {
    const dir = path.dirname(t.file);
    toAnalyze.set(dir, toAnalyze.get(dir)! - 1);
    const link = ws.file(t.file) ? undefined : ws.linkRefusal(t.file);
    if (link) continue; // reported with the other links below
    const { file, analysis } = analyzeTarget(t);
    if (analysis.kind) checked++;
    addReported(t, file, analysis.findings);
    // the findings are all the report needs: the models go once no file of their folder is left to analyze
    ws.releaseAllBut((p) => (toAnalyze.get(path.dirname(p)) ?? 0) > 0);
  }
  // every link not followed, named, found by the walk or met as a sibling: a notice on the link
  for (const [link, refusal] of ws.refusedLinks())
    addReported({ file: link, explicit: false, root: cwd }, new SourceFile(link, ''), [linkNotice(link, refusal)]);

  if (opts.fixDryRun) {
    for (const f of fixed!) {
      const rel = relative(cwd, f.file);
      io.out(maskedDiff(f.file, f.before, f.after, `a/${rel}`, `b/${rel}`));
    }
    const applied = fixed!.reduce((n, f) => n + f.applied, 0);
    io.err(
      `themisdb-lint: dry run: ${applied} fix${applied === 1 ? '' : 'es'} in ${fixed!.length} file${fixed!.length === 1 ? '' : 's'} would be applied; no file was changed. ${reported.length} problem${reported.length === 1 ? '' : 's'} would remain.\n`,
    );
    return exitCode(opts, quietened(opts, baseline ? baseline.match(reported, targets).kept : reported), io);
  }
  if (opts.fix) {
    for (const f of fixed!) writeFixed(f, cwd);
  }

  let baselined = 0;
  let stale: { count: number; name: string } | undefined;
  if (opts.writeBaseline) {
    const written = baseline!.write(reported, VERSION);
    io.err(`themisdb-lint: wrote ${reported.length} finding${reported.length === 1 ? '' : 's'} to the baseline ${written}\n`);
    baselined = reported.length;
    reported = [];
  } else if (baseline) {
    const m = baseline.match(reported, targets);
    baselined = reported.length - m.kept.length;
    reported = m.kept;
    if (opts.pruneBaseline) {
      baseline.prune(m.stale, VERSION);
      io.err(
        `themisdb-lint: removed ${m.stale.length} stale entr${m.stale.length === 1 ? 'y' : 'ies'} from the baseline ${baseline.name}\n`,
      );
    } else if (m.stale.length) {
      stale = { count: m.stale.length, name: baseline.name };
      if (!isTextFormat(opts.format) || opts.outputFile)
        io.err(
          `themisdb-lint: ${m.stale.length} baseline entr${m.stale.length === 1 ? 'y' : 'ies'} in ${baseline.name} no longer match${m.stale.length === 1 ? 'es' : ''} a problem; remove ${m.stale.length === 1 ? 'it' : 'them'} with --prune-baseline\n`,
        );
    }
  } else if (opts.pruneBaseline)
    throw new CliError(`--prune-baseline: no baseline (give --baseline FILE, or create ${BASELINE_HINT})`);
  reported = quietened(opts, reported);

  const applied = fixed?.reduce((n, f) => n + f.applied, 0);
  const text = (color: boolean) =>
    (opts.format === 'compact' ? formatCompact : formatText)(
      reported,
      { filesChecked: checked, fixesApplied: applied, baselined, staleBaseline: stale?.count, baselineName: stale?.name },
      color,
    );
  const report =
    opts.format === 'json'
      ? JSON.stringify(toJsonFindings(reported, VERSION), null, 2) + '\n'
      : opts.format === 'sarif'
        ? JSON.stringify(toSarif(reported, { cwd, version: VERSION, ruleErrors }), null, 2) + '\n'
        : opts.format === 'github'
          ? formatGithub(reported)
          : text(!opts.outputFile && useColor(io.env ?? process.env, io.isTty, opts.color));
  if (opts.outputFile) {
    writeReport(path.resolve(cwd, opts.outputFile), report, cwd);
    // one run both gates (text on stdout) and uploads (the file)
    if (!isTextFormat(opts.format)) io.out(text(useColor(io.env ?? process.env, io.isTty, opts.color)));
  } else io.out(report);
  if (applied !== undefined && !isTextFormat(opts.format))
    io.err(
      `themisdb-lint: ${applied} fix${applied === 1 ? '' : 'es'} applied in ${fixed!.length} file${fixed!.length === 1 ? '' : 's'}\n`,
    );
  return exitCode(opts, reported, io);
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

const BASELINE_HINT = '.themisdb-baseline.json with --write-baseline .themisdb-baseline.json';

/** --quiet: errors and warnings only. */
function quietened(opts: CliOptions, reported: Reported[]): Reported[] {
  return opts.quiet ? reported.filter((r) => SEVERITY_ORDER[r.finding.severity] >= SEVERITY_ORDER.warning) : reported;
}

function exitCode(opts: CliOptions, reported: readonly Reported[], io: Io): number {
  const warnings = reported.filter((r) => r.finding.severity === 'warning').length;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.err(`themisdb-lint: ${warnings} warning${warnings === 1 ? '' : 's'} found (maximum: ${opts.maxWarnings})\n`);
    return 1;
  }
  if (opts.failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[opts.failOn];
  return reported.some((r) => SEVERITY_ORDER[r.finding.severity] >= threshold) ? 1 : 0;
}

function readStdinText(readStdin: () => string): string {
  try {
    return readStdin().replace(/^\uFEFF/, '');
  } catch (e) {
    throw new CliError(`cannot read standard input: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** -o FILE: the report in the chosen format, folders made as needed. */
function writeReport(file: string, report: string, cwd: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, report);
  } catch (e) {
    throw new CliError(`cannot write ${relative(cwd, file)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Writes a fixed file back, keeping a byte order mark the reader stripped. */
function writeFixed(f: FileFix, cwd: string): void {
  try {
    const raw = fs.readFileSync(f.file);
    const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? '\uFEFF' : '';
    writeFileNoFollow(f.file, bom + f.after);
  } catch (e) {
    if (e instanceof LinkWriteError) throw new CliError(`cannot write ${relative(cwd, f.file)}: ${e.message}`);
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
