// Deployments spread over many files: each file of the folder asks the workspace's deployment
// model for its own services, so those are looked up by path (a scan of every service per file
// made 2,000 drop-ins of one unit quadratic), and a file that is no YAML is never parsed as
// YAML (the DEP rules and the analysis used to parse every systemd unit and drop-in).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';

const UNIT = '[Service]\nExecStart=/usr/bin/themis_server\nEnvironment=THEMIS_PRODUCTION_MODE=1\n';
const dropIn = (mode) => `[Service]\nEnvironment=THEMIS_PRODUCTION_MODE=${mode}\n`;

/** Analyzes every file of a fresh workspace holding `files`, in one Workspace as the CLI does. */
function analyzeAll(files) {
  const dir = writeWorkspace(files);
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const out = {};
  for (const rel of Object.keys(files)) {
    const file = ws.file(path.join(dir, rel));
    out[rel] = engine.analyze(file, ws, { profile: 'production', root: dir });
  }
  return out;
}

/** Per path, the SourceFiles whose YAML model was read while `fn` ran (each builds its own). */
function yamlReadsDuring(fn) {
  const proto = engine.SourceFile.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'yaml');
  const read = new Map();
  Object.defineProperty(proto, 'yaml', {
    ...original,
    get() {
      if (!read.has(this.path)) read.set(this.path, new Set());
      read.get(this.path).add(this);
      return original.get.call(this);
    },
  });
  try {
    fn();
  } finally {
    Object.defineProperty(proto, 'yaml', original);
  }
  return read;
}

describe('a systemd unit with many drop-ins', () => {
  const files = { 'themisdb.service': UNIT };
  for (let i = 0; i < 50; i++) files[`themisdb.service.d/${String(i).padStart(2, '0')}.conf`] = dropIn(i === 49 ? 0 : 1);

  it('each drop-in is judged as part of the unit: the last one to set a variable carries its finding', () => {
    const results = analyzeAll(files);
    for (const [rel, a] of Object.entries(results)) assert.equal(a.kind, 'deploy', rel);
    const env001 = Object.entries(results).flatMap(([rel, a]) => a.findings.filter((f) => f.ruleId === 'ENV001').map(() => rel));
    assert.deepEqual(env001, ['themisdb.service.d/49.conf']);
    assert.ok(
      results['themisdb.service'].findings.some((f) => f.ruleId === 'ENV004'),
      'the unit still gets its own findings',
    );
  });

  it('no unit or drop-in is parsed as YAML', () => {
    const read = yamlReadsDuring(() => analyzeAll(files));
    const systemd = [...read.keys()].filter((p) => /\.(?:service|conf)$/.test(p));
    assert.deepEqual(systemd, []);
  });
});

describe('the deployment model', () => {
  it('reads and parses each manifest once, the files it was not asked about included', () => {
    const read = yamlReadsDuring(() =>
      analyzeAll({
        'k8s/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: themis\nspec:\n  template:\n    spec:\n      containers:\n        - name: themisdb\n          image: themisdb/themisdb:1\n          envFrom:\n            - configMapRef:\n                name: settings\n',
        'k8s/configmap.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  THEMIS_PRODUCTION_MODE: "0"\n',
      }),
    );
    const parses = Object.fromEntries([...read].map(([p, files]) => [path.basename(p), files.size]));
    assert.deepEqual(parses, { 'deployment.yaml': 1, 'configmap.yaml': 1 });
  });
});

describe('services looked up by file', () => {
  it('a compose file, the .env it loads and a Kubernetes manifest each find their own services', () => {
    const results = analyzeAll({
      'docker-compose.yml': 'services:\n  db:\n    image: themisdb/themisdb:1\n    env_file: prod.env\n',
      'prod.env': 'THEMIS_PRODUCTION_MODE=0\n',
      'k8s/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: themis\nspec:\n  template:\n    spec:\n      containers:\n        - name: themisdb\n          image: themisdb/themisdb:1\n          env:\n            - name: THEMIS_PRODUCTION_MODE\n              value: "0"\n',
    });
    const ids = (rel) => results[rel].findings.map((f) => f.ruleId);
    assert.ok(ids('prod.env').includes('ENV001'), 'the value is judged where it is written: in the .env the service loads');
    assert.ok(!ids('docker-compose.yml').includes('ENV001'));
    assert.ok(ids('k8s/deployment.yaml').includes('ENV001'));
  });
});
