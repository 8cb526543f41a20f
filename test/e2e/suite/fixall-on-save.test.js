// Lightbulb menu and `source.fixAll.themisdb` in editor.codeActionsOnSave.
'use strict';

const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const h = require('./helpers');

// SCH004 values the server reads have safe fixes; TLS002 sits on a key it does not read, so
// its fix is a suggestion that fix-all on save must leave alone (issue 11: no false assurance).
const TEXT = [
  '# fix-all on save fixture: comments must survive',
  'network:',
  '  tls:',
  '    enabled: true',
  "    min_version: '1.1'   # legacy",
  'vector_index:',
  '  metric: COSIN   # typo',
  'storage:',
  '  compression:',
  "    default: 'lz5'",
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
    // Writing the workspace setting opens .vscode/settings.json as JSONC, which activates VS Code's
    // JSON extension; if that activation lands during the save, VS Code drops the code actions it
    // was getting for the save (seen in CI: the save went through unfixed). So turn fix-all on
    // save on here, before the first test, and wait for that activation to finish.
    await vscode.workspace
      .getConfiguration('editor')
      .update('codeActionsOnSave', { 'source.fixAll.themisdb': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    await vscode.extensions.getExtension('vscode.json-language-features')?.activate();
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('editor')
      .update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('offers the rule fix first, then disable, docs and fix-all entries', async () => {
    const { editor } = await h.openInEditor('fixall/config.yaml');
    await h.waitForDiagnostic(uri, 'SCH004', { where: (d) => d.range.start.line === 6 });
    const d = h.diagnosticsWithCode(uri, 'SCH004').find((x) => x.range.start.line === 6);
    const actions = await h.quickFixes(uri, d.range);
    const titles = actions.map((a) => a.title);
    for (const t of [
      'Change to "COSINE"',
      'Disable SCH004 for this line',
      'Disable SCH004 for this file',
      'Show documentation for SCH004',
      'Fix all SCH004 problems in this file',
    ]) {
      assert.ok(titles.includes(t), `missing "${t}" in ${JSON.stringify(titles)}`);
    }
    assert.ok(actions.find((a) => a.title === 'Change to "COSINE"').isPreferred, 'the rule fix is the preferred action');
    // the fix of a key the server does not read is offered, but says it changes nothing there
    await h.waitForDiagnostic(uri, 'TLS002', { where: (x) => x.range.start.line === 4 });
    const tls = h.diagnosticsWithCode(uri, 'TLS002').find((x) => x.range.start.line === 4);
    const tlsFix = (await h.quickFixes(uri, tls.range)).find((a) => /^Set min_version to "1\.3"/.test(a.title));
    assert.ok(tlsFix && /no effect on the server/.test(tlsFix.title) && !tlsFix.isPreferred, JSON.stringify(tlsFix));
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await h.screenshot('quickfix-menu', { settleMs: 1500 });
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });

  it('applies the safe fixes on save and keeps comments', async () => {
    const { doc, editor } = await h.openInEditor('fixall/config.yaml');
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), '# edited\n'));
    await doc.save();
    await h.waitFor(() => doc.getText().includes("'lz4'") && !doc.isDirty, { describe: () => `saved text: ${doc.getText()}` });
    const text = doc.getText();
    assert.match(text, /^ {2}metric: COSINE {3}# typo$/m, 'SCH004 fixed, comment kept');
    assert.match(text, /^ {4}default: 'lz4'$/m, 'SCH004 fixed, quotes kept');
    assert.match(text, /^ {4}min_version: '1\.1' {3}# legacy$/m, 'a suggestion (no effect on the server) is not applied on save');
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
    await h.waitForNoDiagnostic(uri, 'SCH004');
    await h.screenshot('fixall-on-save');
  });
});
