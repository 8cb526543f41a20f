// The real ThemisDB deployment files (test/fixtures/real, from corpus/themisdb) under their repository paths.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';

const REAL = path.join(repoRoot, 'test', 'fixtures', 'real');

/** Every real fixture at its repository path (a leading commit folder names the version); the newest of each wins. */
function realWorkspace() {
  const files = {};
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name !== 'NOTICE')
        files[path.relative(REAL, full).replace(/^[0-9a-f]{8}\//, '')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(REAL);
  return writeWorkspace(files);
}

const dir = realWorkspace();
const ws = new engine.Workspace(engine.nodeHost, [dir]);
const model = engine.deploymentModel(ws);
const rel = (p) => path.relative(dir, p).split(path.sep).join('/');
const posture = (name, file) => {
  const s = model.services.find((x) => x.name === name && x.themis && (!file || rel(x.file) === file));
  return Object.fromEntries(engine.servicePosture(ws, s, model).controls.map((c) => [c.id, c]));
};
const lineOf = (file, needle, after = '') => {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  return text.slice(0, text.indexOf(needle, text.indexOf(after))).split('\n').length;
};

describe('real ThemisDB deployment files', () => {
  it('recognises exactly the compose files, the Helm values and the systemd drop-in', () => {
    assert.deepEqual(model.files.map((f) => [rel(f.path), f.kind, f.themis]).sort(), [
      ['deploy/systemd/themisdb.service.d/production.conf', 'systemd-dropin', true],
      ['docker-compose-arm.yml', 'compose', true],
      ['docker-compose.qnap.yml', 'compose', true],
      ['docker-compose.yml', 'compose', true],
      ['docker/compose/docker-compose-sharding.yml', 'compose', true],
      ['docs/production/examples/k8s_production_values.yaml', 'helm', true],
    ]);
  });

  it('ThemisDB services by image; Prometheus and Grafana beside them are not, even when named themis-*', () => {
    const themis = model.services.filter((s) => s.themis).map((s) => `${s.kind}:${s.name}`);
    assert.equal(themis.filter((n) => n.includes('raid')).length, 8);
    assert.ok(themis.includes('compose:themis') && themis.includes('compose:themisdb-arm'));
    assert.ok(!themis.some((n) => /prometheus|grafana/.test(n)), themis.join());
    const grafana = model.services.find(
      (s) => s.name === 'grafana' && s.file.endsWith('docker-compose.yml') && !s.file.includes('sharding'),
    );
    assert.equal(grafana.env.get('GF_SECURITY_ADMIN_PASSWORD').value, 'admin', 'read, but not ThemisDB');
  });

  it('the systemd drop-in with its secrets-only env file: production posture, nothing at risk', () => {
    const p = posture('themisdb.service');
    assert.equal(p['production-mode'].verdict, 'ok');
    assert.equal(rel(p['production-mode'].source.file), 'deploy/systemd/themisdb.service.d/production.conf');
    assert.equal(
      p['production-mode'].source.line,
      lineOf('deploy/systemd/themisdb.service.d/production.conf', 'THEMIS_PRODUCTION_MODE=1'),
    );
    assert.equal(p['admin-token'].verdict, 'unknown', 'the template leaves it to fill in');
    assert.equal(rel(p['admin-token'].source.file), 'deploy/systemd/themisdb.env.example');
    assert.equal(p['admin-token'].source.line, lineOf('deploy/systemd/themisdb.env.example', 'THEMIS_TOKEN_ADMIN='));
    for (const id of ['key-management', 'wal-mtls', 'pii-strict', 'auto-download', 'debug-switches'])
      assert.equal(p[id].verdict, 'ok', id);
    assert.equal(p.tls.verdict, 'unknown', 'the server reads no TLS setting for its API');
    assert.ok(!Object.values(p).some((c) => c.verdict === 'risk'));
    const s = model.services.find((x) => x.name === 'themisdb.service');
    assert.equal(s.sources[0].assumed, true);
    assert.deepEqual(
      engine.servicesLoading(model, path.join(dir, 'deploy/systemd/themisdb.env.example')).map((x) => x.name),
      ['themisdb.service'],
    );
  });

  it('the Helm values example: env list with secretKeyRef, replicas, the embedded config', () => {
    const s = model.services.find((x) => x.kind === 'helm');
    assert.equal(s.themis, true);
    assert.equal(s.image, 'ghcr.io/makr-code/themisdb');
    assert.equal(s.instances.count, 3);
    assert.equal(s.configs.length, 1);
    const p = posture(s.name);
    const file = 'docs/production/examples/k8s_production_values.yaml';
    assert.equal(p['production-mode'].source.line, lineOf(file, 'value: "1"', 'name: THEMIS_PRODUCTION_MODE'));
    assert.equal(p['admin-token'].verdict, 'unknown');
    assert.match(p['admin-token'].note, /Secret themisdb-secrets is not in the workspace/);
    assert.equal(p['wal-mtls'].verdict, 'ok');
    assert.equal(p['key-management'].verdict, 'ok');
    assert.equal(p['audit-sink'].source.line, lineOf(file, '"enabled": true', '"audit"'));
  });

  it('the compose files: development defaults, and the sharding cluster without WAL mTLS', () => {
    const root = posture('themis', 'docker-compose.yml');
    assert.equal(root['production-mode'].verdict, 'risk');
    assert.equal(root['production-mode'].source, 'default');
    const shard = posture('themis-raid0-shard1');
    assert.equal(shard['wal-mtls'].verdict, 'risk');
    assert.match(shard['wal-mtls'].note, /multi-node/);
    const arm = model.services.find((s) => s.name === 'themisdb-arm');
    assert.deepEqual(arm.configFiles.map(rel), ['config/config.yaml'], 'the bind-mounted config');
  });

  it('the LoRA .env.example is no compose project .env: nothing loads it', () => {
    assert.deepEqual(engine.servicesLoading(model, path.join(dir, 'docker/.env.example')), []);
  });
});
