// The code-action menu and source.fixAll.themisdb through the real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeWorkspace } from '../helpers/engine.mjs';
import { applyLspEdits, LspClient, VSCODE_INIT_OPTIONS } from '../helpers/lspClient.mjs';

const CONFIG = [
  '# keep this comment',
  'network:',
  '  tls:',
  '    enabled: true',
  "    min_version: '1.1'  # old",
  'server:',
  '  enable_tls: true',
  '  tls_min_version: "TLSv1.2"',
  '',
].join('\n');

const editsFor = (action, uri) =>
  action.edit.changes?.[uri] ?? action.edit.documentChanges.find((c) => c.textDocument?.uri === uri).edits;

describe('LSP: code actions', () => {
  let client;
  let dir;
  let uri;
  let diagnostics;
  before(async () => {
    dir = writeWorkspace({ 'config.yaml': CONFIG, '.env': 'THEMIS_PRODUCTION_MODE=1\n' });
    client = new LspClient({ rootDir: dir, initializationOptions: VSCODE_INIT_OPTIONS });
    await client.initialize();
    uri = client.open(path.join(dir, 'config.yaml'), CONFIG);
    ({ diagnostics } = await client.waitForDiagnostics(
      uri,
      (p) => p.diagnostics.filter((d) => d.code === 'TLS002').length === 2,
    ));
  });
  after(() => client.shutdown());

  const actionsFor = (d, only = ['quickfix']) =>
    client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only } });

  it('offers fix, disable line/file, docs and fix-all of the rule', async () => {
    const d = diagnostics.find((x) => x.code === 'TLS002' && x.range.start.line === 4);
    const titles = (await actionsFor(d)).map((a) => a.title);
    assert.deepEqual(titles, [
      'Set min_version to "1.3"',
      'Fix all TLS002 problems in this file',
      'Disable TLS002 for this line',
      'Disable TLS002 for this file',
      'Show documentation for TLS002',
    ]);
  });

  it('disables a line with a reason placeholder that the client selects', async () => {
    const d = diagnostics.find((x) => x.range.start.line === 4);
    const action = (await actionsFor(d)).find((a) => a.title === 'Disable TLS002 for this line');
    const text = applyLspEdits(CONFIG, editsFor(action, uri));
    assert.equal(text.split('\n')[4], '    # themisdb-disable-next-line TLS002 -- <reason>');
    assert.deepEqual(action.command.arguments, [uri, 4]);
    client.change(uri, text);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 2);
    assert.deepEqual(
      p.diagnostics.filter((x) => x.code === 'TLS002').map((x) => x.range.start.line),
      [8],
    );
    client.change(uri, CONFIG);
    ({ diagnostics } = await client.waitForDiagnostics(uri, (x) => x.version === 3));
  });

  it('fix-all applies safe fixes, keeps comments, and is idempotent', async () => {
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.themisdb'] },
    });
    assert.equal(actions.length, 1);
    const fixed = applyLspEdits(CONFIG, editsFor(actions[0], uri));
    // every line of the original survives, except the two TLS002 values (other rules' safe fixes may add lines)
    const expectedLines = CONFIG.replace("'1.1'", "'1.3'").replace('"TLSv1.2"', '"TLSv1.3"').split('\n').filter(Boolean);
    const fixedLines = fixed.split('\n');
    for (const line of expectedLines) assert.ok(fixedLines.includes(line), `keeps ${JSON.stringify(line)} in:\n${fixed}`);
    assert.ok(!/'1\.1'|TLSv1\.2/.test(fixed));
    client.change(uri, fixed);
    await client.waitForDiagnostics(uri, (x) => x.version === 4);
    const again = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.themisdb'] },
    });
    const edits = again.flatMap((a) =>
      (a.edit.changes?.[uri] ?? []).concat(a.edit.documentChanges?.flatMap((c) => c.edits ?? []) ?? []),
    );
    assert.deepEqual(edits, [], 'second fix-all changes nothing');
  });
});
