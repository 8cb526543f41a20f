// The extension loads from the repo (extensionDevelopmentPath) and activates
// in a workspace holding a ThemisDB config.yaml.
'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { EXTENSION_ID, activateExtension } = require('./helpers');

describe('activation', () => {
  it(`loads and activates ${EXTENSION_ID}`, async () => {
    const ext = await activateExtension();
    assert.strictEqual(ext.isActive, true);
    assert.strictEqual(ext.packageJSON.name, 'themisdb-config');
  });

  it('opens the fixture workspace (a temporary copy)', () => {
    const folders = vscode.workspace.workspaceFolders || [];
    assert.strictEqual(folders.length, 1, 'exactly one workspace folder');
    if (process.env.THEMIS_E2E_WORKSPACE) {
      assert.strictEqual(folders[0].uri.fsPath, process.env.THEMIS_E2E_WORKSPACE);
    }
  });
});
