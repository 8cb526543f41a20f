// The language server honours the baseline the CLI uses (.themisdb-baseline.json of the
// workspace folder or a folder above it, up to the repository root), so the editor does not
// show what CI has accepted. The file is re-read when it changes on disk.
import * as fs from 'fs';
import { BaselineFile, matchBaseline, readBaseline } from '../cli/baseline';
import { fingerprints } from '../cli/fingerprint';
import { SourceFile } from '../engine/sourceFile';
import { Finding } from '../engine/types';

export class BaselineFilter {
  private readonly read = new Map<string, { stamp: string; doc?: BaselineFile }>();

  constructor(private readonly log: (message: string) => void) {}

  /** Indexes of the findings that the baseline does not list. */
  /** `baselinePath`: the baseline that applies to the file (lsp/settingsFiles.ts decides), if any. */
  kept(file: SourceFile, findings: readonly Finding[], baselinePath: string | undefined): number[] {
    const all = findings.map((_f, i) => i);
    const doc = baselinePath && this.load(baselinePath);
    if (!baselinePath || !doc || findings.length === 0) return all;
    const fps = fingerprints(file.lines, findings);
    const items = findings.map((f, i) => ({ ruleId: f.ruleId, file: file.path, fingerprint: fps[i], index: i }));
    return matchBaseline(items, doc, baselinePath).kept.map((k) => k.index);
  }

  private load(baselinePath: string): BaselineFile | undefined {
    let stamp: string;
    try {
      const st = fs.statSync(baselinePath);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return undefined;
    }
    const cached = this.read.get(baselinePath);
    if (cached?.stamp === stamp) return cached.doc;
    let doc: BaselineFile | undefined;
    try {
      doc = readBaseline(baselinePath);
    } catch (e) {
      // a broken baseline hides nothing; say why once per version of the file
      this.log(`ThemisDB: ignoring the baseline: ${(e as Error).message}`);
    }
    this.read.set(baselinePath, { stamp, doc });
    return doc;
  }
}
