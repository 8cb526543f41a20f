// The baseline of one CLI run: --baseline FILE, --write-baseline FILE, else per linted
// file the baseline its settings file names, else the .themisdb-baseline.json found from
// the working folder up; stale entries and pruning.
import * as fs from 'fs';
import * as path from 'path';
import { CliOptions } from './args';
import {
  BaselineEntry,
  BaselineFile,
  baselineBudget,
  entryFile,
  findBaseline,
  Fingerprinted,
  readBaseline,
  writeBaseline,
  writeEntries,
} from './baseline';
import { relative } from './format';

export interface BaselineRun {
  /** The baseline's path as the messages show it (several joined by commas). */
  name: string;
  /** Starts matching this run's findings, which come file by file. */
  matcher(): BaselineMatcher;
  /** --write-baseline: records the findings; returns the name. */
  write(findings: readonly Fingerprinted[], version: string): string;
  /** --prune-baseline: rewrites the baseline without the stale entries. */
  prune(stale: readonly BaselineEntry[], version: string): void;
}

export interface BaselineMatcher {
  /** The findings of one file that the baseline does not hide. */
  keep<T extends Fingerprinted>(findings: readonly T[]): T[];
  /** At the end: the entries that are stale for this run, which checked these files. */
  stale(checked: readonly { file: string }[]): BaselineEntry[];
}

/** Where a file's baseline comes from: a flag, its settings file, or the baseline found from the working folder. */
export interface BaselineSource {
  /** The baseline its settings file names. */
  configured(file: string): string | undefined;
  /** Whether the rule reports in that file (an entry of a rule that is off is not stale). */
  ruleOn(ruleId: string, file: string): boolean;
}

/** The baseline that applies to a file, and what decided it. */
export function baselineFor(
  opts: Pick<CliOptions, 'baseline' | 'writeBaseline'>,
  cwd: string,
  configured: string | undefined,
  configuredBy = 'the settings file',
): { path: string; from: string } | undefined {
  const flag = opts.writeBaseline !== undefined ? '--write-baseline' : '--baseline';
  const file = opts.writeBaseline ?? opts.baseline;
  if (file) return { path: path.resolve(cwd, file), from: flag };
  if (configured) return { path: configured, from: configuredBy };
  const found = findBaseline(cwd);
  return found ? { path: found, from: 'found from the working folder' } : undefined;
}

export function useBaseline(
  opts: CliOptions,
  cwd: string,
  files: readonly string[],
  source: BaselineSource,
): BaselineRun | undefined {
  // one answer per settings file: without one, every file would search from the working folder up again
  const byConfigured = new Map<string | undefined, string | undefined>();
  const pathOf = (file: string) => {
    const configured = source.configured(file);
    if (!byConfigured.has(configured)) byConfigured.set(configured, baselineFor(opts, cwd, configured)?.path);
    return byConfigured.get(configured);
  };
  const paths = [...new Set(files.map(pathOf).filter((p): p is string => !!p))];
  const fallback = baselineFor(opts, cwd, undefined)?.path;
  if (fallback && !paths.includes(fallback)) paths.push(fallback);
  // every baseline is read before any work, so a wrong path fails fast
  const runs = new Map(paths.map((p) => [p, oneBaseline(opts, cwd, p, source)]));
  if (runs.size <= 1) return runs.values().next().value;
  // a finding the walk did not start from (a link notice) goes to the working folder's baseline
  const runOf = (file: string) => runs.get(pathOf(file) ?? fallback ?? '');
  return {
    name: [...runs.values()].map((r) => r.name).join(', '),
    matcher() {
      const matchers = new Map([...runs.values()].map((run) => [run, run.matcher()]));
      return {
        keep(findings) {
          const kept = new Set<Fingerprinted>();
          for (const [run, m] of matchers) m.keep(findings.filter((f) => runOf(f.file) === run)).forEach((k) => kept.add(k));
          return findings.filter((f) => kept.has(f) || !runOf(f.file));
        },
        stale: (checked) => [...matchers].flatMap(([run, m]) => m.stale(checked.filter((c) => runOf(c.file) === run))),
      };
    },
    write() {
      throw new Error('--write-baseline names one file');
    },
    prune(stale, version) {
      for (const run of runs.values()) run.prune(stale, version);
    },
  };
}

function oneBaseline(opts: CliOptions, cwd: string, baselinePath: string, source: BaselineSource): BaselineRun {
  const name = relative(cwd, baselinePath);
  const doc: BaselineFile | undefined = opts.writeBaseline ? undefined : readBaseline(baselinePath);
  return {
    name,
    matcher() {
      const budget = baselineBudget(doc!, baselinePath);
      return {
        keep: (findings) => budget.keep(findings),
        stale(checked) {
          const files = new Set(checked.map((c) => c.file));
          // an entry is stale when this run checked its file (or the file is gone) with its rule on
          return budget.unused().filter((e) => {
            const abs = entryFile(e, baselinePath);
            return source.ruleOn(e.ruleId, abs) && (files.has(abs) || !fs.existsSync(abs));
          });
        },
      };
    },
    write(findings, version) {
      writeBaseline(baselinePath, findings, version);
      return name;
    },
    prune(stale, version) {
      const drop = new Set(stale);
      writeEntries(
        baselinePath,
        doc!.findings.filter((e) => !drop.has(e)),
        version,
      );
    },
  };
}
