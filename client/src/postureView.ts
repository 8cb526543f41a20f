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

// `[text][3]` in the text, `[3]: file:///…#L12` at the end (see server/src/lsp/posture.ts)
const REFERENCE = /\[([^\]\n]+)\]\[(\d+)\]/g;
const DEFINITION = /^\[(\d+)\]: (\S+)$/gm;

export class PostureView implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

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
    );
  }

  /** Opens (or brings forward) the posture document, rendered by the Markdown preview beside the editor. */
  async show(): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(POSTURE_URI);
    if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.commands.executeCommand('markdown.showPreviewToSide', POSTURE_URI);
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

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const text = doc.getText();
    const targets = new Map<string, vscode.Uri>();
    for (const m of text.matchAll(DEFINITION)) targets.set(m[1], vscode.Uri.parse(m[2]));
    const links: vscode.DocumentLink[] = [];
    for (const m of text.matchAll(REFERENCE)) {
      const target = targets.get(m[2]);
      if (!target) continue;
      const start = doc.positionAt(m.index + 1);
      const link = new vscode.DocumentLink(new vscode.Range(start, start.translate(0, m[1].length)), target);
      link.tooltip = `Open ${m[1]}`;
      links.push(link);
    }
    return links;
  }

  /** A workspace file changed: re-render the posture once the edits settle (VS Code ignores it when the document is closed). */
  private fileChanged(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(POSTURE_URI), REFRESH_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
