// Shared helpers for the e2e suite (not a test file: it does not end in .test.js).
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXTENSION_ID = process.env.THEMIS_E2E_EXTENSION_ID || 'themisdb-config.themisdb-config';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns a truthy value; throw `describe()` after `timeoutMs`. */
async function waitFor(fn, { timeoutMs = 20000, intervalMs = 100, describe = () => 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`);
    }
    await sleep(intervalMs);
  }
}

/** The extension under test, activated. */
async function activateExtension() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in the extension host`);
  if (!ext.isActive) await ext.activate();
  return ext;
}

/** URI of a file of the (temporary copy of the) fixture workspace. */
function workspaceUri(relPath) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relPath.split('/'));
}

/** Open a workspace file in an editor and return { doc, editor, uri }. */
async function openInEditor(relPath) {
  const uri = workspaceUri(relPath);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor, uri };
}

/** diagnostic.code may be a string, a number, or { value, target }. */
function codeOf(diagnostic) {
  const c = diagnostic.code;
  if (c === undefined || c === null) return undefined;
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

function diagnosticsWithCode(uri, code) {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === code);
}

function fmtRange(r) {
  return r ? `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` : String(r);
}

function fmtDiagnostics(uri) {
  const all = vscode.languages.getDiagnostics(uri);
  if (!all.length) return '(none)';
  return all.map((d) => `${codeOf(d)}@${fmtRange(d.range)} ${JSON.stringify(d.message)}`).join('; ');
}

/** Wait until at least one diagnostic with `code` is published for `uri`. */
async function waitForDiagnostic(uri, code, { timeoutMs = 20000, where = () => true } = {}) {
  return waitFor(() => diagnosticsWithCode(uri, code).find(where), {
    timeoutMs,
    describe: () => `a ${code} diagnostic on ${path.basename(uri.fsPath)}; diagnostics now: ${fmtDiagnostics(uri)}`,
  });
}

/** Wait until no diagnostic with `code` (matching `where`) is left for `uri`. */
async function waitForNoDiagnostic(uri, code, { timeoutMs = 20000, where = () => true } = {}) {
  return waitFor(() => !diagnosticsWithCode(uri, code).some(where), {
    timeoutMs,
    describe: () => `${code} to disappear from ${path.basename(uri.fsPath)}; diagnostics now: ${fmtDiagnostics(uri)}`,
  });
}

/** Range of the first occurrence of `needle` in the document (optionally after `afterText`). */
function rangeOf(doc, needle, afterText) {
  const text = doc.getText();
  const from = afterText ? text.indexOf(afterText) : 0;
  assert.ok(from >= 0, `"${afterText}" not found in ${doc.uri.fsPath}`);
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `"${needle}" not found in ${doc.uri.fsPath}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

/** Quick fixes (resolved) offered for `range`. */
async function quickFixes(uri, range) {
  const actions = await vscode.commands.executeCommand(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
    50, // resolve edits of up to 50 actions (codeAction/resolve)
  );
  return actions || [];
}

/** Apply a CodeAction (its edit, then its command) the way the lightbulb would. */
async function applyCodeAction(action) {
  if (action.edit) {
    const ok = await vscode.workspace.applyEdit(action.edit);
    assert.ok(ok, `workspace.applyEdit refused the edit of "${action.title}"`);
  }
  const cmd = action.command && typeof action.command === 'object' ? action.command : undefined;
  if (cmd && cmd.command) await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments || []));
  if (!action.edit && !cmd && typeof action.command === 'string') {
    await vscode.commands.executeCommand(action.command, ...(action.arguments || []));
  }
}

/**
 * Ask the runner for a screenshot of the whole workbench.
 * Channel: this line reaches the runner through codeAutomationLog; the runner
 * writes <outputDir>/<name>.png atomically and we wait for that file, so the
 * next UI step cannot race the picture. In modes without a browser (desktop
 * VS Code through @vscode/test-electron) this is a no-op.
 */
async function screenshot(name, { settleMs = 800, timeoutMs = 15000 } = {}) {
  const dir = process.env.THEMIS_E2E_OUTPUT_DIR;
  if (!process.env.THEMIS_E2E_SCREENSHOTS || !dir) return undefined;
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '-');
  const file = path.join(dir, `${safe}.png`);
  try {
    fs.rmSync(file, { force: true });
  } catch {
    /* ignore */
  }
  await sleep(settleMs); // let the UI render what the previous command asked for
  console.log(`E2E_SCREENSHOT ${safe}`);
  await waitFor(() => fs.existsSync(file), { timeoutMs, describe: () => `screenshot ${file}` });
  return file;
}

module.exports = {
  EXTENSION_ID,
  sleep,
  waitFor,
  activateExtension,
  workspaceUri,
  openInEditor,
  codeOf,
  diagnosticsWithCode,
  fmtRange,
  fmtDiagnostics,
  waitForDiagnostic,
  waitForNoDiagnostic,
  rangeOf,
  quickFixes,
  applyCodeAction,
  screenshot,
};
