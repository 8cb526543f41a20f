// Hover and completion in a large config never wait behind its analysis: they read the
// model of the current text (built incrementally on each edit), not the findings. The
// bounds are generous (the machine running the tests may be loaded); the order is the
// point: the answers come while the analysis of the same file is still running.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';

const REAL = fs.readFileSync(path.join(repoRoot, 'test/fixtures/real/3955e2b8/config/core/config.yaml'), 'utf8');
const BOUND_MS = 1500;

/** The real core config grown to about `lines` lines with tenants' quotas (as the benchmark does). */
function largeConfig(lines) {
  const quotas = [];
  for (let i = 0; quotas.length < lines; i++)
    quotas.push(`    tenant_${i}:`, `      max_qps: ${1000 + i}`, `      enabled: true`);
  return REAL.replace(/^tenants:\n/m, `tenants:\n  quotas_by_tenant:\n${quotas.join('\n')}\n`);
}

const position = (text, needle, column) => ({
  line: text.slice(0, text.indexOf(needle)).split('\n').length - 1,
  character: column,
});

describe('LSP: hover and completion during a long analysis', () => {
  it('answer within a bound, before the diagnostics of the analysis running in the same file', async () => {
    const dir = writeWorkspace({});
    const file = path.join(dir, 'config/core/config.yaml');
    const text = largeConfig(13_000); // with the real config, under the 15,000-line limit
    const client = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {}, validate: { delay: 0 } } });
    try {
      await client.initialize();
      const uri = client.open(file, text);
      await client.waitForDiagnostics(uri, () => true, 60_000);
      const hoverAt = position(text, '  port: 8765', 3);
      const completeAt = position(text, 'tracing:', 0);
      let published = 0;
      const next = () => client.waitForDiagnostics(uri, () => ++published > 0, 60_000);
      for (const trigger of ['settings', 'edit']) {
        published = -1; // the current diagnostics do not count
        const done = next().then(() => Date.now());
        if (trigger === 'settings') {
          // every finding is computed again, the model of the unchanged text is reused
          client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
        } else {
          client.change(uri, text.replace('  port: 8765', '  port: 8766'));
        }
        const t0 = Date.now();
        const [hover, completion] = await Promise.all([
          client.request('textDocument/hover', { textDocument: { uri }, position: hoverAt }),
          client.request('textDocument/completion', { textDocument: { uri }, position: completeAt }),
        ]);
        const answered = Date.now();
        assert.match(JSON.stringify(hover?.contents), /port/, `${trigger}: a hover for server.port`);
        assert.ok(completion?.items?.length > 0, `${trigger}: completion items at the root`);
        assert.ok(answered - t0 < BOUND_MS, `${trigger}: hover and completion took ${answered - t0} ms`);
        if (trigger === 'settings') assert.ok(answered <= (await done), 'they did not wait for the analysis');
        else await done;
      }
    } finally {
      await client.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
