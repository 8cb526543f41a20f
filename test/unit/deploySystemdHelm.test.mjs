// systemd (unit + drop-ins in name order + EnvironmentFile, which overrides Environment=) and Helm values.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';
import { ADMIN_TOKEN, DROPIN_10, DROPIN_20, HELM_VALUES, SECRET, UNIT, UNIT_ENV } from '../helpers/deployFixtures.mjs';

const at = (v) => fs.readFileSync(v.file, 'utf8').slice(v.span.start, v.span.end);
const lineOf = (v) => fs.readFileSync(v.file, 'utf8').slice(0, v.span.start).split('\n').length;
const build = (files) => {
  const dir = writeWorkspace(files);
  return { dir, m: engine.deploymentModel(new engine.Workspace(engine.nodeHost, [dir])) };
};

describe('systemd unit parser', () => {
  const text =
    '[Service]\nEnvironment="A=1 2" B=x\\ y \\\n# skipped comment\n  C=\'q"r\' D\nEnvironment=\n; comment\nExecStart=/bin/true\n';
  const unit = new engine.SystemdUnit(text);

  it('joins continuation lines and skips comments inside them', () => {
    const e = unit.all('Service', 'Environment');
    assert.equal(e.length, 2);
    assert.equal(e[0].value, '"A=1 2" B=x\\ y    C=\'q"r\' D');
    assert.equal(e[0].line, 1);
    assert.equal(e[1].value, '');
    assert.equal(unit.all('Service', 'ExecStart')[0].value, '/bin/true');
  });

  it('splits assignments with quotes and escapes, spans pointing into the file', () => {
    const { assignments, invalid } = engine.environmentAssignments(unit.all('Service', 'Environment')[0]);
    assert.deepEqual(
      assignments.map((a) => [a.name, a.value]),
      [
        ['A', '1 2'],
        ['B', 'x y'],
        ['C', 'q"r'],
      ],
    );
    assert.equal(text.slice(assignments[0].valueSpan.start, assignments[0].valueSpan.end), '1 2');
    assert.equal(text.slice(assignments[2].keySpan.start, assignments[2].keySpan.end), 'C');
    assert.equal(text.slice(assignments[2].valueSpan.start, assignments[2].valueSpan.end), 'q"r');
    assert.equal(invalid.length, 1, 'D has no "="');
  });
});

describe('systemd: unit, drop-ins and EnvironmentFile', () => {
  const { dir, m } = build({
    'deploy/themisdb.service': UNIT,
    'deploy/themisdb.service.d/20-prod.conf': DROPIN_20,
    'deploy/themisdb.service.d/10-base.conf': DROPIN_10,
    'deploy/themisdb.env': UNIT_ENV,
  });
  const s = m.services.find((x) => x.kind === 'systemd');

  it('one service from the unit and its drop-ins, in name order', () => {
    assert.equal(m.services.length, 1);
    assert.equal(s.name, 'themisdb.service');
    assert.equal(s.themis, true);
    assert.deepEqual(
      s.files.map((f) => path.relative(dir, f)),
      ['deploy/themisdb.service', 'deploy/themisdb.service.d/10-base.conf', 'deploy/themisdb.service.d/20-prod.conf'],
    );
    assert.equal(fs.readFileSync(s.file, 'utf8').slice(s.span.start, s.span.end), '[Service]');
  });

  it('drop-ins override the unit, the later drop-in wins, UnsetEnvironment removes', () => {
    const pii = s.env.get('THEMIS_PII_STRICT');
    assert.equal(pii.value, '1');
    assert.equal(path.basename(pii.file), '10-base.conf');
    assert.equal(pii.overrides[0].value, '0');
    assert.equal(lineOf(pii.overrides[0]), 11, 'the continued Environment= line');
    const vault = s.env.get('THEMIS_VAULT_ADDR');
    assert.equal(vault.value, 'https://vault-b.internal:8200');
    assert.equal(at(vault), 'https://vault-b.internal:8200');
    assert.equal(s.env.has('THEMIS_DEBUG_PKI'), false);
    const dl = s.env.get('THEMIS_DISABLE_AUTO_DOWNLOAD');
    assert.equal(lineOf(dl), 12, 'a value on a continuation line');
    assert.equal(at(dl), '1');
  });

  it('EnvironmentFile (an absolute path, found by name beside the unit) overrides Environment=', () => {
    const src = s.sources[0];
    assert.equal(src.kind, 'EnvironmentFile');
    assert.equal(src.name, '/etc/themisdb/themisdb.env');
    assert.equal(src.optional, true);
    assert.equal(src.resolvedBy, 'name');
    const pm = s.env.get('THEMIS_PRODUCTION_MODE');
    assert.equal(pm.value, 'yes');
    assert.equal(pm.origin, 'systemd-environment-file');
    assert.equal(path.basename(pm.file), 'themisdb.env');
    assert.equal(pm.overrides[0].value, '1');
    assert.equal(s.env.get('THEMIS_TOKEN_ADMIN').value, ADMIN_TOKEN);
    assert.equal(engine.servicesLoading(m, path.join(dir, 'deploy/themisdb.env')).length, 1);
  });

  it('a mirrored target tree resolves by path first; a template stands in for a missing file', () => {
    const mirrored = build({ 'x/themisdb.service': UNIT, 'x/etc/themisdb/themisdb.env': 'THEMIS_HSM_ENABLED=1\n' }).m;
    assert.equal(mirrored.services[0].sources[0].resolvedBy, 'path');
    assert.equal(mirrored.services[0].env.get('THEMIS_HSM_ENABLED').value, '1');
    const templ = build({
      'x/themisdb.service': UNIT,
      'x/themisdb.env.example': 'THEMIS_TOKEN_ADMIN=\nTHEMIS_HSM_ENABLED=1\n',
    }).m;
    const t = templ.services[0];
    assert.equal(t.sources[0].resolvedBy, 'template');
    assert.equal(t.env.get('THEMIS_TOKEN_ADMIN').value, undefined, 'empty in a template: filled in at install');
    assert.equal(t.env.get('THEMIS_TOKEN_ADMIN').fromTemplate, true);
    assert.equal(t.env.get('THEMIS_HSM_ENABLED').value, '1');
  });

  it('an empty Environment= clears the assignments before it', () => {
    const r = build({ 'a.service': UNIT, 'a.service.d/x.conf': '[Service]\nEnvironment=\nEnvironment=THEMIS_PII_STRICT=1\n' }).m;
    const env = r.services[0].env;
    assert.equal(env.has('THEMIS_ENVIRONMENT'), false);
    assert.equal(env.get('THEMIS_PII_STRICT').value, '1');
  });

  it("another app's unit is not ThemisDB", () => {
    const r = build({ 'nginx.service': '[Service]\nExecStart=/usr/sbin/nginx\nEnvironment=PORT=80\n' }).m;
    assert.equal(r.services[0].themis, false);
    assert.equal(r.files[0].themis, false);
  });
});

describe('Helm values', () => {
  const { dir, m } = build({
    'chart/values-prod.yaml': HELM_VALUES,
    'chart/Chart.yaml': 'apiVersion: v2\nname: themisdb\nversion: 1.0.0\n',
    'secrets/s.yaml': SECRET,
  });
  const s = m.services.find((x) => x.kind === 'helm');

  it('one release per values file, named after the chart, with the list and map env shapes', () => {
    assert.equal(s.name, 'themisdb (values-prod.yaml)');
    assert.equal(s.themis, true);
    assert.equal(s.image, 'registry.example.com/themisdb:1.5.0');
    assert.deepEqual(s.instances, { count: 2, reason: 'replicaCount: 2' });
    assert.equal(s.env.get('THEMIS_PRODUCTION_MODE').value, '1');
    assert.equal(s.env.get('THEMIS_PII_STRICT').value, '1');
    assert.equal(at(s.env.get('THEMIS_DEBUG_ENC_DIR')), '/tmp/enc');
    assert.equal(s.env.get('THEMIS_DEBUG_ENC_DIR').origin, 'helm-env');
    assert.equal(s.env.has('POSTGRES_PASSWORD'), false, 'another component of the chart');
  });

  it('secretKeyRef resolves against the Secrets of the workspace', () => {
    const t = s.env.get('THEMIS_TOKEN_ADMIN');
    assert.equal(t.value, ADMIN_TOKEN);
    assert.equal(path.relative(dir, t.file), 'secrets/s.yaml');
  });

  it('a config value that is a ThemisDB config is exposed with manifest offsets', () => {
    assert.equal(s.configs.length, 1);
    const c = s.configs[0];
    assert.equal(c.owner, 'values themisdb.config');
    const text = fs.readFileSync(c.file, 'utf8');
    const off = engine.embeddedOffset(c, c.text.indexOf('audit.log'));
    assert.equal(text.slice(off, off + 9), 'audit.log');
  });

  it('a values file of another chart is not ThemisDB', () => {
    const r = build({ 'values.yaml': 'image:\n  repository: bitnami/redis\nenv:\n  - name: REDIS_PASSWORD\n    value: x\n' }).m;
    assert.equal(r.services[0].themis, false);
  });
});

describe('systemd precedence (systemd.exec(5))', () => {
  const { dir, m } = build({
    'themisdb.service':
      '[Service]\nExecStart=/usr/bin/themis_server\nEnvironmentFile=/etc/themisdb/a.env\nEnvironment=THEMIS_PII_STRICT=1 THEMIS_PRODUCTION_MODE=0\n',
    'themisdb.service.d/10-override.conf':
      '[Service]\nEnvironment=THEMIS_PRODUCTION_MODE=1\nEnvironment=THEMIS_PII_STRICT=1\nEnvironmentFile=/etc/themisdb/b.env\n',
    'a.env': 'THEMIS_PII_STRICT=0\nTHEMIS_DISABLE_AUTO_DOWNLOAD=0\n',
    'b.env': 'THEMIS_DISABLE_AUTO_DOWNLOAD=1\n',
  });
  const s = m.services[0];

  it("a drop-in's Environment= overrides the unit's Environment=", () => {
    const pm = s.env.get('THEMIS_PRODUCTION_MODE');
    assert.equal(pm.value, '1');
    assert.equal(path.relative(dir, pm.file), 'themisdb.service.d/10-override.conf');
    assert.equal(pm.overrides[0].value, '0');
  });

  it("the unit's EnvironmentFile= overrides a drop-in's Environment=, and says so", () => {
    const pii = s.env.get('THEMIS_PII_STRICT');
    assert.equal(pii.value, '0');
    assert.equal(path.relative(dir, pii.file), 'a.env');
    assert.deepEqual(
      pii.overrides.map((o) => path.relative(dir, o.file)),
      ['themisdb.service', 'themisdb.service.d/10-override.conf'],
    );
    assert.ok(s.notes.some((n) => /EnvironmentFile= overrides Environment= \(systemd\.exec\(5\)\).*THEMIS_PII_STRICT/.test(n)));
  });

  it("a later EnvironmentFile= (the drop-in's) overrides an earlier one; the posture names that line", () => {
    const dl = s.env.get('THEMIS_DISABLE_AUTO_DOWNLOAD');
    assert.equal(dl.value, '1');
    assert.equal(path.relative(dir, dl.file), 'b.env');
    const posture = engine.servicePosture(new engine.Workspace(engine.nodeHost, [dir]), s);
    const row = (id) => posture.controls.find((c) => c.id === id);
    assert.deepEqual([row('auto-download').source.line, path.relative(dir, row('auto-download').source.file)], [1, 'b.env']);
    assert.deepEqual(
      [row('pii-strict').source.line, path.relative(dir, row('pii-strict').source.file), row('pii-strict').verdict],
      [1, 'a.env', 'risk'],
    );
    assert.equal(path.relative(dir, row('production-mode').source.file), 'themisdb.service.d/10-override.conf');
  });
});
