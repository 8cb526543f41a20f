// .themisdb-lint.yaml through the real server over LSP: found per document, re-read when
// it changes on disk, problems shown on the settings file itself (the defaults apply
// meanwhile), themisdb.configFile instead of discovery, and Restricted Mode, where the
// file cannot relax the linter.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeRepository } from '../helpers/engine.mjs';
import { fileUri, LspClient } from '../helpers/lspClient.mjs';

const CONFIG = 'storage:\n  rocksdb_path: /var/lib/themisdb\nnetwork:\n  tls:\n    enabled: true\n    min_version: "1.2"\n';
const severityOf = (p, id = 'TLS002') => p.diagnostics.find((d) => d.code === id)?.severity;
const WARNING = 2;
const ERROR = 1;

/** Tells the server that files changed on disk (what the client's watcher does). */
function changed(client, ...files) {
  client.conn.sendNotification('workspace/didChangeWatchedFiles', {
    changes: files.map((f) => ({ uri: fileUri(f), type: fs.existsSync(f) ? 2 : 3 })),
  });
}

describe('LSP: the settings file', () => {
  let client;
  let dir;
  let configUri;
  before(async () => {
    dir = writeRepository({ 'deploy/config.yaml': CONFIG, '.themisdb-lint.yaml': 'rules:\n  TLS002: error\n' });
    client = new LspClient({ rootDir: dir });
    await client.initialize();
    configUri = client.open(path.join(dir, 'deploy/config.yaml'), CONFIG);
  });
  after(() => client.shutdown());

  it('applies the nearest settings file, and reads it again when it changes, appears or goes', async () => {
    await client.waitForDiagnostics(configUri, (p) => severityOf(p) === ERROR);
    const settingsFile = path.join(dir, '.themisdb-lint.yaml');
    fs.writeFileSync(settingsFile, 'rules:\n  tls-min-version: off\n');
    changed(client, settingsFile);
    await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0 && severityOf(p) === undefined);
    // a nearer one wins
    const nearer = path.join(dir, 'deploy/.themisdb-lint.json');
    fs.writeFileSync(nearer, '{ "rules": { "TLS0*": "error" } }\n');
    changed(client, nearer);
    await client.waitForDiagnostics(configUri, (p) => severityOf(p) === ERROR);
    fs.rmSync(nearer);
    fs.rmSync(settingsFile);
    changed(client, nearer, settingsFile);
    await client.waitForDiagnostics(configUri, (p) => severityOf(p) === WARNING);
  });

  it('shows the problems of a broken settings file on that file, and applies the defaults meanwhile', async () => {
    const settingsFile = path.join(dir, '.themisdb-lint.yaml');
    fs.writeFileSync(settingsFile, 'profile: production\nrules:\n  TLS002: off\n  TLS999: off\n');
    changed(client, settingsFile);
    const own = await client.waitForDiagnostics(fileUri(settingsFile), (p) => p.diagnostics.length > 0);
    assert.equal(own.diagnostics.length, 1, JSON.stringify(own.diagnostics));
    assert.match(own.diagnostics[0].message, /TLS999 is not a ThemisDB rule/);
    assert.equal(own.diagnostics[0].range.start.line, 3);
    // TLS002: off is not applied: the file applies nowhere until it is fixed
    await client.waitForDiagnostics(configUri, (p) => severityOf(p) === WARNING);
    fs.writeFileSync(settingsFile, 'rules:\n  TLS002: off\n');
    changed(client, settingsFile);
    await client.waitForDiagnostics(fileUri(settingsFile), (p) => p.diagnostics.length === 0);
    await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0 && severityOf(p) === undefined);
    fs.rmSync(settingsFile);
    changed(client, settingsFile);
    await client.waitForDiagnostics(configUri, (p) => severityOf(p) === WARNING);
  });

  it('checks an open settings file as it is typed', async () => {
    const settingsFile = path.join(dir, 'deploy/.themisdb-lint.yaml');
    const uri = client.open(settingsFile, 'profile: production\n');
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    client.change(uri, 'profile: sometimes\n');
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.length === 1);
    assert.match(p.diagnostics[0].message, /profile must be equal to one of the allowed values: auto, production, development/);
    client.close(uri);
  });

  it('uses themisdb.configFile instead of discovery', async () => {
    fs.writeFileSync(path.join(dir, 'strict.yaml'), 'rules:\n  TLS002: error\n');
    fs.writeFileSync(path.join(dir, 'deploy/.themisdb-lint.yaml'), 'rules:\n  TLS002: off\n');
    changed(client, path.join(dir, 'deploy/.themisdb-lint.yaml'));
    await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0 && severityOf(p) === undefined);
    client.settings = { profile: 'auto', rules: {}, configFile: 'strict.yaml' };
    client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(configUri, (p) => severityOf(p) === ERROR);
    // editor settings win over the settings file
    client.settings = { profile: 'auto', rules: { TLS002: 'info' }, configFile: 'strict.yaml' };
    client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(configUri, (p) => severityOf(p) === 3);
  });
});

describe('LSP: the settings file in an untrusted workspace', () => {
  let client;
  let dir;
  const SETTINGS = 'profile: development\nrules:\n  TLS002: off\n  TLS0*: warning\n  AUD001: error\nexclude: ["legacy/"]\n';
  before(async () => {
    dir = writeRepository({ 'config.yaml': CONFIG, 'legacy/config.yaml': CONFIG, '.themisdb-lint.yaml': SETTINGS });
    client = new LspClient({ rootDir: dir, initializationOptions: { workspaceTrusted: false } });
    await client.initialize();
  });
  after(() => client.shutdown());

  it('ignores what would relax the linter, says so once, and applies it all once trusted', async () => {
    const uri = client.open(path.join(dir, 'config.yaml'), CONFIG);
    const legacy = client.open(path.join(dir, 'legacy/config.yaml'), CONFIG);
    let p = await client.waitForDiagnostics(uri, (x) => severityOf(x) !== undefined);
    assert.equal(severityOf(p), WARNING, 'TLS002: off is ignored, and the production profile applies');
    assert.equal(severityOf(p, 'AUD001'), ERROR, 'what makes the linter stricter applies');
    const l = await client.waitForDiagnostics(legacy, (x) => x.diagnostics.length > 0);
    assert.ok(
      l.diagnostics.some((d) => d.code === 'TLS002'),
      'exclude is ignored',
    );
    // re-checks do not repeat the notice
    client.change(uri, CONFIG + '\n');
    await client.waitForDiagnostics(uri, (x) => x.version === 2);
    const notices = client.messages.filter((m) => m.message.includes('.themisdb-lint.yaml'));
    assert.equal(notices.length, 1, JSON.stringify(client.messages));
    assert.match(notices[0].message, /not trusted/);
    assert.ok(notices[0].message.includes(path.join(dir, '.themisdb-lint.yaml')), notices[0].message);
    assert.match(notices[0].message, /profile, rules\.TLS0\*, rules\.TLS002, exclude/);

    client.conn.sendNotification('themisdb/workspaceTrust', { trusted: true });
    p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.length > 0 && severityOf(x) === undefined);
    assert.equal(severityOf(p, 'AUD001'), ERROR);
    await client.waitForDiagnostics(legacy, (x) => x.diagnostics.length === 0);
  });
});

describe('LSP: watching the settings files', () => {
  it('asks a client that can watch files for the settings files and baselines, unless the client watches them itself', async () => {
    const watchers = async (initializationOptions) => {
      const client = new LspClient({
        rootDir: writeRepository({}),
        initializationOptions,
        workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } },
      });
      try {
        await client.initialize();
        await client.request('shutdown'); // answered after the registrations were sent
        return client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles');
      } finally {
        await client.shutdown();
      }
    };
    const asked = await watchers(undefined);
    assert.deepEqual(asked[0]?.registerOptions, {
      watchers: [{ globPattern: '**/.themisdb-lint.{yaml,yml,json}' }, { globPattern: '**/.themisdb-baseline.json' }],
    });
    assert.deepEqual(await watchers({ watchesSettingsFiles: true }), []);
  });
});
