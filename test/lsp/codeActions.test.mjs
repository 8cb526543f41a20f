// The code-action menu and source.fixAll.themisdb through the real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeWorkspace } from '../helpers/engine.mjs';
import { applyLspEdits, LspClient } from '../helpers/lspClient.mjs';

const CONFIG = [
  '# keep this comment',
  'network:',
  '  tls:',
  '    enabled: true',
  "    min_version: '1.1'  # old",
  'server:',
  '  enable_tls: true',
  '  tls_min_version: "TLSv1.2"',
  'vector_index:',
  '  metric: COSIN  # typo',
  '  hnsw_m: 16',
  'storage:',
  '  compression:',
  '    default: lz44',
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
    client = new LspClient({ rootDir: dir });
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

  it('offers a fix on a key the server does not read only as a suggestion that says so', async () => {
    const d = diagnostics.find((x) => x.code === 'TLS002' && x.range.start.line === 4);
    const actions = await actionsFor(d);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Set min_version to "1.3" (no effect on the server: it does not read this key)',
        'Disable TLS002 for this line',
        'Disable TLS002 for this file',
        'Show documentation for TLS002',
      ],
    );
    assert.equal(actions[0].isPreferred, false);
    assert.match(d.message, /the server does not read `network\.tls\.min_version`/);
  });

  it('offers fix, disable line/file, docs and fix-all of the rule', async () => {
    const d = diagnostics.find((x) => x.code === 'SCH004' && x.range.start.line === 9);
    assert.ok(d, JSON.stringify(diagnostics.map((x) => [x.code, x.range.start.line])));
    const titles = (await actionsFor(d)).map((a) => a.title);
    assert.deepEqual(titles, [
      'Change to "COSINE"',
      'Fix all SCH004 problems in this file',
      'Disable SCH004 for this line',
      'Disable SCH004 for this file',
      'Show documentation for SCH004',
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
    // every line of the original survives, except the enum typo (the TLS keys are unread: suggestions only, left alone)
    const expectedLines = CONFIG.replace('COSIN ', 'COSINE ').replace('lz44', 'lz4').split('\n').filter(Boolean);
    const fixedLines = fixed.split('\n');
    for (const line of expectedLines) assert.ok(fixedLines.includes(line), `keeps ${JSON.stringify(line)} in:\n${fixed}`);
    assert.ok(/'1\.1'/.test(fixed) && /TLSv1\.2/.test(fixed), 'no edit of a key the server does not read');
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

  it('fix-all on a file that does not parse changes nothing and says why in the output channel', async () => {
    const broken = CONFIG.replace('server:\n', 'serv\nserver:\n');
    const brokenUri = client.open(path.join(dir, 'broken', 'config.yaml'), broken);
    await client.waitForDiagnostics(brokenUri, (p) => p.diagnostics.some((d) => d.code === 'SCH001'));
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri: brokenUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.themisdb'] },
    });
    const edits = actions.flatMap((a) =>
      Object.values(a.edit?.changes ?? {})
        .flat()
        .concat(a.edit?.documentChanges?.flatMap((c) => c.edits ?? []) ?? []),
    );
    assert.deepEqual(edits, [], 'no edit');
    assert.ok(
      client.logs.some((l) => /^Fix all: config\.yaml was left unchanged: it does not parse \(line 6: /.test(l)),
      client.logs.join('\n'),
    );
  });
});
