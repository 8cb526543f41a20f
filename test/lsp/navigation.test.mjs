// Definition, references and .env outline through the real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeWorkspace } from '../helpers/engine.mjs';
import { fileUri, LspClient } from '../helpers/lspClient.mjs';

const CONFIG =
  'storage:\n  rocksdb_path: /var/lib/themisdb\nhsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/softhsm/libsofthsm2.so\n    pin: "${THEMIS_HSM_PIN}"\n';
const ENV =
  '# secrets\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=8b1f2e9c44d0\nTHEMIS_TOKEN_ADMIN=Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV4cXV1eHF1dXo=\n';

describe('LSP: navigation', () => {
  let client;
  let dir;
  before(async () => {
    dir = writeWorkspace({ 'config/config.yaml': CONFIG, 'config/.env': ENV });
    client = new LspClient({ rootDir: dir });
    await client.initialize();
  });
  after(() => client.shutdown());

  it('goes from ${VAR} to its line in .env', async () => {
    const uri = client.open(path.join(dir, 'config/config.yaml'), CONFIG);
    const loc = await client.request('textDocument/definition', { textDocument: { uri }, position: { line: 6, character: 15 } });
    assert.equal(loc.uri, fileUri(path.join(dir, 'config/.env')));
    assert.deepEqual(loc.range.start, { line: 2, character: 0 });
    const none = await client.request('textDocument/definition', { textDocument: { uri }, position: { line: 1, character: 5 } });
    assert.equal(none, null);
  });

  it('finds the uses of a .env variable', async () => {
    const uri = client.open(path.join(dir, 'config/.env'), ENV);
    const refs = await client.request('textDocument/references', {
      textDocument: { uri },
      position: { line: 2, character: 3 },
      context: { includeDeclaration: false },
    });
    assert.equal(refs.length, 1);
    assert.equal(refs[0].uri, fileUri(path.join(dir, 'config/config.yaml')));
    assert.deepEqual(refs[0].range, { start: { line: 6, character: 10 }, end: { line: 6, character: 27 } });
  });

  it('outlines a .env file without showing secrets', async () => {
    const uri = client.open(path.join(dir, 'config/.env'), ENV);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['THEMIS_PRODUCTION_MODE', 'THEMIS_HSM_PIN', 'THEMIS_TOKEN_ADMIN'],
    );
    const text = JSON.stringify(symbols);
    assert.ok(!text.includes('8b1f2e9c44d0'), 'PIN is masked');
    assert.ok(!text.includes('Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV4cXV1eHF1dXo='), 'token is masked');
  });
});
