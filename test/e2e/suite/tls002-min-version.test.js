// Walking skeleton: TLS002 tls-min-version on config.yaml, from diagnostic to
// quick fix, checked through the real VS Code API.
'use strict';

const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const h = require('./helpers');

const BEFORE = 'min_version: "1.2"   # comment';
const AFTER = 'min_version: "1.3"   # comment';

function firstDifference(actual, expected) {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `line ${i + 1}: expected ${JSON.stringify(e[i])}, got ${JSON.stringify(a[i])}`;
  }
  return 'texts differ in line endings only';
}

describe('TLS002 tls-min-version in config.yaml', () => {
  let doc;
  let uri;
  let original;
  let valueRange; // range of the token "1.2", quotes included
  let diagnostic;

  before(async () => {
    await h.activateExtension();
    ({ doc, uri } = await h.openInEditor('config.yaml'));
    original = doc.getText();
    assert.ok(original.includes(BEFORE), `fixture config.yaml must contain ${BEFORE}`);
    valueRange = h.rangeOf(doc, '"1.2"', 'min_version:');
  });

  it('reports TLS002 at the value "1.2" of network.tls.min_version', async () => {
    await h.waitForDiagnostic(uri, 'TLS002');
    const all = h.diagnosticsWithCode(uri, 'TLS002');
    diagnostic = all.find((d) => d.range.start.line === valueRange.start.line) || all[0];
    assert.strictEqual(
      h.fmtRange(diagnostic.range),
      h.fmtRange(valueRange),
      `TLS002 should cover the value token "1.2" (line:char, 0-based); got ${h.fmtRange(diagnostic.range)}, message ${JSON.stringify(diagnostic.message)}`,
    );
    assert.ok(diagnostic.message && diagnostic.message.length > 0, 'the diagnostic has a message');
  });

  it('is a warning for exactly 1.2 under the production profile (.env sets THEMIS_PRODUCTION_MODE=1)', () => {
    assert.ok(diagnostic, 'needs the TLS002 diagnostic of the previous test');
    assert.strictEqual(
      vscode.DiagnosticSeverity[diagnostic.severity],
      'Warning',
      'RULES.md: TLS002 is W when min_version is exactly 1.2',
    );
  });

  it('shows the finding in the Problems panel (screenshot)', async () => {
    assert.ok(diagnostic, 'needs the TLS002 diagnostic of the previous test');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    // put the cursor on the value so the editor shows the squiggle and lightbulb
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.selection = new vscode.Selection(valueRange.start, valueRange.start);
    editor.revealRange(valueRange, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await h.screenshot('tls002-problems');
  });

  it('offers a quick fix to 1.3 that changes only the value', async () => {
    assert.ok(diagnostic, 'needs the TLS002 diagnostic of the previous test');
    const actions = await h.quickFixes(uri, diagnostic.range);
    const titles = actions.map((a) => JSON.stringify(a.title)).join(', ') || '(none)';
    const fix = actions.find((a) => /1\.3/.test(a.title));
    assert.ok(fix, `no quick fix whose title mentions 1.3; offered: ${titles}`);
    console.log(`quick fixes offered: ${titles}; applying ${JSON.stringify(fix.title)}`);
    assert.ok(fix.edit || fix.command, `quick fix ${JSON.stringify(fix.title)} has neither an edit nor a command`);

    await h.applyCodeAction(fix);

    const expected = original.replace(BEFORE, AFTER);
    await h.waitFor(() => doc.getText() === expected, { timeoutMs: 5000, describe: () => 'the edit to land' }).catch(() => {});
    const actual = doc.getText();
    if (actual !== expected)
      assert.fail(`document after the fix differs from the expected text: ${firstDifference(actual, expected)}`);

    // the same bytes reach the disk
    assert.ok(await doc.save(), 'saving config.yaml failed');
    const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
    if (onDisk !== expected) assert.fail(`config.yaml on disk differs: ${firstDifference(onDisk, expected)}`);
  });

  it('clears TLS002 once the value is 1.3', async () => {
    await h.waitForNoDiagnostic(uri, 'TLS002');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await h.screenshot('tls002-fixed');
  });
});
