// The `themisdb` task type: runs the themisdb-lint CLI over a workspace folder, and the
// `$themisdb` problem matcher (package.json) turns its text report into problems. The CLI
// is not inside the extension: the task runs the project's own copy
// (node_modules/.bin/themisdb-lint) when there is one, else `themisdb-lint` from the PATH.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { PROBLEM_MATCHER, TASK_TYPE } from '../../server/src/protocol';

/** The properties of a `themisdb` task in tasks.json (package.json taskDefinitions). */
interface LintTaskDefinition extends vscode.TaskDefinition {
  /** Files and folders to lint, relative to the workspace folder (default: the whole folder). */
  paths?: string[];
  /** More themisdb-lint options, e.g. ["--profile", "production"]. */
  args?: string[];
}

export class LintTaskProvider implements vscode.TaskProvider {
  provideTasks(): vscode.Task[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => lintTask(folder, { type: TASK_TYPE }));
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const folder = task.scope;
    if (task.definition.type !== TASK_TYPE || !folder || typeof folder !== 'object') return undefined;
    return lintTask(folder, task.definition as LintTaskDefinition);
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function lintTask(folder: vscode.WorkspaceFolder, definition: LintTaskDefinition): vscode.Task {
  const paths = strings(definition.paths);
  // no colour: the problem matcher reads plain `path:line:col  severity  message  ID` lines
  const args = ['--no-color', ...strings(definition.args), ...(paths.length ? paths : ['.'])];
  const execution = new vscode.ShellExecution(lintCommand(folder), args, { cwd: folder.uri.fsPath });
  return new vscode.Task(definition, folder, 'lint', TASK_TYPE, execution, PROBLEM_MATCHER);
}

/** The project's themisdb-lint (a devDependency) before the one on the PATH. */
function lintCommand(folder: vscode.WorkspaceFolder): string {
  const bin = path.join(
    folder.uri.fsPath,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'themisdb-lint.cmd' : 'themisdb-lint',
  );
  return fs.existsSync(bin) ? bin : 'themisdb-lint';
}
