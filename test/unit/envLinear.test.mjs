// .env analysis is linear in the file (issue 12): no rule does per-line work that grows
// with the file. Not a timing budget (the benchmark has that): the CPU time per line of
// an 8,000-line file must stay within a generous factor of a 250-line file's, where a
// rule that rescans every entry per entry would cost 32× per line. A larger file costs
// somewhat more per line without any such rule (its text and entries no longer fit the
// caches, and the collector has more to do): 1.0–2.4× measured, so the bound is 4×.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';

const names = fs
  .readFileSync(path.join(repoRoot, 'test', 'fixtures', 'reference', 'env_vars.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t')[0])
  .filter((n) => /^THEMIS_[A-Z0-9_]+$/.test(n));

/** Two letters swapped after the prefix: a typo ENV015 looks up in the catalog. */
const typo = (n, i) => {
  const p = 7 + (i % (n.length - 8));
  return n.slice(0, p) + n[p + 1] + n[p] + n.slice(p + 2);
};

/** A realistic .env: catalog names, typos, unknown THEMIS_ names, comments, quotes, blank lines, other applications' variables. */
function realisticEnv(lines) {
  const out = ['THEMIS_PRODUCTION_MODE=1'];
  for (let i = 0; out.length < lines; i++) {
    const n = names[i % names.length];
    // each catalog variable is set once, as in a real file; after one round of the catalog,
    // other applications' variables: duplicates (a finding each) would otherwise grow with the file
    const set = i < names.length ? n : `APP_${n.slice('THEMIS_'.length)}_${i}`;
    const line = [
      `# ${n.toLowerCase().replace(/_/g, ' ')}`,
      `${typo(n, i)}=value${i}`,
      `${set}="quoted value ${i}"`,
      `APP_SETTING_${i}=plain${i}`,
      '',
      `export ${n}_${i}='single ${i}'`,
      `THEMIS_CUSTOM_FEATURE_${i}=1`,
      `${set}=${i % 3 ? 'true' : '8080'} # trailing comment`,
    ][i % 8];
    out.push(line);
  }
  return out.join('\n') + '\n';
}

/** The least CPU time of a few analyses of `text` as a fresh file (ms). */
function cpuMs(dir, text, rounds) {
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const file = path.join(dir, '.env');
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    engine.analyze(new engine.SourceFile(file, text), ws, { profile: 'production', limits: { maxFindings: 1e6, timeMs: 1e6 } });
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

describe('.env analysis is linear in the number of lines', () => {
  it('a line of an 8,000-line file costs at most 4× a line of a 250-line file', () => {
    const dir = writeWorkspace({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': '.env\n' });
    cpuMs(dir, realisticEnv(250), 3); // warm up the engine
    const small = cpuMs(dir, realisticEnv(250), 7) / 250;
    const large = cpuMs(dir, realisticEnv(8000), 3) / 8000;
    assert.ok(
      large <= 4 * small,
      `per line: ${(large * 1000).toFixed(1)} µs at 8,000 lines, ${(small * 1000).toFixed(1)} µs at 250`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
