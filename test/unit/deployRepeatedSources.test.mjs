// A source listed more than once (a file in env_file, EnvironmentFile=, an object in envFrom):
// its last listing decides, as the tool applies it, and a listing repeated thousands of times
// costs one reading (it used to cost a reading per listing, and a copy of the history per value).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';

const build = (files) => {
  const dir = writeWorkspace(files);
  return engine.deploymentModel(new engine.Workspace(engine.nodeHost, [dir]));
};
const themis = (m) => m.services.find((s) => s.themis);
const from = (v) => `${path.basename(v.file)}=${v.value}`;
const chain = (v) => [...v.overrides, v].map(from);
const lines = (n, line) => Array.from({ length: n }, (_, i) => line(i)).join('\n') + '\n';

const A = 'THEMIS_PII_STRICT=0\nTHEMIS_PRODUCTION_MODE=0\n';
const B = 'THEMIS_PII_STRICT=1\nTHEMIS_ENVIRONMENT=staging\n';
const MANY = 2000;

describe('compose: a file listed again in env_file', () => {
  it('the last listing wins over the file listed between, which it overrides once', () => {
    const m = build({
      'docker-compose.yml': `services:\n  db:\n    image: themisdb/themisdb:1\n    env_file:\n      - a.env\n      - b.env\n      - a.env\n`,
      'a.env': A,
      'b.env': B,
    });
    const db = themis(m);
    assert.deepEqual(chain(db.env.get('THEMIS_PII_STRICT')), ['b.env=1', 'a.env=0']);
    assert.deepEqual(chain(db.env.get('THEMIS_PRODUCTION_MODE')), ['a.env=0'], 'not "set in 2 places" by one file');
    assert.deepEqual(chain(db.env.get('THEMIS_ENVIRONMENT')), ['b.env=staging']);
    assert.equal(db.sources.filter((s) => s.kind === 'env_file').length, 3, 'every listing is still a source');
  });

  it(`${MANY} listings of a ${MANY}-line file read it once`, () => {
    const m = build({
      'docker-compose.yml': `services:\n  db:\n    image: themisdb/themisdb:1\n    env_file:\n${lines(MANY, () => '      - big.env')}`,
      'big.env': lines(MANY, (i) => `THEMIS_X${i}=${i}`),
    });
    const db = themis(m);
    assert.equal(db.env.get('THEMIS_X7').value, '7');
    assert.equal(db.env.get('THEMIS_X7').overrides.length, 0);
    assert.equal(db.sources.length, MANY);
  });
});

describe('systemd: a file named again in EnvironmentFile=', () => {
  it('the last one wins, and Environment= is still overridden by it', () => {
    const m = build({
      'themisdb.service': `[Service]\nExecStart=/usr/bin/themis_server\nEnvironment=THEMIS_PRODUCTION_MODE=1\nEnvironmentFile=/etc/themisdb/a.env\nEnvironmentFile=/etc/themisdb/b.env\nEnvironmentFile=/etc/themisdb/a.env\n`,
      'a.env': A,
      'b.env': B,
    });
    const unit = themis(m);
    assert.deepEqual(chain(unit.env.get('THEMIS_PII_STRICT')), ['b.env=1', 'a.env=0']);
    assert.deepEqual(chain(unit.env.get('THEMIS_PRODUCTION_MODE')), ['themisdb.service=1', 'a.env=0']);
    assert.equal(unit.sources.filter((s) => s.kind === 'EnvironmentFile').length, 3);
  });
});

describe('Kubernetes: an object listed again in envFrom', () => {
  const CONFIG_MAPS = [
    ['a', { THEMIS_PII_STRICT: '0', THEMIS_PRODUCTION_MODE: '0' }],
    ['b', { THEMIS_PII_STRICT: '1' }],
  ]
    .map(
      ([name, data]) =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data)
          .map(([k, v]) => `  ${k}: "${v}"`)
          .join('\n')}\n`,
    )
    .join('---\n');
  const deployment = (envFrom) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: themisdb\nspec:\n  template:\n    spec:\n      containers:\n        - name: themisdb\n          image: themisdb/themisdb:1\n          envFrom:\n${envFrom}`;
  const ref = (name, prefix) =>
    `            - configMapRef:\n                name: ${name}\n${prefix ? `              prefix: ${prefix}\n` : ''}`;

  it('the last listing wins; the same object under another prefix is another source', () => {
    const m = build({
      'k8s/config.yaml': CONFIG_MAPS,
      'k8s/deployment.yaml': deployment(ref('a') + ref('b') + ref('a') + ref('b', 'THEMIS_')),
    });
    const c = themis(m);
    const values = (v) => [...v.overrides, v].map((x) => x.value);
    assert.deepEqual(values(c.env.get('THEMIS_PII_STRICT')), ['1', '0']);
    assert.deepEqual(values(c.env.get('THEMIS_PRODUCTION_MODE')), ['0']);
    assert.equal(c.env.get('THEMIS_THEMIS_PII_STRICT').value, '1');
    assert.equal(c.sources.filter((s) => s.kind === 'envFrom').length, 4);
  });
});
