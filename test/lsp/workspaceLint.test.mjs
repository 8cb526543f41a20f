// "Lint Workspace" over LSP (themisdb/lintWorkspace): files that are not open get their
// diagnostics too, keep them across open/close, and follow the disk afterwards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeWorkspace } from '../helpers/engine.mjs';
import { fileUri, LspClient } from '../helpers/lspClient.mjs';

const INSECURE_ENV = 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=changeme\n';
const OTHER_APP = 'name: not-themis\nversion: 1\n';

describe('LSP: Lint Workspace', () => {
  let client;
  let dir;
  let result;
  const uriOf = (rel) => fileUri(path.join(dir, rel));
  const codes = (rel) => (client.diagnostics.get(uriOf(rel))?.diagnostics ?? []).map((d) => d.code);

  before(async () => {
    dir = writeWorkspace({
      'open/.env': INSECURE_ENV,
      'open/.gitignore': '.env\n',
      'deploy/prod/.env': INSECURE_ENV,
      'deploy/prod/.gitignore': '.env\n',
      'deploy/prod/config.yaml': 'server:\n  port: 8765\n  host: 0.0.0.0\n',
      'tools/settings.yaml': OTHER_APP,
      'node_modules/pkg/.env': INSECURE_ENV,
    });
    client = new LspClient({ rootDir: dir });
    await client.initialize();
    client.open(path.join(dir, 'open/.env'), INSECURE_ENV);
    await client.waitForDiagnostics(uriOf('open/.env'), (p) => p.diagnostics.length > 0);
    result = await client.request('themisdb/lintWorkspace');
  });
  after(() => client.shutdown());

  it('publishes diagnostics for ThemisDB files that are not open, and counts the open ones', () => {
    assert.ok(codes('deploy/prod/.env').includes('ENV005'), JSON.stringify(codes('deploy/prod/.env')));
    assert.ok(result.files >= 3, JSON.stringify(result));
    const unopened = codes('deploy/prod/.env').length + codes('deploy/prod/config.yaml').length;
    assert.ok(result.problems > unopened, `${result.problems} problems counted, ${unopened} of them in unopened files`);
  });

  it('finds a file created since the last walk, before any watcher event reports it', async () => {
    await client.request('textDocument/hover', {
      textDocument: { uri: uriOf('open/.env') },
      position: { line: 1, character: 3 },
    });
    fs.mkdirSync(path.join(dir, 'late'));
    fs.writeFileSync(path.join(dir, 'late/.env'), INSECURE_ENV);
    fs.writeFileSync(path.join(dir, 'late/.gitignore'), '.env\n');
    await client.request('themisdb/lintWorkspace');
    assert.ok(codes('late/.env').includes('ENV005'), JSON.stringify(codes('late/.env')));
  });

  it('leaves other files and dependency folders alone', () => {
    assert.equal(client.diagnostics.get(uriOf('tools/settings.yaml')), undefined);
    assert.equal(client.diagnostics.get(uriOf('node_modules/pkg/.env')), undefined);
  });

  it('hands an unopened file to the live diagnostics when it opens, and back to the disk when it closes', async () => {
    const uri = uriOf('deploy/prod/.env');
    client.open(path.join(dir, 'deploy/prod/.env'), 'THEMIS_PRODUCTION_MODE=1\n');
    await client.waitForDiagnostics(uri, (p) => p.version === 1 && !p.diagnostics.some((d) => d.code === 'ENV005'));
    client.close(uri);
    const back = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'ENV005'));
    assert.equal(back.version, undefined, 'published from the disk, not a document version');
  });

  it('keeps reporting a file that was open during the run once it is closed', async () => {
    const uri = uriOf('open/.env');
    client.close(uri);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === undefined && x.diagnostics.length > 0);
    assert.ok(p.diagnostics.some((d) => d.code === 'ENV005'));
  });

  it('follows the disk: a fixed file is cleared, a deleted one too', async () => {
    const env = path.join(dir, 'deploy/prod/.env');
    fs.writeFileSync(env, 'THEMIS_PRODUCTION_MODE=1\n');
    client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('deploy/prod/.env'), type: 2 }] });
    await client.waitForDiagnostics(uriOf('deploy/prod/.env'), (p) => !p.diagnostics.some((d) => d.code === 'ENV005'));
    assert.ok(codes('deploy/prod/config.yaml').length > 0);
    fs.rmSync(path.join(dir, 'deploy/prod/config.yaml'));
    client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('deploy/prod/config.yaml'), type: 3 }],
    });
    await client.waitForDiagnostics(uriOf('deploy/prod/config.yaml'), (p) => p.diagnostics.length === 0);
  });
});
