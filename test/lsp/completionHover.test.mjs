// Completion and hover through the real language server (server/out/server.js over stdio).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';

const HSM_PIN = '8b1f2e9c44d0a7c3';
const CONFIG = [
  'storage:',
  '  rocksdb_path: /var/lib/themisdb',
  'network:',
  '  tls:',
  '    enabled: true',
  '    min_version: "1.2"',
  '    ',
  'hsm:',
  '  provider: pkcs11',
  '  pkcs11:',
  '    pin: "${THEMIS_HSM_PIN}"',
  '',
].join('\n');
const ENV = `THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=${HSM_PIN}\n`;

const itemsOf = (r) => (Array.isArray(r) ? r : r.items);
const hoverText = (h) => (h ? (typeof h.contents === 'string' ? h.contents : h.contents.value) : '');

describe('LSP: completion and hover', () => {
  let client;
  let dir;
  let init;
  before(async () => {
    dir = writeWorkspace({
      'config/config.yaml': CONFIG,
      'config/.env': ENV,
      'k8s/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    });
    client = new LspClient({ rootDir: dir });
    init = await client.initialize();
  });
  after(() => client.shutdown());

  it('announces completion (with trigger characters) and hover', () => {
    assert.ok(init.capabilities.hoverProvider);
    assert.deepEqual(init.capabilities.completionProvider.triggerCharacters.sort(), [' ', '=', '{'].sort());
  });

  it('completes keys under network.tls as snippets with markdown docs, inserted as is', async () => {
    const uri = client.open(path.join(dir, 'config/config.yaml'), CONFIG);
    const res = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 4 } });
    const items = itemsOf(res);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('cipher_suites') && labels.includes('client_auth'));
    assert.ok(!labels.includes('enabled') && !labels.includes('min_version'), 'present keys are left out');
    const suites = items.find((i) => i.label === 'cipher_suites');
    assert.equal(suites.insertTextFormat, 2, 'snippet');
    assert.equal(suites.insertTextMode, 1, 'asIs: the text carries its indentation');
    assert.equal(suites.textEdit.newText, 'cipher_suites:\n      - $0');
    assert.deepEqual(suites.textEdit.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 4 } });
    assert.equal(suites.documentation.kind, 'markdown');
    const auth = items.find((i) => i.label === 'client_auth');
    assert.equal(auth.textEdit.newText, 'client_auth: ');
    assert.equal(auth.command?.command, 'editor.action.triggerSuggest', 'values are offered right after the key');
    const section = items.find((i) => i.kind === 15 /* Snippet */ && i.filterText === 'tls');
    assert.equal(section, undefined, 'tls is not a child of network.tls');
  });

  it('completes enum values, recommended first and preselected', async () => {
    const text = CONFIG.replace('    min_version: "1.2"', '    min_version: ');
    const uri = client.open(path.join(dir, 'config/config.yaml'), text);
    const items = itemsOf(
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 17 } }),
    );
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.equal(sorted[0].label, '"1.3"');
    assert.equal(sorted[0].preselect, true);
    // network.tls is not read by the server: the hardened value says it has no effect today
    assert.equal(sorted[0].labelDetails.description, 'recommended, no effect');
  });

  it('completes ${ with .env variables, the secret masked', async () => {
    const text = CONFIG.replace('"${THEMIS_HSM_PIN}"', '"${');
    const uri = client.open(path.join(dir, 'config/config.yaml'), text);
    const items = itemsOf(
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 12 } }),
    );
    const pin = items.find((i) => i.label === 'THEMIS_HSM_PIN');
    assert.ok(pin);
    assert.equal(pin.textEdit.newText, 'THEMIS_HSM_PIN}');
    assert.ok(!JSON.stringify(items).includes(HSM_PIN.slice(0, 5)), 'the PIN is never sent');
  });

  it('completes .env names and values', async () => {
    const uri = client.open(path.join(dir, 'config/.env'), `${ENV}THEMIS_ENVIRONMENT=`);
    const values = itemsOf(
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 19 } }),
    );
    assert.deepEqual(values.map((i) => i.label).sort(), ['development', 'prod', 'production']);
    const names = itemsOf(
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 3 } }),
    );
    const env = names.find((i) => i.label === 'THEMIS_ENVIRONMENT');
    assert.equal(env.textEdit.newText, 'THEMIS_ENVIRONMENT', 'the = is already there');
    assert.ok(!names.some((i) => i.label === 'THEMIS_HSM_PIN'), 'already set');
    client.change(uri, ENV);
  });

  it('hovers keys with schema docs and ${VAR} with the masked definition', async () => {
    const uri = client.open(path.join(dir, 'config/config.yaml'), CONFIG);
    const key = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
    assert.match(hoverText(key), /\*\*network\.tls\*\*/);
    assert.deepEqual(key.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } });
    assert.equal(key.contents.kind, 'markdown');
    const ref = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 16 } });
    assert.match(hoverText(ref), /defined in `config\/\.env` line 2/);
    assert.ok(!hoverText(ref).includes(HSM_PIN.slice(0, 5)), hoverText(ref));
    assert.equal(
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 2 } }),
      null,
    );
  });

  it('leads the hover of a flagged value with the finding, linked to its rule page', async () => {
    const uri = client.open(path.join(dir, 'config/config.yaml'), CONFIG);
    const d = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'TLS002'));
    const tls = d.diagnostics.find((x) => x.code === 'TLS002');
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 19 } });
    const text = hoverText(h);
    const first = /^[^]*?[.!?](?=\s|$)/.exec(tls.message)[0];
    assert.ok(text.startsWith(`⚠️ **[TLS002](${tls.codeDescription.href})** ${first}`), text);
    assert.ok(!text.includes(tls.message.slice(first.length).trim()) || first === tls.message, 'only the first sentence');
    assert.match(text, /\*\*network\.tls\.min_version\*\* = `"1\.2"`/);
  });

  it("stays silent in YAML files that are not ThemisDB's; a new empty mig.yaml counts by name", async () => {
    const k8s = client.open(path.join(dir, 'k8s/config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  \n');
    assert.deepEqual(
      itemsOf(
        await client.request('textDocument/completion', { textDocument: { uri: k8s }, position: { line: 4, character: 2 } }),
      ),
      [],
    );
    assert.equal(
      await client.request('textDocument/hover', { textDocument: { uri: k8s }, position: { line: 1, character: 1 } }),
      null,
    );
    const mig = client.open(path.join(dir, 'gpu/mig.yaml'), '');
    const items = itemsOf(
      await client.request('textDocument/completion', { textDocument: { uri: mig }, position: { line: 0, character: 0 } }),
    );
    assert.ok(items.some((i) => i.label === 'mig'));
  });

  it('answers quickly on a 10,000-line file while it is being edited', async (t) => {
    const base = fs.readFileSync(path.join(repoRoot, 'test/fixtures/real/3955e2b8/config/core/config.yaml'), 'utf8');
    let big = base;
    for (let i = 0; big.split('\n').length < 10000; i++) big += '\n' + base.replace(/^(\w+):/gm, (_m, k) => `${k}_${i}:`);
    big += '\nnetwork:\n  tls:\n    enabled: true\n    \n';
    const last = big.split('\n').length - 2;
    const uri = client.open(path.join(dir, 'big/config.yaml'), big);
    await client.waitForDiagnostics(uri, () => true, 20000);
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: last, character: 4 } }); // classifies once
    const times = { completion: [], hover: [] };
    const small = client.open(path.join(dir, 'small/config.yaml'), 'server:\n  port: 1\n');
    for (let r = 0; r < 10; r++) {
      client.change(uri, `${big}# edit ${r}\n`); // a new text each time: no cached models
      // the test client sends the whole text (VS Code sends only the edit): let the server take it in first
      await client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 0 } });
      let t0 = performance.now();
      const items = itemsOf(
        await client.request('textDocument/completion', { textDocument: { uri }, position: { line: last, character: 4 } }),
      );
      times.completion.push(performance.now() - t0);
      assert.ok(items.some((i) => i.label === 'min_version'));
      t0 = performance.now();
      const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: last - 1, character: 6 } });
      times.hover.push(performance.now() - t0);
      assert.ok(h);
    }
    const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    t.diagnostic(
      `round trip on ${last + 2} lines: completion median ${median(times.completion).toFixed(1)} ms, hover median ${median(times.hover).toFixed(1)} ms`,
    );
    // a round trip includes JSON-RPC and the engine's line index of the new text; the engine itself needs ~1 ms
    assert.ok(median(times.completion) < 100, `completion ${median(times.completion)} ms`);
    assert.ok(median(times.hover) < 100, `hover ${median(times.hover)} ms`);
  });
});
