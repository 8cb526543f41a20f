// The ENV rules on each service's effective environment, and which deployment files are
// analyzed at all, on realistic workspaces and the real ThemisDB files under their real paths.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, place, repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import {
  ADMIN_TOKEN,
  CONFIGMAP,
  DEPLOYMENT,
  DROPIN_10,
  DROPIN_20,
  HARDENED_COMPOSE,
  HELM_VALUES,
  SECRET,
  UNIT,
  UNIT_ENV,
  VAULT_TOKEN,
} from '../helpers/deployFixtures.mjs';

const corpus = path.join(repoRoot, '..', 'shared', 'corpus', 'themisdb');
const hasCorpus = fs.existsSync(corpus);
const real = (name) => fs.readFileSync(path.join(corpus, name), 'utf8');

/** `rule@line` of every finding in `rel` at or above `min` severity. */
function findings(files, rel, min = 'hint') {
  const order = { hint: 0, info: 1, warning: 2, error: 3 };
  const dir = writeWorkspace(files);
  const { file, analysis } = analyzeFile(dir, rel);
  return {
    kind: analysis.kind,
    all: analysis.findings,
    at: analysis.findings.filter((f) => order[f.severity] >= order[min]).map((f) => `${f.ruleId}@${place(file, f).line}`),
  };
}

const COMPOSE_LIST = `services:
  themisdb:
    image: ghcr.io/makr-code/themisdb:1.5.0
    env_file:
      - ./themisdb.env
    environment:
      - THEMIS_PRODUCTION_MODE=1
      - THEMIS_PII_STRICT=0
  prometheus:
    image: prom/prometheus:v2.53.0
`;

describe('ENV rules on a service environment', () => {
  it('compose: a value on its line here, a value from the env_file on its line there, missing variables on the service', () => {
    const files = { 'docker-compose.yml': COMPOSE_LIST, 'themisdb.env': 'THEMIS_DEBUG_PKI=1\nTHEMIS_DISABLE_AUTO_DOWNLOAD=1\n' };
    const compose = findings(files, 'docker-compose.yml', 'warning');
    assert.equal(compose.kind, 'deploy');
    assert.ok(compose.at.includes('ENV007@8'), compose.at.join(' '));
    assert.ok(compose.at.includes('ENV004@2'), 'missing admin token on the service name');
    assert.ok(!compose.at.some((x) => x.startsWith('ENV006')), 'the env file reports its own value');
    assert.ok(!compose.at.some((x) => x.startsWith('ENV008')), 'set by the env file');
    const env = findings(files, 'themisdb.env', 'warning');
    assert.deepEqual(env.at, ['ENV006@1'], 'the loaded env file: its values only, nothing it lacks');
  });

  it('compose map form: the env_file value loses to environment:', () => {
    const files = {
      'docker-compose.yml': `services:\n  themisdb:\n    image: themisdb:1.5.0\n    env_file: ./themisdb.env\n    environment:\n      THEMIS_PII_STRICT: "1"\n`,
      'themisdb.env': 'THEMIS_PII_STRICT=0\n',
    };
    assert.deepEqual(findings(files, 'themisdb.env').at, [], 'an overridden line has no effect');
  });

  it('kubernetes: values read from the Secret and ConfigMaps, missing ones on the container', () => {
    const files = { 'k8s/deployment.yaml': DEPLOYMENT, 'k8s/secret.yaml': SECRET, 'k8s/configmap.yaml': CONFIGMAP };
    const dep = findings(files, 'k8s/deployment.yaml');
    assert.equal(dep.kind, 'deploy');
    assert.ok(!dep.at.some((x) => /^ENV00[47]@/.test(x)), `token and PII strict come from the Secret/ConfigMap: ${dep.at}`);
    const secret = findings(files, 'k8s/secret.yaml');
    assert.equal(secret.kind, 'deploy');
  });

  it('systemd: unit, drop-ins and EnvironmentFile judged as one service', () => {
    const files = {
      'deploy/themisdb.service': UNIT,
      'deploy/themisdb.service.d/10-a.conf': DROPIN_10,
      'deploy/themisdb.service.d/20-b.conf': DROPIN_20,
      'deploy/themisdb.env': UNIT_ENV,
      '.gitignore': '*.env\n',
    };
    const unit = findings(files, 'deploy/themisdb.service', 'warning');
    assert.ok(!unit.at.some((x) => /^ENV00[1467]@/.test(x)), `drop-ins and the env file fix those: ${unit.at}`);
    assert.deepEqual(findings(files, 'deploy/themisdb.env', 'warning').at, [], 'secrets-only env file: nothing missing');
  });

  it('helm values: the env list and map judged, secretKeyRef not in the workspace holds back missing findings', () => {
    const r = findings({ 'chart/values.yaml': HELM_VALUES }, 'chart/values.yaml');
    assert.equal(r.kind, 'deploy');
    assert.ok(r.at.includes('ENV006@17'), r.at.join(' '));
    assert.ok(r.at.includes('DEP003@10'), r.at.join(' '));
    assert.ok(!r.at.some((x) => x.startsWith('ENV001') || x.startsWith('ENV004')));
  });

  it('the hardened compose deployment: nothing above info from the deployment rules', () => {
    for (const rel of ['docker-compose.yml', 'secrets.env']) {
      const r = findings(HARDENED_COMPOSE, rel, 'warning');
      assert.deepEqual(
        r.at.filter((x) => /^(ENV|DEP)/.test(x)),
        [],
        rel,
      );
    }
  });

  it("another application's compose file and its .env draw nothing", () => {
    const files = {
      'docker-compose.yml':
        'services:\n  web:\n    image: nginx:latest\n    privileged: true\n    ports: ["80:80"]\n    env_file: .env\n    environment:\n      API_TOKEN: abcdef0123456789\n',
      '.env': 'API_TOKEN=abcdef0123456789\nDEBUG=1\n',
      'k8s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web\nstringData:\n  password: hunter22hunter22\n',
    };
    for (const rel of Object.keys(files)) {
      const r = findings(files, rel);
      assert.equal(r.kind, undefined, rel);
      assert.deepEqual(r.at, [], rel);
    }
  });

  it('no secret value, plain or base64-decoded, in any message', () => {
    const files = {
      'k8s/deployment.yaml': DEPLOYMENT,
      'k8s/secret.yaml': SECRET,
      'k8s/configmap.yaml': CONFIGMAP,
      'docker-compose.yml': `services:\n  themisdb:\n    image: themisdb:latest\n    environment:\n      THEMIS_TOKEN_ADMIN: ${ADMIN_TOKEN}\n      THEMIS_VAULT_TOKEN: ${VAULT_TOKEN}\n`,
    };
    for (const rel of Object.keys(files)) {
      for (const f of findings(files, rel).all) {
        const text = [f.message, ...f.fixes.map((x) => x.title + (x.note ?? ''))].join('\n');
        assert.ok(
          !text.includes(ADMIN_TOKEN) && !text.includes(VAULT_TOKEN) && !text.includes(ADMIN_TOKEN.slice(0, 12)),
          `${f.ruleId}: ${text}`,
        );
      }
    }
  });
});

describe(
  'real ThemisDB deployment files under their real paths',
  { skip: !hasCorpus && 'corpus not beside this checkout' },
  () => {
    it('the systemd EnvironmentFile template beside its drop-in is not reported as lacking production mode', () => {
      const files = {
        'deploy/systemd/themisdb.env.example': real('deploy__systemd__themisdb.env.example'),
        'deploy/systemd/themisdb.service.d/production.conf': real('deploy__systemd__themisdb.service.d__production.conf'),
      };
      const env = findings(files, 'deploy/systemd/themisdb.env.example', 'info');
      assert.deepEqual(
        env.at.filter((x) => x.startsWith('ENV')),
        [],
        env.at.join(' '),
      );
      const dropin = findings(files, 'deploy/systemd/themisdb.service.d/production.conf', 'warning');
      assert.equal(dropin.kind, 'deploy');
      assert.deepEqual(dropin.at, [], 'the hardened drop-in');
    });

    it('the root compose file: its ThemisDB service is judged, Prometheus and Grafana are not', () => {
      const files = { 'docker-compose.yml': real('docker-compose.yml@0358af15.yml') };
      const r = findings(files, 'docker-compose.yml', 'warning');
      assert.ok(
        r.at.some((x) => x.startsWith('ENV001@')),
        r.at.join(' '),
      );
      // what the service lacks is reported once, on its definition (DEP004 reports each published port on its own line)
      const lines = new Set(r.at.filter((x) => x.startsWith('ENV')).map((x) => x.split('@')[1]));
      assert.equal(lines.size, 1, `missing variables on the service's one definition line: ${r.at}`);
    });

    it('the Helm values example and the sharding compose are deployment files', () => {
      assert.equal(
        findings(
          {
            'docs/production/examples/k8s_production_values.yaml': real('docs__production__examples__k8s_production_values.yaml'),
          },
          'docs/production/examples/k8s_production_values.yaml',
        ).kind,
        'deploy',
      );
      const sharding = findings(
        { 'docker/compose/docker-compose-sharding.yml': real('docker__compose__docker-compose-sharding.yml') },
        'docker/compose/docker-compose-sharding.yml',
        'error',
      );
      assert.ok(
        sharding.at.some((x) => x.startsWith('ENV012@')),
        'multi-node without WAL mTLS',
      );
    });
  },
);

describe('a ThemisDB config held in a ConfigMap', () => {
  it('is analyzed as a config.yaml, with findings at their lines inside the manifest and no fixes', () => {
    const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: themisdb-config
data:
  config.yaml: |
    storage:
      rocksdb_path: /data
    network:
      tls:
        enabled: true
        min_version: "1.0"
`;
    const dir = writeWorkspace({ 'k8s/config.yaml': manifest, 'k8s/deployment.yaml': DEPLOYMENT });
    const { file, analysis } = analyzeFile(dir, 'k8s/config.yaml');
    assert.equal(analysis.kind, 'deploy');
    const tls = analysis.findings.find((f) => f.ruleId === 'TLS002');
    assert.ok(tls, analysis.findings.map((f) => f.ruleId).join(' '));
    assert.equal(place(file, tls).line, 12);
    assert.equal(file.text.slice(tls.span.start, tls.span.end), '"1.0"');
    assert.deepEqual(tls.fixes, []);
  });
});
