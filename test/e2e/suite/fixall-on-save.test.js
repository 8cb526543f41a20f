// Lightbulb menu and `source.fixAll.themisdb` in editor.codeActionsOnSave.
'use strict';

const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const h = require('./helpers');

const TEXT = [
  '# fix-all on save fixture: comments must survive',
  'network:',
  '  tls:',
  '    enabled: true',
  "    min_version: '1.1'   # legacy",
  'server:',
  '  enable_tls: true',
  '  tls_min_version: "TLSv1.2"',
  '',
].join('\n');

describe('Quick fixes and fix-all on save', () => {
  let uri;
  before(async () => {
    await h.activateExtension();
    uri = h.workspaceUri('fixall/config.yaml');
    fs.mkdirSync(require('path').dirname(uri.fsPath), { recursive: true });
    fs.writeFileSync(uri.fsPath, TEXT);
    fs.writeFileSync(h.workspaceUri('fixall/.env').fsPath, 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\n');
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('editor')
      .update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('offers the rule fix first, then disable, docs and fix-all entries', async () => {
    const { editor } = await h.openInEditor('fixall/config.yaml');
    await h.waitForDiagnostic(uri, 'TLS002', { where: (d) => d.range.start.line === 4 });
    const d = h.diagnosticsWithCode(uri, 'TLS002').find((x) => x.range.start.line === 4);
    const titles = (await h.quickFixes(uri, d.range)).map((a) => a.title);
    for (const t of [
      'Set min_version to "1.3"',
      'Disable TLS002 for this line',
      'Disable TLS002 for this file',
      'Show documentation for TLS002',
      'Fix all TLS002 problems in this file',
    ]) {
      assert.ok(titles.includes(t), `missing "${t}" in ${JSON.stringify(titles)}`);
    }
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await h.screenshot('quickfix-menu', { settleMs: 1500 });
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });

  it('applies the safe fixes on save and keeps comments', async () => {
    await vscode.workspace
      .getConfiguration('editor')
      .update('codeActionsOnSave', { 'source.fixAll.themisdb': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    const { doc, editor } = await h.openInEditor('fixall/config.yaml');
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), '# edited\n'));
    await doc.save();
    await h.waitFor(() => doc.getText().includes("'1.3'") && !doc.isDirty, { describe: () => `saved text: ${doc.getText()}` });
    const text = doc.getText();
    assert.match(text, /^ {4}min_version: '1\.3' {3}# legacy$/m, 'TLS002 fixed in the seed dialect, quotes and comment kept');
    assert.match(text, /^ {2}tls_min_version: "TLSv1\.3"$/m, 'TLS002 fixed in the core dialect');
    for (const comment of ['# fix-all on save fixture: comments must survive', '# edited'])
      assert.ok(text.includes(comment), `keeps ${comment}`);
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), text, 'the file on disk has the fixes');
    // a second save changes nothing
    const end = doc.positionAt(text.length);
    await editor.edit((b) => b.insert(end, ' '));
    await editor.edit((b) => b.delete(new vscode.Range(end, end.translate(0, 1))));
    await doc.save();
    await h.sleep(500);
    assert.strictEqual(doc.getText(), text, 'fix-all is idempotent');
    await h.waitForNoDiagnostic(uri, 'TLS002');
    await h.screenshot('fixall-on-save');
  });
});
