// A compose deployment in VS Code: the example of examples/compose opened as VS Code
// opens it (language `dockercompose`), the posture document of "ThemisDB: Show
// Deployment Posture", and, when the build has the deployment rules, an ENV finding
// on the compose line and DEP001's "move the secret" into the service's env_file.
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('./helpers');

const POSTURE_URI = 'themisdb-posture:/Deployment%20Posture.md';
const TOKEN_LINE = 'THEMIS_TOKEN_ADMIN=';

/** The rule catalog of the build under test (server/out/engine.js), to tell whether the DEP rules are in it. */
function hasRule(ext, id) {
  const engine = require(path.join(ext.extensionPath, 'server', 'out', 'engine.js'));
  return engine.CATALOG.has(id);
}

function describeActive() {
  const e = vscode.window.activeTextEditor;
  return e ? `${e.document.uri.toString()} line ${e.selection.active.line + 1}` : 'none';
}

function postureDoc() {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === POSTURE_URI);
}

describe('Compose deployment (examples/compose)', () => {
  let ext;
  let composePath;
  let envFilePath;

  before(async () => {
    ext = await h.activateExtension();
    const dir = h.workspaceUri('deploy').fsPath;
    fs.cpSync(path.join(ext.extensionPath, 'examples', 'compose'), dir, { recursive: true });
    composePath = path.join(dir, 'docker-compose.yml');
    envFilePath = path.join(dir, 'themisdb.env');
  });

  // leave the workspace as the other suites expect it: no deployment, nothing open
  after(async () => {
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(h.workspaceUri('deploy').fsPath, { recursive: true, force: true });
    await h.sleep(1000); // the server drops the deleted files before the next suite opens its own
  });

  it('opens docker-compose.yml as a compose file the server is attached to', async () => {
    const { doc } = await h.openInEditor('deploy/docker-compose.yml');
    assert.strictEqual(doc.languageId, 'dockercompose', 'VS Code gives docker-compose.yml the built-in id dockercompose');
  });

  it('shows the deployment posture with masked values and links to the source lines (screenshot)', async () => {
    await vscode.commands.executeCommand('themisdb.showDeploymentPosture');
    const doc = await h.waitFor(() => postureDoc(), { describe: () => 'the posture document to open' });
    const text = await h.waitFor(() => doc.getText().includes('## compose themisdb') && doc.getText(), {
      describe: () => `the posture of the compose service; document now: ${JSON.stringify(doc.getText().slice(0, 400))}`,
    });
    assert.strictEqual(doc.languageId, 'markdown');
    assert.match(text, /\| production mode +\| `THEMIS_PRODUCTION_MODE=0` +\| deploy\/docker-compose\.yml:11 +\| \*\*risk\*\*/);
    assert.ok(!text.includes('Xq7vLp2mZr9sKd4tWn8yBc3fHj6gAe5uTq1oPi0lMk2N'), 'the admin token is masked');
    const links = await vscode.commands.executeCommand('vscode.executeLinkProvider', doc.uri);
    const toLine11 = links.find((l) => l.target && l.target.fsPath === composePath && l.target.fragment === 'L11');
    assert.ok(toLine11, `a link to docker-compose.yml#L11; links: ${links.map((l) => String(l.target)).join(', ')}`);
    await h.screenshot('deployment-posture');

    // a click on a document link goes through the opener, as vscode.open without options does
    await vscode.commands.executeCommand('vscode.open', toLine11.target);
    const landed = await h.waitFor(
      () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.fsPath === composePath && e.selection.active.line === 10 && e;
      },
      { describe: () => `the link to open docker-compose.yml at line 11; active: ${describeActive()}` },
    );
    assert.ok(
      landed.visibleRanges.some((r) => r.contains(new vscode.Position(10, 0))),
      'line 11 is on screen',
    );
    await vscode.commands.executeCommand('themisdb.showDeploymentPosture');
  });

  it('follows the files: an edit of the compose file changes the posture', async () => {
    // beside the posture, which only re-renders while it is on screen
    const doc = await vscode.workspace.openTextDocument(h.workspaceUri('deploy/docker-compose.yml'));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    const range = h.rangeOf(doc, 'THEMIS_PRODUCTION_MODE=0');
    await editor.edit((b) => b.replace(range, 'THEMIS_PRODUCTION_MODE=1'));
    await h.waitFor(() => /`THEMIS_PRODUCTION_MODE=1` .*\| ok /.test(postureDoc().getText()), {
      describe: () =>
        `the posture to show production mode on; now: ${postureDoc()
          .getText()
          .split('\n')
          .find((l) => l.includes('production mode'))}`,
    });
    await vscode.commands.executeCommand('undo');
    await h.waitFor(() => /`THEMIS_PRODUCTION_MODE=0`/.test(postureDoc().getText()), {
      describe: () => 'the posture to follow the undo',
    });
  });

  it('reports an ENV finding on the compose line and moves the inline token with DEP001', async function () {
    if (!hasRule(ext, 'DEP001')) this.skip(); // the deployment rules are not in this build
    const { doc, uri } = await h.openInEditor('deploy/docker-compose.yml');
    const value = h.rangeOf(doc, '0', 'THEMIS_PRODUCTION_MODE=');
    const env = await h.waitFor(
      () =>
        vscode.languages
          .getDiagnostics(uri)
          .find((d) => /^ENV/.test(h.codeOf(d)) && d.range.start.line === value.start.line && d.range.contains(value)),
      { describe: () => `an ENV finding on ${h.fmtRange(value)}; diagnostics now: ${h.fmtDiagnostics(uri)}` },
    );
    assert.strictEqual(h.codeOf(env), 'ENV001', `production mode off is ENV001; got ${h.codeOf(env)}`);

    const token = h.rangeOf(doc, TOKEN_LINE);
    const dep = await h.waitForDiagnostic(uri, 'DEP001', { where: (d) => d.range.start.line === token.start.line });
    const fixes = await h.quickFixes(uri, dep.range);
    const move = fixes.find((a) => /^Move THEMIS_TOKEN_ADMIN to deploy\/themisdb\.env/.test(a.title));
    assert.ok(
      move && move.edit,
      `DEP001's move into the env_file, with its edit; offered: ${fixes.map((a) => a.title).join(' | ')}`,
    );
    await h.applyCodeAction(move);
    await h.waitFor(() => !doc.getText().includes(TOKEN_LINE), { describe: () => 'the token line to leave the compose file' });
    const envDoc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === envFilePath);
    const envText = envDoc ? envDoc.getText() : fs.readFileSync(envFilePath, 'utf8');
    assert.match(envText, /^THEMIS_TOKEN_ADMIN=/m, 'the token is in the env_file the service loads');
    await h.waitForNoDiagnostic(uri, 'DEP001');
    await h.screenshot('deployment-dep001-moved');
  });
});
