// One folder, one .themisdb-lint.yaml: the real CLI and the real language server report
// the same rule IDs on the same lines, with the settings file and without it (and it
// changes what both report).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, json } from '../cli/helpers.mjs';
import { writeRepository } from '../helpers/engine.mjs';
import { fileUri, LspClient } from '../helpers/lspClient.mjs';

const FILES = {
  'config.yaml':
    'storage:\n  rocksdb_path: /var/lib/themisdb\nserver:\n  port: ${THEMIS_PORT}\n  frobnicate: 1\nnetwork:\n  tls:\n    enabled: true\n    min_version: "1.2"\n',
  '.env': 'THEMIS_PRODUCTION_MODE=0\nTHEMIS_PORT=8080\n',
  'secrets/prod.vars': 'THEMIS_PRODUCTION_MODE=0\nTHEMIS_TOKEN_ADMIN=short\n',
  'legacy/config.yaml': 'storage:\n  rocksdb_path: /x\nnetwork:\n  tls:\n    enabled: false\n',
};
const SETTINGS =
  'profile: production\nrules:\n  TLS002: error\n  SCH0*: off\n  pki-paths-missing: off\nfiles:\n  env: ["secrets/*.vars"]\nexclude: ["legacy/"]\n';

const key = (file, ruleId, line, severity) => `${file}:${line} ${ruleId} ${severity}`;
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function cliFindings(dir) {
  const r = cli(['-f', 'json', '--fail-on', 'none', '.'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return json(r)
    .map((f) => key(f.file, f.ruleId, f.line, f.severity))
    .sort();
}

async function serverFindings(dir) {
  const client = new LspClient({ rootDir: dir });
  try {
    await client.initialize();
    const rels = Object.keys(FILES);
    const uris = rels.map((rel) => client.open(path.join(dir, rel), FILES[rel], rel.endsWith('.yaml') ? 'yaml' : 'dotenv'));
    // every open document is re-checked when a .env opens: wait until the diagnostics settle
    let last = '';
    for (let stable = 0; stable < 3;) {
      await Promise.all(uris.map((u) => client.waitForDiagnostics(u)));
      await new Promise((r) => setTimeout(r, 300));
      const now = JSON.stringify(uris.map((u) => client.diagnostics.get(u)));
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
    return rels
      .flatMap((rel) =>
        client.diagnostics
          .get(fileUri(path.join(dir, rel)))
          .diagnostics.map((d) => key(rel, d.code, d.range.start.line + 1, SEVERITY[d.severity])),
      )
      .sort();
  } finally {
    await client.shutdown();
  }
}

describe('CLI and language server: the same settings file, the same findings', () => {
  it('reports the same rule IDs on the same lines with and without .themisdb-lint.yaml', async () => {
    const dir = writeRepository(FILES);
    const without = { cli: cliFindings(dir), server: await serverFindings(dir) };
    assert.deepEqual(without.server, without.cli);

    fs.writeFileSync(path.join(dir, '.themisdb-lint.yaml'), SETTINGS);
    const withFile = { cli: cliFindings(dir), server: await serverFindings(dir) };
    assert.deepEqual(withFile.server, withFile.cli);

    // the settings file changed both the same way
    const has = (list, re) => list.some((k) => re.test(k));
    assert.ok(has(without.cli, /^legacy\//) && !has(withFile.cli, /^legacy\//), 'exclude');
    assert.ok(!has(without.cli, /^secrets\//) && has(withFile.cli, /^secrets\/prod\.vars:1 ENV001 error/), 'files.env');
    assert.ok(has(without.cli, / SCH002 /) && !has(withFile.cli, / SCH0/), 'SCH0*: off');
    assert.ok(has(withFile.cli, /^config\.yaml:9 TLS002 error/) && has(without.cli, /^config\.yaml:9 TLS002 warning/), 'TLS002');
  });
});
