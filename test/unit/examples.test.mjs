// The bundled examples: examples/insecure triggers every rule family (it is what
// `npm start` shows), examples/hardened draws nothing above a hint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../helpers/engine.mjs';

const lint = (dir) => {
  const r = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'server/out/cli.js'), '--format', 'json', '--profile', 'production', dir],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return { status: r.status, findings: JSON.parse(r.stdout) };
};

test('examples/insecure triggers every rule family', () => {
  const { status, findings } = lint('examples/insecure');
  assert.equal(status, 1);
  const families = new Set(findings.map((f) => f.ruleId.slice(0, 3)));
  for (const fam of ['SCH', 'TLS', 'SEC', 'ENC', 'KMS', 'AUD', 'NET', 'GPU', 'MIG', 'CMP', 'ENV', 'DOT', 'SUP'])
    assert.ok(families.has(fam), `no ${fam} finding`);
  const files = new Set(findings.map((f) => f.file));
  for (const f of ['config.yaml', 'security.yaml', 'mig.yaml', '.env'])
    assert.ok(files.has(`examples/insecure/${f}`), `no finding in ${f}`);
  assert.ok(!JSON.stringify(findings).includes('Sup3r-Secret-HEC-2024-abcdef'), 'the inline secret is never shown');
});

test('examples/hardened draws nothing above a hint', () => {
  const { status, findings } = lint('examples/hardened');
  assert.equal(status, 0);
  assert.deepEqual(
    findings.filter((f) => f.severity !== 'hint').map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`),
    [],
  );
});

test('auto profile: only an explicit development environment relaxes severities', async () => {
  const { engine, writeWorkspace } = await import('../helpers/engine.mjs');
  const profileOf = (env) => {
    const dir = writeWorkspace({ 'config.yaml': 'storage:\n  rocksdb_path: /d\n', '.env': env });
    const ws = new engine.Workspace(engine.nodeHost, [dir]);
    return engine.analyze(ws.file(path.join(dir, 'config.yaml')), ws, { profile: 'auto', root: dir }).profile;
  };
  assert.equal(profileOf('THEMIS_ENVIRONMENT=development\n'), 'development');
  assert.equal(profileOf('THEMIS_ENVIRONMENT=dev\n'), 'development');
  assert.equal(profileOf('THEMIS_ENVIRONMENT=staging\n'), 'production');
  assert.equal(profileOf('THEMIS_ENVIRONMENT=production\n'), 'production');
  assert.equal(profileOf('THEMIS_PII_STRICT=1\n'), 'production');
});
