// Analyses of open documents, one per document version, shared by diagnostics
// and code actions so a request never re-runs the rules for the same text. An
// analysis runs in slices, so other requests never wait for all of it.
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, analysisSteps } from '../engine/analyze';
import { BlockFindings } from '../engine/blockFindings';
import { IncrementalYaml } from '../engine/documents/incrementalYaml';
import { SourceFile } from '../engine/sourceFile';
import { Workspace } from '../engine/workspace/workspace';
import { FileKind, ProfileSetting, RuleSetting } from '../engine/types';
import { uriToPath } from './convert';

/** The workspace folder a file is in. */
export function rootOf(ws: Workspace, filePath: string): string | undefined {
  return ws.roots.find((r) => filePath.startsWith(r + path.sep));
}

/** What the analysis of a document takes from its settings (editor settings and settings file resolved). */
export interface DocSettings {
  profile: ProfileSetting;
  rules: Record<string, RuleSetting>;
  kind?: FileKind;
}

export interface DocAnalysis {
  version: number;
  file: SourceFile;
  analysis: Analysis;
}

/** Rules run for at most this long before the server answers the requests that came in meanwhile. */
const SLICE_MS = 10;

/** Reuse the parse, model and block-local findings of unchanged top-level YAML blocks between versions (THEMISDB_INCREMENTAL=0 turns it off). */
const INCREMENTAL = process.env.THEMISDB_INCREMENTAL !== '0';

export class AnalysisCache {
  private readonly entries = new Map<string, DocAnalysis>();
  private readonly running = new Map<string, { version: number; done: Promise<DocAnalysis> }>();
  /** Bumped by clear(): an analysis started before it is not kept. */
  private generation = 0;
  /** Per open document; kept across clear(): block parses depend on the text alone. */
  private readonly parses = new Map<string, IncrementalYaml>();
  /** Per open document: the findings of its blocks also depend on the workspace, so clear() drops them. */
  private readonly blockFindings = new Map<string, BlockFindings>();

  constructor(
    private readonly ws: Workspace,
    private readonly log: (msg: string) => void,
  ) {}

  /** The analysis of this version of the document: cached, already running, or started now. */
  get(doc: TextDocument, settings: DocSettings): Promise<DocAnalysis> {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return Promise.resolve(hit);
    const run = this.running.get(doc.uri);
    if (run && run.version === doc.version) return run.done;
    const done = this.run(doc.uri, doc.version, settings);
    this.running.set(doc.uri, { version: doc.version, done });
    return done;
  }

  /** The buffer's new version builds its YAML model from the blocks of the previous one, whoever reads it first. */
  prepare(uri: string): void {
    if (INCREMENTAL) this.ws.file(uriToPath(uri))?.buildYamlWith((f) => this.incremental(uri).model(f.text, f.lines));
  }

  private async run(uri: string, version: number, settings: DocSettings): Promise<DocAnalysis> {
    const generation = this.generation;
    const p = uriToPath(uri);
    // the server puts every open buffer into the workspace when it opens or changes
    this.prepare(uri);
    const file = this.ws.file(p)!;
    const steps = analysisSteps(file, this.ws, {
      blocks: INCREMENTAL ? this.blocksOf(uri) : undefined,
      profile: settings.profile,
      rules: settings.rules,
      kind: settings.kind,
      root: rootOf(this.ws, p),
      onRuleError: (id, e) => this.log(`Rule ${id} failed on ${p}: ${e instanceof Error ? e.stack : String(e)}`),
    });
    let slice = performance.now();
    let step = steps.next();
    while (!step.done) {
      // hover, completion and cancellations are answered between rules
      if (performance.now() - slice > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      step = steps.next();
    }
    const entry = { version, file, analysis: step.value };
    if (this.running.get(uri)?.version === version) this.running.delete(uri);
    if (generation === this.generation) this.entries.set(uri, entry);
    return entry;
  }

  /** Cached analysis without recomputing (undefined when stale or absent). */
  peek(uri: string, version: number): DocAnalysis | undefined {
    const hit = this.entries.get(uri);
    return hit && hit.version === version ? hit : undefined;
  }

  drop(uri: string): void {
    this.entries.delete(uri);
    this.running.delete(uri);
    this.parses.delete(uri);
    this.blockFindings.delete(uri);
  }

  private blocksOf(uri: string): BlockFindings {
    let b = this.blockFindings.get(uri);
    if (!b) this.blockFindings.set(uri, (b = new BlockFindings()));
    return b;
  }

  private incremental(uri: string): IncrementalYaml {
    let inc = this.parses.get(uri);
    if (!inc) this.parses.set(uri, (inc = new IncrementalYaml()));
    return inc;
  }

  clear(): void {
    this.generation++;
    this.blockFindings.clear();
    this.entries.clear();
    this.running.clear();
  }
}
