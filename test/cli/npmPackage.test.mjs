// The npm package (README "Install"): packed the way `npm pack` packs it and unpacked in a
// folder of its own, each of its bins runs from the packed files alone. The language server's
// entry runs the bundle beside it (lsp/boot.ts), which the package once left out: the
// themisdb-language-server command of an installed package failed at its first line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';
import { tempDir } from '../helpers/tempDir.mjs';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const CONFIG = 'server:\n  host: 0.0.0.0\n  port: 8080\nstorage:\n  rocksdb_path: /data\n';

/** The package's files, unpacked; the bundles are the ones `npm test` has just built. */
function unpacked() {
  const dir = tempDir('themisdb-npm-');
  // prepack would build again: the tests run on the build they were given
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir, repoRoot], { stdio: 'ignore' });
  const tarball = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
  return path.join(dir, 'package');
}

test('each bin of the npm package runs from the packed files alone', async () => {
  const pkgDir = unpacked();
  for (const [name, rel] of Object.entries(pkg.bin))
    assert.ok(fs.existsSync(path.join(pkgDir, rel)), `${name}: ${rel} is packed`);
  const ws = writeWorkspace({ 'config/core/config.yaml': CONFIG });
  const config = path.join(ws, 'config/core/config.yaml');

  const lint = path.join(pkgDir, pkg.bin['themisdb-lint']);
  const out = execFileSync(process.execPath, [lint, '--format', 'json', '--fail-on', 'none', '--profile', 'production', config], {
    encoding: 'utf8',
  });
  assert.ok(
    JSON.parse(out).some((f) => f.ruleId === 'NET001'),
    'themisdb-lint reports the open listener',
  );

  const client = new LspClient({
    rootDir: ws,
    settings: { profile: 'production', rules: {} },
    server: path.join(pkgDir, pkg.bin['themisdb-language-server']),
    env: { THEMISDB_CODE_CACHE_DIR: tempDir('themisdb-npm-cache-') },
  });
  // a server that dies at its start answers nothing: say so instead of waiting
  const died = new Promise((resolve, reject) =>
    client.proc.once('exit', (code) => reject(new Error(`themisdb-language-server exited (${code}): ${client.stderr}`))),
  );
  died.catch(() => {});
  try {
    await Promise.race([client.initialize(), died]);
    const uri = client.open(config, CONFIG);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    assert.ok(
      diagnostics.some((d) => d.code === 'NET001'),
      `themisdb-language-server publishes the same finding ${client.stderr}`,
    );
  } finally {
    await client.shutdown();
  }
});
