// The server's V8 code cache (server/src/lsp/boot.ts): a start without a usable cache writes one
// to a private folder, the next start runs from it and leaves it alone, a cache V8 rejects (a
// damaged file) is written again, and no cache is written where another user could plant one
// or when it is turned off. Each start analyzes the real core config and must publish the same
// diagnostics, cache or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';
import { tempDir } from '../helpers/tempDir.mjs';

const REAL = fs.readFileSync(path.join(repoRoot, 'test/fixtures/real/3955e2b8/config/core/config.yaml'), 'utf8');
const posix = process.platform !== 'win32';

test('the code cache: written once to a private folder, then used; rewritten when rejected; never in a shared folder', async () => {
  const dir = writeWorkspace({ 'config/core/config.yaml': REAL });
  const cacheRoot = tempDir('themisdb-codecache-');
  /** One start of the server: its diagnostics on the real config. */
  const start = async (env) => {
    const client = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {} }, env });
    try {
      await client.initialize();
      const uri = client.open(path.join(dir, 'config/core/config.yaml'), REAL);
      return (await client.waitForDiagnostics(uri)).diagnostics;
    } finally {
      await client.shutdown();
    }
  };
  const cacheFiles = (folder) => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.cache')) : []);
  try {
    const folder = path.join(cacheRoot, 'private');
    const fresh = await start({ THEMISDB_CODE_CACHE_DIR: folder });
    assert.ok(fresh.length > 5, 'the real config has findings');
    const [name, ...more] = cacheFiles(folder);
    assert.ok(name && more.length === 0, 'one cache file after the first start');
    const file = path.join(folder, name);
    if (posix) {
      assert.equal(fs.statSync(folder).mode & 0o777, 0o700, "the folder is the user's alone");
      assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'so is the file');
    }
    const written = fs.readFileSync(file);

    // a start that V8 accepts the cache for does not write it again
    assert.deepEqual(await start({ THEMISDB_CODE_CACHE_DIR: folder }), fresh);
    assert.ok(fs.readFileSync(file).equals(written), 'an accepted cache is left as it is');

    // a damaged cache is rejected by V8: the server still runs and writes a good one (and removes an earlier build's)
    fs.writeFileSync(file, Buffer.alloc(written.length, 7));
    fs.writeFileSync(path.join(folder, 'languageServer-earlier-build.cache'), 'old');
    assert.deepEqual(await start({ THEMISDB_CODE_CACHE_DIR: folder }), fresh);
    assert.ok(!fs.readFileSync(file).equals(Buffer.alloc(written.length, 7)), 'a rejected cache is written again');
    assert.deepEqual(cacheFiles(folder), [name], "an earlier build's cache is removed");

    // a folder others can write: someone else could plant code there
    if (posix) {
      const shared = path.join(cacheRoot, 'shared');
      fs.mkdirSync(shared, { mode: 0o777 });
      fs.chmodSync(shared, 0o777);
      assert.deepEqual(await start({ THEMISDB_CODE_CACHE_DIR: shared }), fresh);
      assert.deepEqual(cacheFiles(shared), [], 'no cache in a folder others can write');
    }

    // turned off: no folder, no file
    const off = path.join(cacheRoot, 'off');
    assert.deepEqual(await start({ THEMISDB_CODE_CACHE_DIR: off, THEMISDB_CODE_CACHE: '0' }), fresh);
    assert.equal(fs.existsSync(off), false, 'THEMISDB_CODE_CACHE=0 writes nothing');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheRoot, { recursive: true, force: true });
  }
});
