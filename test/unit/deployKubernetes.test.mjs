// Kubernetes: env over envFrom, secretKeyRef / configMapKeyRef resolved from the workspace's Secrets and
// ConfigMaps (base64 decoded in memory), multi-document manifests, a ConfigMap that holds a config.yaml.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';
import { ADMIN_TOKEN, b64, CONFIGMAP, DEPLOYMENT, SECRET, VAULT_TOKEN } from '../helpers/deployFixtures.mjs';

const at = (file, span) => fs.readFileSync(file, 'utf8').slice(span.start, span.end);
const lineOf = (file, offset) => fs.readFileSync(file, 'utf8').slice(0, offset).split('\n').length;

describe('kubernetes: Secret + ConfigMap + Deployment', () => {
  const dir = writeWorkspace({ 'k8s/secret.yaml': SECRET, 'k8s/configmaps.yaml': CONFIGMAP, 'k8s/deployment.yaml': DEPLOYMENT });
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const m = engine.deploymentModel(ws);
  const server = m.services.find((s) => s.name === 'Deployment/themisdb/server');

  it('recognises every manifest, one service per container, ThemisDB by image only', () => {
    assert.deepEqual(m.files.map((f) => [path.relative(dir, f.path), f.kind, f.themis]).sort(), [
      ['k8s/configmaps.yaml', 'kubernetes', true],
      ['k8s/deployment.yaml', 'kubernetes', true],
      ['k8s/secret.yaml', 'kubernetes', true],
    ]);
    assert.equal(server.themis, true);
    assert.equal(m.services.find((s) => s.name.endsWith('/vault-agent')).themis, false);
    assert.equal(at(server.file, server.span), 'server');
    assert.deepEqual(server.instances, { count: 3, reason: 'replicas: 3' });
  });

  it('secretKeyRef: the decoded value, placed on the Secret line, reached through the env entry', () => {
    const t = server.env.get('THEMIS_TOKEN_ADMIN');
    assert.equal(t.value, ADMIN_TOKEN, 'decoded in memory');
    assert.equal(t.origin, 'k8s-secretKeyRef');
    assert.equal(t.fromSecretObject, true);
    assert.equal(t.secret, true);
    assert.equal(path.basename(t.file), 'secret.yaml');
    assert.equal(lineOf(t.file, t.span.start), 8);
    assert.equal(path.basename(t.via.file), 'deployment.yaml');
    assert.equal(lineOf(t.via.file, t.via.span.start), 21);
    assert.equal(t.overrides.length, 1, 'the envFrom value it wins over');
  });

  it('envFrom: later sources over earlier ones, stringData over data; env over envFrom', () => {
    const pii = server.env.get('THEMIS_PII_STRICT');
    assert.equal(pii.value, '0', 'the Secret comes after the ConfigMap in envFrom');
    assert.equal(pii.origin, 'k8s-envFrom');
    assert.equal(pii.overrides[0].value, '1');
    assert.equal(server.env.get('THEMIS_VAULT_TOKEN').value, VAULT_TOKEN);
    assert.equal(server.env.get('THEMIS_DISABLE_AUTO_DOWNLOAD').value, '1');
    assert.equal(at(server.env.get('THEMIS_PRODUCTION_MODE').file, server.env.get('THEMIS_PRODUCTION_MODE').span), '"1"');
  });

  it('a reference to an object the workspace lacks is unknown and listed as a source', () => {
    const v = server.env.get('THEMIS_VAULT_ADDR');
    assert.equal(v.value, undefined);
    assert.match(v.note, /ConfigMap vault-settings is not in the workspace/);
    const src = server.sources.find((s) => s.name === 'ConfigMap/vault-settings');
    assert.equal(src.kind, 'configMapKeyRef');
    assert.equal(src.resolved, undefined);
  });

  it('fieldRef values are set by Kubernetes; $(VAR) of an unknown value stays unknown', () => {
    assert.equal(server.env.get('POD_NAME').value, undefined);
    assert.equal(server.env.get('THEMIS_PKI_CERTIFICATE').value, undefined);
  });

  it('the mounted ConfigMap entry that holds a config.yaml is exposed with offsets inside the manifest', () => {
    assert.equal(server.configs.length, 1);
    const cfg = server.configs[0];
    assert.equal(cfg.owner, 'ConfigMap/themisdb-config');
    assert.equal(cfg.key, 'config.yaml');
    assert.match(cfg.text, /^server:\n {2}port: 8080\n/);
    const manifest = fs.readFileSync(cfg.file, 'utf8');
    for (const word of ['enable_tls', 'syslog', 'siem.internal:514']) {
      const inText = cfg.text.indexOf(word);
      const off = engine.embeddedOffset(cfg, inText);
      assert.equal(manifest.slice(off, off + word.length), word, word);
    }
    assert.equal(m.configs.length, 1, 'the env ConfigMap holds no config');
  });

  it('a Secret of another namespace does not resolve', () => {
    const other = writeWorkspace({ 's.yaml': SECRET.replace('namespace: prod', 'namespace: staging'), 'd.yaml': DEPLOYMENT });
    const m2 = engine.deploymentModel(new engine.Workspace(engine.nodeHost, [other]));
    const s = m2.services.find((x) => x.name === 'Deployment/themisdb/server');
    assert.equal(s.env.get('THEMIS_TOKEN_ADMIN').value, undefined);
  });
});

describe('kubernetes: multi-document file and workload kinds', () => {
  const text = [
    SECRET,
    CONFIGMAP,
    DEPLOYMENT.replace('kind: Deployment', 'kind: StatefulSet'),
    `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: dump
              image: themisdb/tools:1.0
              command: ["themis_backup"]
`,
    `apiVersion: v1
kind: Service
metadata:
  name: themisdb
spec:
  ports: [{ port: 8080 }]
`,
  ].join('---\n');
  const dir = writeWorkspace({ 'all.yaml': text });
  const m = engine.deploymentModel(new engine.Workspace(engine.nodeHost, [dir]));

  it('reads every document; a Service object is no workload', () => {
    assert.deepEqual(
      m.services.map((s) => s.name),
      ['StatefulSet/themisdb/server', 'StatefulSet/themisdb/vault-agent', 'CronJob/backup/dump'],
    );
    assert.equal(m.services[0].env.get('THEMIS_TOKEN_ADMIN').value, ADMIN_TOKEN);
    assert.equal(m.services[0].configs.length, 1);
  });
});

describe('kubernetes: another app', () => {
  it('a manifest without ThemisDB is read but nothing in it is ThemisDB', () => {
    const dir = writeWorkspace({
      'app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: acme/shop:2
          env:
            - name: DB_PASSWORD
              value: hunter2hunter2
---
apiVersion: v1
kind: Secret
metadata:
  name: shop
data:
  password: ${b64('s3cr3t')}
`,
    });
    const m = engine.deploymentModel(new engine.Workspace(engine.nodeHost, [dir]));
    assert.equal(m.services.length, 1);
    assert.equal(m.services[0].themis, false);
    assert.deepEqual(
      m.files.map((f) => f.themis),
      [false],
    );
  });
});
