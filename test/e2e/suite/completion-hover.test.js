// Completion and hover from the schemas and the env catalog, through the real
// VS Code API on the fixture workspace (config.yaml and .env are not modified).
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('./helpers');

const labelOf = (item) => (typeof item.label === 'string' ? item.label : item.label.label);
const docOf = (item) =>
  !item.documentation ? '' : typeof item.documentation === 'string' ? item.documentation : item.documentation.value;
const hoverText = (hovers) =>
  (hovers || [])
    .flatMap((hv) => hv.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');

async function completionAt(uri, pos, wanted) {
  return h.waitFor(
    async () => {
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, pos);
      return list && list.items.some((i) => labelOf(i) === wanted) ? list.items : undefined;
    },
    { describe: () => `a completion item ${wanted} at ${pos.line}:${pos.character}` },
  );
}

describe('completion and hover in config.yaml and .env', () => {
  before(async () => {
    await h.activateExtension();
  });

  it('completes network.tls.min_version values with "1.3" recommended', async () => {
    const { doc } = await h.openInEditor('config.yaml');
    const value = h.rangeOf(doc, '"1.2"', 'min_version:');
    const items = await completionAt(doc.uri, value.start.translate(0, 3), '"1.3"'); // after `"1.`
    const ours = items.filter((i) => ['"1.0"', '"1.1"', '"1.2"', '"1.3"'].includes(labelOf(i)));
    assert.strictEqual(ours.length, 4, `labels: ${items.map(labelOf).join(', ')}`);
    const rec = ours.find((i) => /recommended/.test(i.detail || ''));
    assert.ok(rec, 'one value is marked recommended');
    assert.strictEqual(labelOf(rec), '"1.3"');
    assert.strictEqual(rec.preselect, true);
    console.log(`min_version completion: ${ours.map((i) => `${labelOf(i)}${i.detail ? ` (${i.detail})` : ''}`).join(', ')}`);
  });

  it('completes THEMIS_* names in .env with their catalog documentation', async () => {
    const { doc } = await h.openInEditor('.env');
    const last = doc.lineAt(doc.lineCount - 1);
    assert.strictEqual(last.text, '', 'the fixture .env ends with a newline');
    const items = await completionAt(doc.uri, last.range.start, 'THEMIS_HSM_PIN');
    const labels = items.map(labelOf);
    assert.ok(!labels.includes('THEMIS_PRODUCTION_MODE'), 'variables already set are not offered');
    assert.match(docOf(items.find((i) => labelOf(i) === 'THEMIS_HSM_PIN')), /PKCS#11 user PIN/);
  });

  it('hovers the value of network.tls.min_version: the TLS002 finding, enum text, what works instead (screenshot)', async () => {
    const { doc, editor, uri } = await h.openInEditor('config.yaml');
    await h.waitForDiagnostic(uri, 'TLS002'); // the hover leads with the finding once the analysis is there
    const value = h.rangeOf(doc, '"1.2"', 'min_version:');
    const pos = value.start.translate(0, 2);
    const text = await h.waitFor(
      async () => {
        const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos));
        return /network\.tls\.min_version/.test(t) && /TLS002/.test(t) ? t : undefined;
      },
      { describe: () => 'a hover on "1.2" with the schema docs and TLS002' },
    );
    assert.match(text, /`"1\.2"`: TLS 1\.2/);
    assert.match(text, /The server does not read this key/, 'network.tls is not read: the hover says what works instead');
    assert.match(text, /Lowest TLS version the listener accepts/);
    assert.doesNotMatch(text, /Accepted values/, 'one short block: the full key documentation is on the key');
    console.log(`hover: ${text.slice(0, 300).replace(/\n+/g, ' | ')}`);

    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(value, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.showHover');
    await h.screenshot('hover-value-docs', { settleMs: 1500 });
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => {});
  });

  it('shows the value suggestions in the editor (screenshot)', async () => {
    const { doc, editor } = await h.openInEditor('config.yaml');
    const value = h.rangeOf(doc, '"1.2"', 'min_version:');
    const pos = value.start.translate(0, 3);
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await h.screenshot('completion-min-version', { settleMs: 1500 });
    await vscode.commands.executeCommand('hideSuggestWidget');
    assert.strictEqual(doc.isDirty, false, 'nothing was inserted');
  });

  it('accepting a section snippet inserts the whole section, correctly indented (screenshot)', async () => {
    // its own file, so the fixture config.yaml stays as it is for the other tests
    const uri = h.workspaceUri('completion/config.yaml');
    fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
    fs.writeFileSync(uri.fsPath, 'storage:\n  rocksdb_path: /var/lib/themisdb\n  encryp\nserver:\n  port: 8765\n');
    const { doc, editor } = await h.openInEditor('completion/config.yaml');
    const pos = new vscode.Position(2, 8);
    const items = await completionAt(uri, pos, 'encryption');
    assert.ok(
      items.some((i) => /^storage\.encryption \(/.test(labelOf(i))),
      `a section snippet is offered: ${items.map(labelOf).join(', ')}`,
    );
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await h.sleep(1200);
    await vscode.commands.executeCommand('selectNextSuggestion'); // the plain key comes first, its section snippet next
    await h.screenshot('completion-section-snippet', { settleMs: 800 });
    await vscode.commands.executeCommand('acceptSelectedSuggestion');
    await h.waitFor(() => doc.getText().includes('kdf_params:'), {
      timeoutMs: 5000,
      describe: () => `the section in: ${doc.getText()}`,
    });
    const text = doc.getText();
    assert.ok(
      text.startsWith(
        'storage:\n  rocksdb_path: /var/lib/themisdb\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\n',
      ),
      text,
    );
    assert.match(text, /^ {4}kdf_params:\n {6}memory_cost: 65536$/m);
    assert.ok(text.endsWith('    encrypt_logs: true\nserver:\n  port: 8765\n'), text);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(path.dirname(uri.fsPath), { recursive: true, force: true }); // leave the workspace as the other tests expect it
  });
});
