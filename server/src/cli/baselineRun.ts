// The baseline of one CLI run: --baseline FILE, --write-baseline FILE, or the
// .themisdb-baseline.json found from the working folder up; stale entries and pruning.
import * as fs from 'fs';
import * as path from 'path';
import { CliOptions } from './args';
import {
  BaselineEntry,
  BaselineFile,
  entryFile,
  findBaseline,
  Fingerprinted,
  matchBaseline,
  readBaseline,
  writeBaseline,
  writeEntries,
} from './baseline';
import { relative } from './format';

export interface BaselineRun {
  /** The baseline's path as the messages show it. */
  name: string;
  /** Findings the baseline does not hide, and its entries that are stale for this run. */
  match<T extends Fingerprinted>(
    findings: readonly T[],
    checked: readonly { file: string }[],
  ): { kept: T[]; stale: BaselineEntry[] };
  /** --write-baseline: records the findings; returns the name. */
  write(findings: readonly Fingerprinted[], version: string): string;
  /** --prune-baseline: rewrites the baseline without the stale entries. */
  prune(stale: readonly BaselineEntry[], version: string): void;
}

export function useBaseline(opts: CliOptions, cwd: string): BaselineRun | undefined {
  const file = opts.writeBaseline ?? opts.baseline;
  const baselinePath = file ? path.resolve(cwd, file) : findBaseline(cwd);
  if (!baselinePath) return undefined;
  const name = relative(cwd, baselinePath);
  const doc: BaselineFile | undefined = opts.writeBaseline ? undefined : readBaseline(baselinePath);
  return {
    name,
    match(findings, checked) {
      const m = matchBaseline(findings, doc!, baselinePath);
      const files = new Set(checked.map((c) => c.file));
      // an entry is stale when this run checked its file (or the file is gone) with its rule on
      const stale = m.unused.filter((e) => {
        const abs = entryFile(e, baselinePath);
        return opts.rules[e.ruleId] !== 'off' && (files.has(abs) || !fs.existsSync(abs));
      });
      return { kept: m.kept, stale };
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
