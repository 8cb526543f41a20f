// The bundled examples: examples/insecure triggers every rule family (it is what
// `npm start` shows), examples/hardened draws nothing above a hint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { engine, repoRoot } from '../helpers/engine.mjs';
import { firstSentenceProblem } from '../helpers/messages.mjs';

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

test('every finding on the examples says what is wrong in its first ~100 characters', () => {
  const { findings } = lint('examples');
  assert.ok(findings.length > 50);
  assert.deepEqual(findings.map(firstSentenceProblem).filter(Boolean), []);
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

// examples/compose and examples/kubernetes: deployments with deliberate problems (npm start lints them and prints their posture)
const COMPOSE_TOKEN = 'Xq7vLp2mZr9sKd4tWn8yBc3fHj6gAe5uTq1oPi0lMk2N';
const VAULT_TOKEN = 'hvs.CAESIJ8x2kQ7vLpZr9sKd4tWn8yBc3fHj6gAe5uTq1o';

const posture = (...dirs) => {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'server/out/cli.js'), 'posture', '--format', 'json', ...dirs], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return { raw: r.stdout, services: JSON.parse(r.stdout).services };
};

const control = (service, id) => {
  const c = service.controls.find((x) => x.id === id);
  return `${c.verdict} ${c.value} ${c.source === 'default' ? 'default' : `${c.source.file}:${c.source.line}`}`;
};

test('examples/compose: the posture names the lines of its deliberate problems', () => {
  const { raw, services } = posture('examples/compose');
  assert.deepEqual(
    services.map((s) => `${s.kind} ${s.name}`),
    ['compose themisdb'],
    'Prometheus is not ThemisDB',
  );
  const [s] = services;
  assert.equal(control(s, 'production-mode'), 'risk 0 examples/compose/docker-compose.yml:11');
  assert.equal(control(s, 'key-management'), 'risk http://vault.internal:8200 examples/compose/themisdb.env:4');
  assert.equal(control(s, 'auto-download'), 'risk 0 examples/compose/themisdb.env:3');
  assert.ok(!raw.includes(COMPOSE_TOKEN), 'the inline token is masked');
});

test('examples/kubernetes: Deployment and Helm values, the Secret decoded but never shown', () => {
  const { raw, services } = posture('examples/kubernetes');
  assert.deepEqual(services.map((s) => `${s.kind} ${s.name}`).sort(), [
    'helm values.yaml',
    'kubernetes Deployment/themisdb/themisdb',
  ]);
  const dep = services.find((s) => s.kind === 'kubernetes');
  assert.equal(control(dep, 'key-management'), 'risk 1 examples/kubernetes/deployment.yaml:35');
  assert.equal(control(dep, 'production-mode'), 'ok production examples/kubernetes/configmap.yaml:8');
  assert.match(control(dep, 'admin-token'), / examples\/kubernetes\/secret\.yaml:10$/);
  const helm = services.find((s) => s.kind === 'helm');
  assert.equal(control(helm, 'wal-mtls'), 'risk 0 examples/kubernetes/helm/values.yaml:18');
  assert.ok(!raw.includes(COMPOSE_TOKEN) && !raw.includes(VAULT_TOKEN), 'no secret in the posture');
});

test('examples/compose and examples/kubernetes: lint output shows no secret', () => {
  const { findings } = lint('examples/compose');
  const k8s = lint('examples/kubernetes').findings;
  const all = JSON.stringify([...findings, ...k8s]);
  for (const secret of [COMPOSE_TOKEN, VAULT_TOKEN]) assert.ok(!all.includes(secret), 'a secret in the lint output');
  assert.ok(!findings.some((f) => f.file === 'examples/compose/docker-compose.yml' && f.line >= 20), 'Prometheus draws nothing');
  if (engine.CATALOG.has('DEP001')) {
    const at = (fs, file, id) => fs.filter((f) => f.file === file && f.ruleId === id).map((f) => f.line);
    assert.deepEqual(at(findings, 'examples/compose/docker-compose.yml', 'DEP001'), [12]);
    assert.deepEqual(at(k8s, 'examples/kubernetes/deployment.yaml', 'DEP001'), [33]);
  }
});
