// Fixes through the real server (issue 13): fix-all sends only the changed spans, a
// quick fix that fails verification is not offered, and closing an unsaved .env puts
// the configs that read it back on the text on disk.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';
import { applyLspEdits, LspClient } from '../helpers/lspClient.mjs';

const editsFor = (action, uri) =>
  action.edit.changes?.[uri] ?? action.edit.documentChanges.find((c) => c.textDocument?.uri === uri).edits;

const SECRET = 'Zx8vQ2mL7pR4tZ8wKq9LmN3bV6cX1zA5';
const CONFIG = [
  '# production',
  'storage:',
  '  rocksdb_path: ./data',
  '  compression:',
  '    default: lz5',
  'network:',
  '  tls:',
  '    enabled: true',
  '    cert_file: /etc/themis/tls.crt',
  '    key_file: /etc/themis/tls.key',
  '    min_version: "1.1"',
  '    min_verison: "1.3"',
  `    note: "${SECRET}"`,
  'vector_index:',
  '  metric: COSIN',
  'logging:',
  '  audit:',
  '    enabled: false',
  '',
].join('\n');

const SERVER_CONFIG = 'storage:\n  rocksdb_path: ./data\nserver:\n  port: ${THEMIS_PORT}\n';

describe('LSP: fix safety', () => {
  let client;
  let dir;
  before(async () => {
    dir = writeWorkspace({
      'config.yaml': CONFIG,
      '.env': 'THEMIS_PRODUCTION_MODE=1\n',
      'server/config.yaml': SERVER_CONFIG,
      'server/.env': 'THEMIS_PORT=8080\n',
    });
    client = new LspClient({ rootDir: dir });
    await client.initialize();
  });
  after(() => client.shutdown());

  it('fix-all sends the changed spans only, and gives what the engine’s fix-all gives', async () => {
    const uri = client.open(path.join(dir, 'config.yaml'), CONFIG);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'AUD001'));
    const [action] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.themisdb'] },
    });
    const edits = editsFor(action, uri);
    assert.ok(edits.length >= 2, `several small edits: ${JSON.stringify(edits)}`);
    for (const e of edits) {
      assert.ok(!e.newText.includes(SECRET), 'no unchanged text between two changes is sent again');
      assert.ok(e.range.end.line - e.range.start.line <= 1, `a small edit: ${JSON.stringify(e)}`);
    }
    const ws = new engine.Workspace(engine.nodeHost, [dir]);
    const file = ws.file(path.join(dir, 'config.yaml'));
    const expected = engine.fixAll(file, (f) => engine.analyze(f, ws, { profile: 'auto', root: dir }).findings).text;
    assert.equal(applyLspEdits(CONFIG, edits), expected);
    client.close(uri);
  });

  it('does not offer a quick fix that would break the file (a rename onto a key that exists)', async () => {
    const uri = client.open(path.join(dir, 'config.yaml'), CONFIG);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'SCH002'));
    const d = diagnostics.find((x) => x.code === 'SCH002');
    const titles = (
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })
    ).map((a) => a.title);
    assert.ok(!titles.some((t) => /^Rename/.test(t)), titles.join('; '));
    assert.ok(titles.includes('Disable SCH002 for this line'));
    client.close(uri);
  });

  it('closing a modified .env without saving re-checks the config beside it with the text on disk', async () => {
    const config = client.open(path.join(dir, 'server', 'config.yaml'), SERVER_CONFIG);
    const env = client.open(path.join(dir, 'server', '.env'), 'THEMIS_PORT=8080\n');
    const sch003 = (p) => p.diagnostics.some((d) => d.code === 'SCH003');
    await client.waitForDiagnostics(config, (p) => !sch003(p));
    client.change(env, 'THEMIS_PORT=abc\n');
    await client.waitForDiagnostics(config, sch003);
    client.close(env);
    await client.waitForDiagnostics(config, (p) => !sch003(p));
  });
});
