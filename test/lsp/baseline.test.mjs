// The baseline beside the files (.themisdb-baseline.json, found from the document's folder
// up) through the real server over LSP: the findings it records are not shown, and the
// server follows the file as it appears and goes. A client that watches baseline files
// (as the VS Code extension does) gets the lookup kept until a watched file changes; a
// client that watches nothing gets it looked up again for each version.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, writeRepository } from '../helpers/engine.mjs';
import { fileUri, LspClient } from '../helpers/lspClient.mjs';

const CLI = path.join(repoRoot, 'server/out/cli.js');
const CONFIG = 'storage:\n  rocksdb_path: /var/lib/themisdb\nnetwork:\n  tls:\n    enabled: true\n    min_version: "1.2"\n';

/** Records every finding of the folder in its baseline, as a user does with the CLI. */
function writeBaseline(dir) {
  const file = path.join(dir, '.themisdb-baseline.json');
  execFileSync(process.execPath, [CLI, '--write-baseline', file, '.'], { cwd: dir, stdio: 'pipe' });
  assert.ok(JSON.parse(fs.readFileSync(file, 'utf8')).findings?.length > 0, 'the baseline records the findings');
  return file;
}

const codes = (p) => p.diagnostics.map((d) => d.code).sort();

describe('LSP: the baseline', () => {
  it('a client that watches baselines: hidden once it says the file appeared, shown again once it says it went', async () => {
    const dir = writeRepository({ 'deploy/config.yaml': CONFIG });
    const client = new LspClient({ rootDir: dir, initializationOptions: { watchesSettingsFiles: true } });
    await client.initialize();
    try {
      const uri = client.open(path.join(dir, 'deploy/config.yaml'), CONFIG);
      const all = codes(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0));
      assert.ok(all.includes('TLS002'), all.join(', '));
      const baseline = writeBaseline(dir);
      const notify = (type) =>
        client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(baseline), type }] });
      notify(1);
      await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
      // typing on: the kept lookup still finds it (a comment line at the end moves no finding)
      const typed = client.change(uri, `${CONFIG}# tuned later\n`);
      await client.waitForDiagnostics(uri, (p) => p.version === typed && p.diagnostics.length === 0);
      fs.rmSync(baseline);
      notify(3);
      await client.waitForDiagnostics(uri, (p) => codes(p).join() === all.join());
    } finally {
      await client.shutdown();
    }
  });

  it('a client that watches nothing: each version looks the baseline up again', async () => {
    const dir = writeRepository({ 'deploy/config.yaml': CONFIG });
    const client = new LspClient({ rootDir: dir });
    await client.initialize();
    try {
      const uri = client.open(path.join(dir, 'deploy/config.yaml'), CONFIG);
      const all = codes(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0));
      const baseline = writeBaseline(dir);
      const hidden = client.change(uri, `${CONFIG}# tuned later\n`);
      await client.waitForDiagnostics(uri, (p) => p.version === hidden && p.diagnostics.length === 0);
      fs.rmSync(baseline);
      const shown = client.change(uri, `${CONFIG}# tuned later, again\n`);
      await client.waitForDiagnostics(uri, (p) => p.version === shown && codes(p).join() === all.join());
    } finally {
      await client.shutdown();
    }
  });
});
