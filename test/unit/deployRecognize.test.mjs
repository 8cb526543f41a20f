// Which files are deployment files, and which of them are ThemisDB's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';

const kind = (name, text) => engine.deployFileKind(new engine.SourceFile(name, text));
const K8S = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
const COMPOSE = 'services:\n  app:\n    image: redis:7\n';

describe('deployment file kinds', () => {
  it('compose by name (docker-compose*.yml, compose*.yaml, *.compose.yml), or by services with an image', () => {
    for (const n of [
      'docker-compose.yml',
      'docker-compose.prod.yaml',
      'docker-compose-arm.yml',
      'compose.yaml',
      'compose.override.yml',
      'app.compose.yml',
    ]) {
      assert.equal(kind(`/w/${n}`, COMPOSE), 'compose', n);
    }
    assert.equal(kind('/w/stack.yml', COMPOSE), 'compose');
    assert.equal(kind('/w/docker-compose.yml', 'version: "3"\n'), undefined, 'no services');
  });

  it('the keys are found before any parse in every way YAML writes them, and not in comments or longer words', () => {
    for (const text of [
      COMPOSE,
      '"services":\n  app:\n    image: redis:7\n',
      "'services' :\n  app:\n    image: redis:7\n",
      '{services: {app: {image: redis}}}\n',
      '{x: 1,services: {app: {image: redis}}}\n',
    ])
      assert.equal(kind('/w/docker-compose.yml', text), 'compose', text);
    // the word many times, never as a key: no parse is needed to say it is no compose file
    const comments = '# the services of this host: one per line\n'.repeat(500) + 'myservices: {}\nservicesx: 1\n';
    assert.equal(kind('/w/docker-compose.yml', comments), undefined);
    assert.equal(kind('/w/k8s/cm.yaml', '"apiVersion": v1\n"kind": ConfigMap\n'), 'kubernetes');
  });

  it('Kubernetes: any YAML document with apiVersion and kind, multi-document files too', () => {
    assert.equal(kind('/w/k8s/cm.yaml', K8S), 'kubernetes');
    assert.equal(kind('/w/all.yml', `# header\nfoo: 1\n---\n${K8S}`), 'kubernetes');
    assert.equal(kind('/w/docker-compose.yml', K8S), 'kubernetes');
  });

  it('Helm values by name; chart templates are not read', () => {
    for (const n of ['values.yaml', 'values-prod.yaml', 'values.staging.yml', 'k8s_production_values.yaml', 'prod-values.yaml'])
      assert.equal(kind(`/w/${n}`, 'replicaCount: 1\n'), 'helm', n);
    assert.equal(
      kind(
        '/w/chart/templates/deployment.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      ),
      undefined,
    );
    assert.equal(kind('/w/myvalues.yaml', 'a: 1\n'), undefined);
  });

  it('systemd units and drop-ins; ThemisDB configs and other files are none', () => {
    assert.equal(kind('/w/themisdb.service', '[Unit]\nDescription=x\n[Service]\nExecStart=/bin/x\n'), 'systemd');
    assert.equal(kind('/w/themisdb.service.d/10-prod.conf', '[Service]\nEnvironment=A=1\n'), 'systemd-dropin');
    assert.equal(kind('/w/nginx.conf', '[Service]\n'), undefined);
    assert.equal(kind('/w/config.yaml', 'storage:\n  rocksdb_path: /data\n'), undefined);
    assert.equal(kind('/w/.env', 'THEMIS_PII_STRICT=1\n'), undefined);
  });

  it('the walk takes units, drop-ins and YAML by name; Workspace.findPaths enters *.service.d and skips node_modules', () => {
    assert.ok(engine.isDeploymentCandidate('/w/a.service.d/x.conf'));
    assert.ok(!engine.isDeploymentCandidate('/w/x.conf'));
    const dir = writeWorkspace({
      'a.service.d/x.conf': '[Service]\n',
      'node_modules/p/compose.yml': COMPOSE,
      'deploy/compose.yml': COMPOSE,
      'README.md': '#',
    });
    const ws = new engine.Workspace(engine.nodeHost, [dir]);
    assert.deepEqual(
      ws.findPaths(engine.isDeploymentCandidate).map((p) => path.relative(dir, p)),
      [path.join('a.service.d', 'x.conf'), path.join('deploy', 'compose.yml')],
    );
  });
});

describe("only ThemisDB services make a file ThemisDB's", () => {
  it("another app's compose file and its .env draw nothing", () => {
    const dir = writeWorkspace({
      'docker-compose.yml': `services:
  db:
    image: postgres:16
    env_file: db.env
    environment:
      POSTGRES_PASSWORD: \${PG_PASSWORD}
  client:
    image: acme/report:1
    environment:
      THEMIS_URL: https://themis.internal
      THEMIS_AUTH_TOKEN: abc
`,
      '.env': 'PG_PASSWORD=hunter2\n',
      'db.env': 'POSTGRES_DB=shop\n',
    });
    const m = engine.deploymentModel(new engine.Workspace(engine.nodeHost, [dir]));
    assert.deepEqual(
      m.services.map((s) => [s.name, s.themis]),
      [
        ['db', false],
        ['client', false],
      ],
      'a client of ThemisDB is not ThemisDB',
    );
    assert.deepEqual(
      m.files.map((f) => f.themis),
      [false],
    );
    assert.deepEqual(engine.servicesLoading(m, path.join(dir, 'db.env')), []);
    assert.deepEqual(engine.themisServices(m), []);
  });

  it('a service counts by image, command, THEMIS_* variables, or by name when it has no image', () => {
    const dir = writeWorkspace({
      'compose.yml': `services:
  a: { image: "registry.local/themisdb:2" }
  b: { image: "ubuntu:24.04", command: ["/opt/themis/bin/themis_server", "--config", "/etc/themis.yaml"] }
  c: { image: "registry.local/db:2", environment: ["THEMIS_PRODUCTION_MODE=1"] }
  themis-dev: { build: . }
  themis-prometheus: { image: "prom/prometheus:v2" }
`,
    });
    const m = engine.deploymentModel(new engine.Workspace(engine.nodeHost, [dir]));
    assert.deepEqual(
      m.services.map((s) => [s.name, s.themis]),
      [
        ['a', true],
        ['b', true],
        ['c', true],
        ['themis-dev', true],
        ['themis-prometheus', false],
      ],
    );
    assert.deepEqual(engine.servicesIn(m, path.join(dir, 'compose.yml')).length, 4);
  });
});
