// The server under pathological input, over LSP: a file over the size limit gets one
// diagnostic that says so and costs nothing more (code actions included), hover is
// answered while a long analysis runs, and the diagnostics delay follows the setting.
// Times are generous: the budget is 2 s, the machine running the tests may be loaded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';

async function withServer(settings, run) {
  const dir = writeWorkspace({ '.env': 'THEMIS_PRODUCTION_MODE=1\n' });
  const client = new LspClient({ rootDir: dir, settings });
  try {
    await client.initialize();
    await run(client, dir);
  } finally {
    await client.shutdown();
  }
}

describe('LSP: limits', () => {
  it('a file over the size limit gets one diagnostic naming the limit; its code actions return at once', async () => {
    await withServer(undefined, async (client, dir) => {
      const text = `network:\n  tls:\n    min_version: "1.0"\n${'x: [' + '1, '.repeat(4_000_000) + '1]'}\n`;
      const uri = client.open(path.join(dir, 'config.yaml'), text);
      const p = await client.waitForDiagnostics(uri, () => true, 10000);
      assert.equal(p.diagnostics.length, 1);
      assert.equal(p.diagnostics[0].code, 'LIMIT');
      assert.match(p.diagnostics[0].message, /not analyzed: it is 11\.4 MB, over the size limit of 1\.0 MB/);
      const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
      for (const only of [undefined, ['quickfix'], ['source.fixAll.themisdb']]) {
        const t0 = Date.now();
        const actions = await client.request('textDocument/codeAction', {
          textDocument: { uri },
          range,
          context: { diagnostics: p.diagnostics, ...(only ? { only } : {}) },
        });
        assert.ok(Date.now() - t0 < 5000, `code action (${only}) took ${Date.now() - t0} ms`);
        assert.deepEqual(actions, []);
      }
    });
  });

  it("a limit finding links no rule page: LIMIT is the engine's notice, not a rule", async () => {
    await withServer(undefined, async (client, dir) => {
      let text = 'THEMIS_PRODUCTION_MODE=true\n';
      for (let i = 0; i < 1500; i++) text += `THEMIS_CAPPED_NAME_${i}=1\n`;
      const uri = client.open(path.join(dir, 'capped/.env'), text);
      const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'LIMIT'), 10000);
      const limit = p.diagnostics.find((d) => d.code === 'LIMIT');
      assert.equal(limit.codeDescription, undefined);
      assert.ok(p.diagnostics.find((d) => d.code === 'ENV015').codeDescription.href.endsWith('ENV015.md'), 'rules keep theirs');
      const h = await client.request('textDocument/hover', { textDocument: { uri }, position: limit.range.start });
      assert.match(h.contents.value, /\*\*LIMIT\*\* \d+ more findings/);
      assert.ok(!h.contents.value.includes('LIMIT.md'), h.contents.value);
    });
  });

  it('hover is answered while a long analysis runs', async () => {
    await withServer({ profile: 'auto', rules: {}, validate: { delay: 0 } }, async (client, dir) => {
      const small = client.open(path.join(dir, 'other', '.env'), 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=\n');
      await client.waitForDiagnostics(small);
      let lines = 'THEMIS_PRODUCTION_MODE=1\n';
      for (let i = 0; i < 14000; i++) lines += `THEMIS_UNKNOWN_SETTING_${i}=${i}\n`; // under the line limit
      const big = client.open(path.join(dir, '.env'), lines);
      const bigDone = client.waitForDiagnostics(big, () => true, 30000).then(() => Date.now());
      await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      const hover = await client.request('textDocument/hover', {
        textDocument: { uri: small },
        position: { line: 0, character: 3 },
      });
      const answered = Date.now();
      assert.ok(hover, 'a hover for THEMIS_PRODUCTION_MODE');
      assert.ok(answered - t0 < 2000, `hover took ${answered - t0} ms`);
      const diagnostics = await bigDone;
      assert.ok(answered <= diagnostics, 'the hover did not wait for the analysis of the large file');
    });
  });

  it('themisdb.validate.delay sets the time between an edit and its diagnostics', async () => {
    await withServer({ profile: 'auto', rules: {}, validate: { delay: 1500 } }, async (client, dir) => {
      const t0 = Date.now();
      const uri = client.open(path.join(dir, 'x', '.env'), 'THEMIS_PRODUCTION_MODE=1\n');
      await client.waitForDiagnostics(uri, () => true, 10000);
      assert.ok(Date.now() - t0 >= 1400, `diagnostics after ${Date.now() - t0} ms, before the 1.5 s delay`);
    });
  });
});
