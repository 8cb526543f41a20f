// "ThemisDB: Lint Workspace" and the `themisdb` task in VS Code: a .env that no editor has
// open gets its problems in the Problems panel from the language server; the `themisdb` task
// runs the project's themisdb-lint with the $themisdb problem matcher. Last in the suite:
// the workspace lint keeps reporting the fixture's files from the disk afterwards.
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('./helpers');

const INSECURE_ENV = 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=changeme\n';

const isOpen = (uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

describe('Lint Workspace', () => {
  let ext;
  let envUri;

  before(async () => {
    ext = await h.activateExtension();
    const dir = h.workspaceUri('unopened').fsPath;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.env'), INSECURE_ENV);
    fs.writeFileSync(path.join(dir, '.gitignore'), '.env\n');
    envUri = h.workspaceUri('unopened/.env');
  });

  after(async () => {
    fs.rmSync(h.workspaceUri('unopened').fsPath, { recursive: true, force: true });
    fs.rmSync(h.workspaceUri('node_modules').fsPath, { recursive: true, force: true });
  });

  it('reports an insecure .env that is not open in the Problems panel', async () => {
    assert.ok(!isOpen(envUri), 'the file is not open');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(envUri), [], 'nothing is reported before the command');
    const result = await vscode.commands.executeCommand('themisdb.lintWorkspace');
    assert.ok(result && result.files >= 2, `linted ${JSON.stringify(result)}`);
    const d = await h.waitForDiagnostic(envUri, 'ENV005', { timeoutMs: 40000 });
    assert.strictEqual(d.source, 'themisdb');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(!isOpen(envUri), 'still not open: the diagnostics came from the disk');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await h.screenshot('lint-workspace-problems');
  });

  // the matcher's regexp is checked against the CLI's real report in test/cli/problemMatcher.test.mjs
  it('provides a themisdb lint task with the $themisdb matcher that runs the project themisdb-lint', async () => {
    // the task runs the project's themisdb-lint: here a node_modules/.bin script that starts the built CLI
    const bin = h.workspaceUri('node_modules/.bin/themisdb-lint').fsPath;
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    const cli = path.join(ext.extensionPath, 'server', 'out', 'cli.js');
    fs.writeFileSync(bin, `#!/bin/sh\nELECTRON_RUN_AS_NODE=1 exec '${process.execPath}' '${cli}' "$@"\n`, { mode: 0o755 });

    const tasks = await vscode.tasks.fetchTasks({ type: 'themisdb' });
    assert.strictEqual(tasks.length, 1, tasks.map((t) => t.name).join(', '));
    const task = tasks[0];
    assert.strictEqual(task.name, 'lint');
    assert.deepStrictEqual(task.problemMatchers, ['$themisdb']);
    assert.strictEqual(task.execution.command, bin);

    const ended = new Promise((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.type !== 'themisdb') return;
        sub.dispose();
        resolve(e.exitCode);
      });
    });
    await vscode.tasks.executeTask(task);
    const exitCode = await Promise.race([ended, h.sleep(45000).then(() => 'timeout')]);
    assert.strictEqual(exitCode, 1, 'themisdb-lint exits 1: errors were found');
    await h.screenshot('lint-task-run');
  });
});
