// Baseline files: the findings a project has accepted for now. Entries hold no text of the
// files, only the rule, the file (relative to the baseline's folder, so the baseline works
// from any working directory) and the line fingerprint also used in SARIF.
import * as fs from 'fs';
import * as path from 'path';

export const BASELINE_VERSION = 1;

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
  const entries = findings
    .map((f) => ({ ruleId: f.ruleId, file: relativeTo(dir, f.file), fingerprint: f.fingerprint }))
    .sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
    );
  const doc: BaselineFile = {
    version: BASELINE_VERSION,
    tool: { name: 'themisdb-lint', version: toolVersion },
    findings: entries,
  };
  try {
    fs.mkdirSync(dir, { recursive: true });
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
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new BaselineError(`baseline ${baselinePath} is not JSON`);
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
  if (!valid) throw new BaselineError(`baseline ${baselinePath} is not a themisdb-lint baseline (version ${BASELINE_VERSION})`);
  return d as BaselineFile;
}

const key = (ruleId: string, file: string, fingerprint: string) => `${ruleId}\0${file}\0${fingerprint}`;

/**
 * The findings not accounted for by the baseline. Each baseline entry absorbs one finding,
 * so a third identical finding where the baseline recorded two is still reported.
 */
export function filterByBaseline<T extends Fingerprinted>(
  findings: readonly T[],
  baseline: BaselineFile,
  baselinePath: string,
): T[] {
  const dir = path.dirname(path.resolve(baselinePath));
  const budget = new Map<string, number>();
  for (const e of baseline.findings) {
    const k = key(e.ruleId, e.file, e.fingerprint);
    budget.set(k, (budget.get(k) ?? 0) + 1);
  }
  return findings.filter((f) => {
    const k = key(f.ruleId, relativeTo(dir, f.file), f.fingerprint);
    const left = budget.get(k) ?? 0;
    if (left === 0) return true;
    budget.set(k, left - 1);
    return false;
  });
}
