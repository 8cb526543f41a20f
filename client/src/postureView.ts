// "ThemisDB: Show Deployment Posture": a read-only Markdown document that the server
// renders (themisdb/posture) and the client re-requests whenever a file changes, with
// links from each source cell to the line that sets the value.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { POSTURE_DOCUMENT_PATH, POSTURE_REQUEST, POSTURE_SCHEME, PostureResult } from '../../server/src/protocol';

const REFRESH_DELAY_MS = 400;
/** The files a posture rests on: YAML (compose, manifests, values), env files, systemd units and drop-ins. */
export const DEPLOYMENT_FILES_GLOB = '**/{*.yaml,*.yml,.env,.env.*,*.env,*.env.example,*.service,*.service.d/*.conf}';

export const POSTURE_URI = vscode.Uri.from({ scheme: POSTURE_SCHEME, path: `/${POSTURE_DOCUMENT_PATH}` });

// the server lists each `file:line` text with its target in a closing HTML comment (server/src/lsp/posture.ts)
const SOURCES_START = '<!-- sources:';

export class PostureView implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** A file changed while the document was hidden. */
  private stale = false;

  constructor(private readonly client: () => LanguageClient | undefined) {
    const watcher = vscode.workspace.createFileSystemWatcher(DEPLOYMENT_FILES_GLOB);
    this.subscriptions.push(
      this.changed,
      watcher,
      vscode.workspace.registerTextDocumentContentProvider(POSTURE_SCHEME, this),
      vscode.languages.registerDocumentLinkProvider({ scheme: POSTURE_SCHEME }, this),
      vscode.workspace.onDidChangeTextDocument((e) => this.fileChanged(e.document.uri)),
      vscode.workspace.onDidSaveTextDocument((d) => this.fileChanged(d.uri)),
      watcher.onDidChange((u) => this.fileChanged(u)),
      watcher.onDidCreate((u) => this.fileChanged(u)),
      watcher.onDidDelete((u) => this.fileChanged(u)),
      // shown again after files changed while it was hidden
      vscode.window.onDidChangeVisibleTextEditors(() => {
        if (!this.stale || !this.visible()) return;
        this.stale = false;
        this.changed.fire(POSTURE_URI);
      }),
    );
  }

  /**
   * Opens (or brings forward) the posture as a read-only Markdown document. It stays a text
   * editor because the Markdown preview does not follow `file:` links; the preview button
   * of the editor renders the tables.
   */
  async show(): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(POSTURE_URI);
    if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: false });
    this.changed.fire(POSTURE_URI); // opened before: show the files as they are now
  }

  async provideTextDocumentContent(): Promise<string> {
    const c = this.client();
    if (!c || !c.isRunning()) return '# ThemisDB deployment posture\n\nThe ThemisDB language server is not running.\n';
    try {
      const result = await c.sendRequest<PostureResult>(POSTURE_REQUEST);
      return result.markdown;
    } catch (e) {
      return `# ThemisDB deployment posture\n\nThe language server could not work out the posture: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }

  /** Every `file:line` text of the document, linked to its line. */
  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const text = doc.getText();
    const end = text.lastIndexOf(SOURCES_START);
    if (end < 0) return [];
    const links: vscode.DocumentLink[] = [];
    for (const line of text.slice(end).split('\n').slice(1)) {
      const m = /^(\S+:\d+) (\S+)$/.exec(line);
      if (!m) continue;
      const target = vscode.Uri.parse(m[2]);
      for (let at = text.indexOf(m[1]); at >= 0 && at < end; at = text.indexOf(m[1], at + 1)) {
        // `a.yml:1` is not the start of `a.yml:12`
        if (/\d/.test(text[at + m[1].length] ?? '') || /\S/.test(text[at - 1] ?? ' ')) continue;
        const link = new vscode.DocumentLink(new vscode.Range(doc.positionAt(at), doc.positionAt(at + m[1].length)), target);
        link.tooltip = `Open ${m[1]}`;
        links.push(link);
      }
    }
    return links;
  }

  /** A workspace file changed: re-render the posture once the edits settle, while it is on screen. */
  private fileChanged(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    if (!this.visible()) {
      this.stale = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(POSTURE_URI), REFRESH_DELAY_MS);
  }

  private visible(): boolean {
    return vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === POSTURE_URI.toString());
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
