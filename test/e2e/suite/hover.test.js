// Hover on a key of config.yaml. For now this only shows the hover and takes a
// screenshot; content assertions come with the hover feature.
'use strict';

const vscode = require('vscode');
const h = require('./helpers');

describe('hover in config.yaml', () => {
  it('shows a hover on network.tls.min_version (screenshot)', async () => {
    await h.activateExtension();
    const { doc, editor } = await h.openInEditor('config.yaml');
    const key = h.rangeOf(doc, 'min_version', 'tls:');
    const pos = key.start.translate(0, 2);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(key, vscode.TextEditorRevealType.InCenter);

    // what the hover providers return (logged for now, asserted later)
    const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos)) || [];
    const text = hovers
      .flatMap((hv) => hv.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join(' | ');
    console.log(`hover providers returned ${hovers.length} hover(s)${text ? `: ${text.slice(0, 200)}` : ''}`);

    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.showHover');
    await h.screenshot('hover-min-version', { settleMs: 1500 });
  });
});
