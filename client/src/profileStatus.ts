// Status bar item with the profile that applies to the active ThemisDB file;
// clicking it switches `themisdb.profile`.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, PROFILE_REQUEST, ProfileInfo, ProfileParams, SECTION } from '../../server/src/protocol';

export class ProfileStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('themisdb.profile', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.item.name = 'ThemisDB Profile';
    this.item.command = COMMANDS.selectProfile;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.languages.onDidChangeDiagnostics(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SECTION}.profile`) && void this.update()),
    );
  }

  async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const c = this.client();
    if (!editor || !c || !c.isRunning()) return this.item.hide();
    let info: ProfileInfo;
    try {
      const params: ProfileParams = { uri: editor.document.uri.toString() };
      info = await c.sendRequest<ProfileInfo>(PROFILE_REQUEST, params);
    } catch {
      return this.item.hide();
    }
    if (!info.themis) return this.item.hide();
    const auto = info.setting === 'auto' ? ' (auto)' : '';
    this.item.text = `$(shield) ThemisDB: ${info.profile}${auto}`;
    this.item.tooltip = new vscode.MarkdownString(
      `Profile **${info.profile}**${auto}: ${info.profile === 'production' ? 'every security rule reports at full severity.' : 'production-only findings are shown as hints.'}\n\nClick to change \`themisdb.profile\`.`,
    );
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}

export async function selectProfile(): Promise<void> {
  const current = vscode.workspace.getConfiguration(SECTION).get<string>('profile', 'auto');
  const items: (vscode.QuickPickItem & { value: string })[] = [
    { value: 'auto', label: 'auto', description: 'production unless the workspace says development' },
    { value: 'production', label: 'production', description: 'every security rule at full severity' },
    { value: 'development', label: 'development', description: 'production-only findings as hints' },
  ].map((i) => ({ ...i, picked: i.value === current, label: i.value === current ? `$(check) ${i.label}` : i.label }));
  const pick = await vscode.window.showQuickPick(items, { title: 'ThemisDB profile', placeHolder: `Current: ${current}` });
  if (!pick) return;
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update('profile', pick.value, target);
}
