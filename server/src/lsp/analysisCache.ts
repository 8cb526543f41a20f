// Analyses of open documents, one per document version, shared by diagnostics
// and code actions so a request never re-runs the rules for the same text.
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, Analysis } from '../engine/analyze';
import { IncrementalYaml } from '../engine/documents/incrementalYaml';
import { SourceFile } from '../engine/sourceFile';
import { Workspace } from '../engine/workspace/workspace';
import { Settings } from './settings';
import { uriToPath } from './convert';

/** The workspace folder a file is in. */
export function rootOf(ws: Workspace, filePath: string): string | undefined {
  return ws.roots.find((r) => filePath.startsWith(r + path.sep));
}

export interface DocAnalysis {
  version: number;
  file: SourceFile;
  analysis: Analysis;
}

/** Reuse the parse of unchanged top-level YAML blocks between versions (THEMISDB_INCREMENTAL=0 turns it off). */
const INCREMENTAL = process.env.THEMISDB_INCREMENTAL !== '0';

export class AnalysisCache {
  private readonly entries = new Map<string, DocAnalysis>();
  /** Per open document; kept across clear(): block parses depend on the text alone. */
  private readonly parses = new Map<string, IncrementalYaml>();

  constructor(
    private readonly ws: Workspace,
    private readonly log: (msg: string) => void,
  ) {}

  get(doc: TextDocument, settings: Settings): DocAnalysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const p = uriToPath(doc.uri);
    // the server puts every open buffer into the workspace when it opens or changes
    const file = this.ws.file(p)!;
    if (INCREMENTAL) file.buildYamlWith((text) => this.incremental(doc.uri).model(text));
    const root = rootOf(this.ws, p);
    const analysis = analyze(file, this.ws, {
      profile: settings.profile,
      rules: settings.rules,
      root,
      onRuleError: (id, e) => this.log(`Rule ${id} failed on ${p}: ${e instanceof Error ? e.stack : String(e)}`),
    });
    const entry = { version: doc.version, file, analysis };
    this.entries.set(doc.uri, entry);
    return entry;
  }

  /** Cached analysis without recomputing (undefined when stale or absent). */
  peek(uri: string, version: number): DocAnalysis | undefined {
    const hit = this.entries.get(uri);
    return hit && hit.version === version ? hit : undefined;
  }

  drop(uri: string): void {
    this.entries.delete(uri);
    this.parses.delete(uri);
  }

  private incremental(uri: string): IncrementalYaml {
    let inc = this.parses.get(uri);
    if (!inc) this.parses.set(uri, (inc = new IncrementalYaml()));
    return inc;
  }

  clear(): void {
    this.entries.clear();
  }
}
