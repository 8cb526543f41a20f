// "Lint Workspace": every ThemisDB file under the workspace folders, open or not, analyzed
// the way an open document is (settings, profile, baseline). Open documents have their
// diagnostics already; the others get theirs published here and keep them, following the
// disk, until the file is opened (the live diagnostics take over), closed again (back to
// the disk's), changed or deleted on disk, or the settings change.
import { Diagnostic } from 'vscode-languageserver';
import { analyze } from '../engine/analyze';
import { isDeploymentCandidate } from '../engine/deploy/recognize';
import { kindFromName } from '../engine/fileKinds';
import { Workspace } from '../engine/workspace/workspace';
import { LintWorkspaceResult } from '../protocol';
import { DocSettings, rootOf } from './analysisCache';
import { BaselineFilter } from './baseline';
import { pathToUri, toDiagnostic, uriToPath } from './convert';

export interface WorkspaceLintHost {
  workspace(): Workspace;
  /** A workspace that reads the disk afresh (with the open buffers): a run sees files the watcher has not reported yet. */
  freshWorkspace(): Workspace;
  /** A file's settings as an open document of it gets them (editor settings and its settings file). */
  settingsOf(filePath: string): Promise<{ analysis: DocSettings; excluded: boolean; baselinePath: string | undefined }>;
  baseline: BaselineFilter;
  isOpen(uri: string): boolean;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  logError(message: string): void;
}

/** The files a workspace lint looks at: what the CLI's folder walk takes (by name, then content). */
const isCandidate = (filePath: string) => !!kindFromName(filePath) || isDeploymentCandidate(filePath);

export class WorkspaceLint {
  /** The ThemisDB files of the last run; the unopened ones show the diagnostics published here (possibly none). */
  private readonly tracked = new Set<string>();
  /** One run or refresh at a time, in the order asked. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A refreshAll pass that has not started yet. */
  private pendingAll?: Promise<void>;

  constructor(private readonly host: WorkspaceLintHost) {}

  run(): Promise<LintWorkspaceResult> {
    return this.serially(async () => {
      const ws = this.host.freshWorkspace();
      let files = 0;
      let problems = 0;
      // one file read at a time: a large workspace is never held in memory at once
      for (const filePath of ws.findPaths(isCandidate)) {
        const uri = pathToUri(filePath);
        const diagnostics = await this.diagnosticsOf(filePath, ws);
        if (!diagnostics) continue; // not ThemisDB's
        files++;
        problems += diagnostics.length;
        this.tracked.add(uri); // open ones too: closed later, they show their disk findings
        if (!this.host.isOpen(uri)) this.host.publish(uri, diagnostics); // open ones show their live diagnostics
      }
      return { files, problems };
    });
  }

  /** A tracked file that is not open again follows its current text (from the disk, or gone). */
  refresh(uri: string): Promise<void> {
    if (!this.tracked.has(uri)) return Promise.resolve();
    return this.serially(() => this.republish(uri));
  }

  /** After a change that can alter any file's findings (settings, a .env, a baseline); one waiting pass serves a burst. */
  refreshAll(): Promise<void> {
    if (this.tracked.size === 0) return Promise.resolve();
    if (this.pendingAll) return this.pendingAll;
    const pass = this.serially(async () => {
      this.pendingAll = undefined; // changes from now on need another pass
      for (const uri of [...this.tracked]) await this.republish(uri);
    });
    this.pendingAll = pass;
    return pass;
  }

  private async republish(uri: string): Promise<void> {
    if (this.host.isOpen(uri)) return;
    const diagnostics = await this.diagnosticsOf(uriToPath(uri));
    if (!diagnostics) this.tracked.delete(uri); // deleted, or no longer ThemisDB's
    this.host.publish(uri, diagnostics ?? []);
  }

  /** Undefined when the file is gone or is not a ThemisDB file. */
  private async diagnosticsOf(filePath: string, ws = this.host.workspace()): Promise<Diagnostic[] | undefined> {
    await new Promise((resolve) => setImmediate(resolve)); // other requests are answered between files
    const file = ws.file(filePath);
    if (!file) return undefined;
    const s = await this.host.settingsOf(filePath);
    if (s.excluded) return undefined;
    const root = rootOf(ws, filePath);
    const analysis = analyze(file, ws, {
      ...s.analysis,
      root,
      onRuleError: (id, e) => this.host.logError(`Rule ${id} failed on ${filePath}: ${e instanceof Error ? e.stack : String(e)}`),
    });
    if (!analysis.kind) return undefined;
    return this.host.baseline
      .kept(file, analysis.findings, s.baselinePath)
      .map((i) => toDiagnostic(file.lines, analysis.findings[i], i, 0));
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
