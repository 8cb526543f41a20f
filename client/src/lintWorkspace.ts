// "ThemisDB: Lint Workspace": the server analyzes every ThemisDB file of the workspace
// folders, unopened ones too, and publishes their diagnostics; the Problems panel shows them.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { LINT_WORKSPACE_REQUEST, LintWorkspaceResult } from '../../server/src/protocol';

export async function lintWorkspace(client: LanguageClient | undefined): Promise<LintWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(
      'ThemisDB: open a folder first; Lint Workspace checks the files of the workspace folders.',
    );
    return undefined;
  }
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('ThemisDB: the language server is not running; restart it and try again.');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'ThemisDB: linting the workspace' },
    () => client.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST),
  );
  const problems = `${result.problems} ${result.problems === 1 ? 'problem' : 'problems'}`;
  const files = `${result.files} ThemisDB ${result.files === 1 ? 'file' : 'files'}`;
  void vscode.window.showInformationMessage(`ThemisDB: ${problems} in ${files}.`);
  if (result.problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  return result;
}
