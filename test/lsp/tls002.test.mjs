// Drives the built language server over stdio like an editor does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeWorkspace } from '../helpers/engine.mjs';
import { applyLspEdits, LspClient } from '../helpers/lspClient.mjs';

const CONFIG = `# Production settings\nnetwork:\n  tls:\n    enabled: true\n    min_version: '1.2'  # legacy clients\n    cert_path: /etc/themisdb/tls/server.crt\n`;

describe('LSP: TLS002 diagnostics and quick fix', () => {
  let client;
  let dir;
  before(async () => {
    dir = writeWorkspace({ 'config.yaml': CONFIG, '.env': 'THEMIS_PRODUCTION_MODE=1\n' });
    client = new LspClient({ rootDir: dir });
    const init = await client.initialize();
    assert.ok(init.capabilities.codeActionProvider);
    assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
  });
  after(() => client.shutdown());

  it('publishes TLS002 on the value and offers a fix that only touches it', async () => {
    const uri = client.open(path.join(dir, 'config.yaml'), CONFIG);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const d = diagnostics.find((x) => x.code === 'TLS002');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.deepEqual(d.range, { start: { line: 4, character: 17 }, end: { line: 4, character: 22 } });
    assert.equal(d.severity, 2, 'warning');
    assert.equal(d.source, 'themisdb');
    assert.match(d.codeDescription.href, /docs\/rules\/TLS002\.md$/);

    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    const fix = actions.find((a) => /1\.3/.test(a.title));
    assert.ok(fix, JSON.stringify(actions));
    // network.tls is not read by the server: the fix is a suggestion that says so, never the preferred one
    assert.equal(fix.isPreferred, false);
    assert.match(fix.title, /no effect on the server/);
    const edits = fix.edit.documentChanges.find((c) => c.textDocument?.uri === uri).edits;
    const fixed = applyLspEdits(CONFIG, edits);
    assert.equal(fixed, CONFIG.replace("'1.2'", "'1.3'"));

    client.change(uri, fixed);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(
      after.diagnostics.filter((x) => x.code === 'TLS002'),
      [],
    );
  });

  it('clears diagnostics when the document closes', async () => {
    const uri = client.open(path.join(dir, 'other', 'config.yaml'), CONFIG.replace("'1.2'", "'1.0'"));
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'TLS002' && x.severity === 1));
    client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('stays silent on a config.yaml that is not ThemisDB', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  tls:\n    min_version: "1.0"\n';
    const uri = client.open(path.join(dir, 'k8s', 'config.yaml'), text);
    const p = await client.waitForDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  });
});
