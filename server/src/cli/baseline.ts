// Baseline files: the findings a project has accepted for now. Entries hold no text of the
// files, only the rule, the file (relative to the baseline's folder, so the baseline works
// from any working directory) and the line fingerprint also used in SARIF. The CLI and the
// language server both match findings here.
import * as fs from 'fs';
import * as path from 'path';

export const BASELINE_VERSION = 1;
/** Picked up without --baseline, as eslint picks up eslint-suppressions.json. */
export const BASELINE_FILE = '.themisdb-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
}

export interface BaselineFile {
  version: number;
  tool: { name: string; version: string };
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

/** What a finding is matched by: rule, absolute file, fingerprint. */
export interface Fingerprinted {
  ruleId: string;
  file: string;
  fingerprint: string;
}

function relativeTo(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

export function writeBaseline(baselinePath: string, findings: readonly Fingerprinted[], toolVersion: string): void {
  const dir = path.dirname(path.resolve(baselinePath));
  writeEntries(
    baselinePath,
    findings.map((f) => ({ ruleId: f.ruleId, file: relativeTo(dir, f.file), fingerprint: f.fingerprint })),
    toolVersion,
  );
}

/** Writes entries whose files are already relative to the baseline's folder (sorted, so diffs stay small). */
export function writeEntries(baselinePath: string, entries: readonly BaselineEntry[], toolVersion: string): void {
  const sorted = [...entries].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  );
  const doc: BaselineFile = {
    version: BASELINE_VERSION,
    tool: { name: 'themisdb-lint', version: toolVersion },
    findings: sorted.map((e) => ({ ruleId: e.ruleId, file: e.file, fingerprint: e.fingerprint })),
  };
  try {
    fs.mkdirSync(path.dirname(path.resolve(baselinePath)), { recursive: true });
    fs.writeFileSync(baselinePath, JSON.stringify(doc, null, 2) + '\n');
  } catch (e) {
    throw new BaselineError(`cannot write baseline ${baselinePath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export function readBaseline(baselinePath: string): BaselineFile {
  let text: string;
  try {
    text = fs.readFileSync(baselinePath, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read baseline ${baselinePath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseBaseline(text, baselinePath);
}

/** A baseline from its text; `where` names it in the error. */
export function parseBaseline(text: string, where: string): BaselineFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new BaselineError(`baseline ${where} is not JSON`);
  }
  const d = doc as Partial<BaselineFile>;
  const valid =
    !!d &&
    typeof d === 'object' &&
    d.version === BASELINE_VERSION &&
    Array.isArray(d.findings) &&
    d.findings.every(
      (f) => !!f && typeof f.ruleId === 'string' && typeof f.file === 'string' && typeof f.fingerprint === 'string',
    );
  if (!valid) throw new BaselineError(`baseline ${where} is not a themisdb-lint baseline (version ${BASELINE_VERSION})`);
  return d as BaselineFile;
}

/**
 * The .themisdb-baseline.json of `dir` or of a folder above it, up to the repository root
 * (the first folder with .git) or the file system root.
 */
export function findBaseline(dir: string, exists: (p: string) => boolean = fs.existsSync): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, BASELINE_FILE);
    if (exists(candidate)) return candidate;
    if (exists(path.join(d, '.git')) || path.dirname(d) === d) return undefined;
  }
}

const key = (ruleId: string, file: string, fingerprint: string) => `${ruleId}\0${file}\0${fingerprint}`;

export interface BaselineMatch<T> {
  /** Findings the baseline does not account for. */
  kept: T[];
  /** Entries that absorbed none. */
  unused: BaselineEntry[];
}

/**
 * The entries of a baseline, spent as findings match them: each entry absorbs one finding, so
 * a third identical finding where the baseline recorded two is still reported. Findings can
 * be given file by file (the CLI reports as it goes); `unused` is asked for at the end.
 */
export function baselineBudget(
  baseline: BaselineFile,
  baselinePath: string,
): { keep<T extends Fingerprinted>(findings: readonly T[]): T[]; unused(): BaselineEntry[] } {
  const dir = path.dirname(path.resolve(baselinePath));
  const budget = new Map<string, BaselineEntry[]>();
  for (const e of baseline.findings) {
    const k = key(e.ruleId, e.file, e.fingerprint);
    budget.set(k, [...(budget.get(k) ?? []), e]);
  }
  return {
    keep: (findings) => findings.filter((f) => !budget.get(key(f.ruleId, relativeTo(dir, f.file), f.fingerprint))?.pop()),
    unused: () => [...budget.values()].flat(),
  };
}

/** Matches all findings at once (the language server, per file). */
export function matchBaseline<T extends Fingerprinted>(
  findings: readonly T[],
  baseline: BaselineFile,
  baselinePath: string,
): BaselineMatch<T> {
  const budget = baselineBudget(baseline, baselinePath);
  return { kept: budget.keep(findings), unused: budget.unused() };
}

/** The absolute path of an entry's file. */
export function entryFile(entry: BaselineEntry, baselinePath: string): string {
  return path.resolve(path.dirname(path.resolve(baselinePath)), entry.file);
}
