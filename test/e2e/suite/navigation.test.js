// Go to definition from ${VAR} in config.yaml to its line in .env.
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('./helpers');

describe('Go to definition of ${VAR}', () => {
  before(async () => {
    await h.activateExtension();
    const dir = h.workspaceUri('nav').fsPath;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'config.yaml'),
      'storage:\n  rocksdb_path: /var/lib/themisdb\nhsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/softhsm/libsofthsm2.so\n    pin: "${THEMIS_HSM_PIN}"\n',
    );
    fs.writeFileSync(
      path.join(dir, '.env'),
      '# nav fixture\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_ENABLED=1\nTHEMIS_HSM_PIN=4096\n',
    );
  });

  it('lands on the variable line of the sibling .env', async () => {
    const { doc, editor } = await h.openInEditor('nav/config.yaml');
    const pos = doc.positionAt(doc.getText().indexOf('THEMIS_HSM_PIN') + 3);
    const locations = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, pos);
    assert.ok(locations && locations.length === 1, `one definition, got ${JSON.stringify(locations)}`);
    const loc = locations[0];
    const target = loc.targetUri || loc.uri;
    const range = loc.targetRange || loc.range;
    assert.strictEqual(target.fsPath, h.workspaceUri('nav/.env').fsPath);
    assert.strictEqual(range.start.line, 3);
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    await h.waitFor(
      () =>
        vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.fsPath.endsWith(path.join('nav', '.env')),
    );
    assert.strictEqual(vscode.window.activeTextEditor.selection.active.line, 3);
    await h.screenshot('go-to-definition');
  });
});
