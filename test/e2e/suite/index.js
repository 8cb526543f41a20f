// Entry point loaded by VS Code's extension host (extensionTestsPath).
// Standard VS Code test-index pattern: build a mocha instance, add every
// *.test.js file of this folder (one file per feature), run, and return a
// Promise that rejects when a test fails or when no test ran at all.
'use strict';

const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

function run() {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60000,
    color: false,
    reporter: 'spec',
    grep: process.env.THEMIS_E2E_GREP ? new RegExp(process.env.THEMIS_E2E_GREP) : undefined,
  });

  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  // Start from a clean editor area (the web workbench opens a walkthrough on
  // first start), so screenshots show only what the tests opened.
  mocha.rootHooks({
    beforeAll: async function () {
      const vscode = require('vscode');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    },
  });

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats || {};
        if (failures > 0) {
          reject(new Error(`${failures} e2e test(s) failed.`));
        } else if (!stats.passes) {
          reject(new Error('No e2e test ran (0 passing): check the test files and THEMIS_E2E_GREP.'));
        } else {
          resolve();
        }
      });
    } catch (err) {
      console.error(err);
      reject(err);
    }
  });
}

module.exports = { run };
