// Cross-file behaviour and settings through the real server: editing a .env
// re-checks the YAML files that use it; themisdb.profile / themisdb.rules from
// workspace/configuration apply and are re-read when they change.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';

const CONFIG =
  'storage:\n  rocksdb_path: /var/lib/themisdb\nserver:\n  port: ${THEMIS_PORT}\nnetwork:\n  tls:\n    enabled: true\n    min_version: "1.2"\n';
const ENV = 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_PORT=eighty\n';

describe('LSP: workspace and settings', () => {
  let client;
  let dir;
  let configUri;
  before(async () => {
    dir = writeWorkspace({ 'config.yaml': CONFIG, '.env': ENV });
    client = new LspClient({ rootDir: dir });
    await client.initialize();
    configUri = client.open(path.join(dir, 'config.yaml'), CONFIG);
  });
  after(() => client.shutdown());

  it('re-checks config.yaml when the .env it reads changes', async () => {
    await client.waitForDiagnostics(configUri, (p) => p.diagnostics.some((d) => d.code === 'SCH003' && d.range.start.line === 3));
    const envUri = client.open(path.join(dir, '.env'), ENV);
    client.change(envUri, ENV.replace('eighty', '8080'));
    const p = await client.waitForDiagnostics(configUri, (x) => !x.diagnostics.some((d) => d.code === 'SCH003'));
    assert.ok(
      p.diagnostics.some((d) => d.code === 'TLS002'),
      'the other findings stay',
    );
  });

  it('applies themisdb.rules and themisdb.profile, and re-reads them on change', async () => {
    const severityOf = (p) => p.diagnostics.find((d) => d.code === 'TLS002')?.severity;
    assert.equal(severityOf(await client.waitForDiagnostics(configUri, (p) => severityOf(p) !== undefined)), 2);
    client.settings = { profile: 'auto', rules: { TLS002: 'error' } };
    client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(configUri, (p) => severityOf(p) === 1);
    client.settings = { profile: 'development', rules: {} };
    client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(configUri, (p) => severityOf(p) === 4);
    client.settings = { profile: 'production', rules: { TLS002: 'off' } };
    client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await client.waitForDiagnostics(configUri, (x) => x.diagnostics.length > 0 && severityOf(x) === undefined);
    assert.ok(p.diagnostics.every((d) => d.code !== 'TLS002'));
  });

  it('a rule turned off hides no other finding, after an edit too, and is back when turned on', async () => {
    const text = 'server:\n  host: 127.0.0.1\n  port: 8080\n  enable_tls: false\nlogging:\n  level: info\n';
    const uri = client.open(path.join(dir, 'tls/config.yaml'), text);
    const codesOn = (p, line) => p.diagnostics.filter((d) => d.range.start.line === line).map((d) => d.code);
    client.settings = { profile: 'production', rules: { TLS001: 'off' } };
    client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // without TLS001 telling its story, SCH006 says the key is not read
    await client.waitForDiagnostics(uri, (p) => codesOn(p, 3).join() === 'SCH006');
    client.change(uri, text.replace('8080', '8081'));
    const edited = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(codesOn(edited, 3), ['SCH006']);
    client.settings = { profile: 'production', rules: {} };
    client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(uri, (p) => codesOn(p, 3).join() === 'TLS001');
  });
});
