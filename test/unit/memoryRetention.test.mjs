// What long-lived state keeps after a file is analyzed (issue 12, CLI memory flat in the
// number of files): no cache may keep a file's text alive, and the CLI's workspace drops
// the files it read once their folder is done.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';

describe('memory kept after an analysis', () => {
  it('releaseAllBut drops the files read from disk except those kept, and file() reads a dropped one again', () => {
    const dir = writeWorkspace({ 'a/config.yaml': 'server:\n  port: 8765\n', 'b/config.yaml': 'server:\n  port: 8766\n' });
    const ws = new engine.Workspace(engine.nodeHost, [dir]);
    const a = ws.file(path.join(dir, 'a/config.yaml'));
    const b = ws.file(path.join(dir, 'b/config.yaml'));
    ws.releaseAllBut((p) => p.includes(`${path.sep}a${path.sep}`));
    assert.equal(ws.file(path.join(dir, 'a/config.yaml')), a, 'kept: the same file and models');
    const again = ws.file(path.join(dir, 'b/config.yaml'));
    assert.notEqual(again, b, 'dropped: read again');
    assert.equal(again.text, b.text);
  });

  it('keeps no .env text alive through the names cached by the rules (typos, secrets, renames)', () => {
    // 300 env files of 300 KB, each with names of its own: kept alive by their cache keys,
    // they would hold 90 MB after a full garbage collection
    const script = `
      const engine = require(${JSON.stringify(path.join(repoRoot, 'server', 'out', 'engine.js'))});
      const ws = new engine.Workspace(engine.nodeHost, []);
      const filler = '# ' + 'x'.repeat(300_000) + '\\n';
      for (let i = 0; i < 300; i++) {
        const text = filler + 'THEMIS_PRODUCTON_MODE_' + i + '=1\\nTHEMIS_UNKNOWN_SETTING_NUMBER_' + i + '=on\\nAPP_SECRET_TOKEN_' + i + '=x\\n';
        engine.analyze(new engine.SourceFile('/nowhere/site' + i + '/.env', text), ws, { profile: 'production' });
      }
      global.gc();
      process.stdout.write(String(process.memoryUsage().heapUsed));
    `;
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const mb = Number(r.stdout) / 1e6;
    assert.ok(mb < 60, `heap after the run: ${mb.toFixed(0)} MB (the texts were 90 MB)`);
  });
});
