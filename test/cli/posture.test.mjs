// `themisdb-lint posture`: the real CLI on realistic workspaces of every kind; no secret in any output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { cli, cliPath, json, workspace } from './helpers.mjs';
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
  b64,
} from '../helpers/deployFixtures.mjs';

const ESC = '\x1b[';
const hasScript = spawnSync('script', ['-qc', 'true', '/dev/null']).status === 0;
const COMPOSE_TOKEN = 'Rk3vT8mQ1zX5cL9pW2nB7yH4dG6sJ0aF3eU8iO1lN5M=';

const everything = () =>
  workspace({
    'compose/docker-compose.yml': `services:
  themisdb:
    image: ghcr.io/makr-code/themisdb:1.5.0
    env_file: ./themis.env
    environment:
      - THEMIS_PRODUCTION_MODE=1
      - THEMIS_TOKEN_ADMIN=\${ADMIN_TOKEN}
  grafana:
    image: grafana/grafana:11
    environment:
      GF_SECURITY_ADMIN_PASSWORD: grafana-pass-9876
`,
    'compose/.env': `ADMIN_TOKEN=${COMPOSE_TOKEN}\n`,
    'compose/themis.env': 'THEMIS_PII_STRICT=1\nTHEMIS_HSM_PIN=482913\n',
    'k8s/secret.yaml': SECRET,
    'k8s/configmaps.yaml': CONFIGMAP,
    'k8s/deployment.yaml': DEPLOYMENT,
    'helm/values.yaml': HELM_VALUES,
    'helm/Chart.yaml': 'apiVersion: v2\nname: themisdb\nversion: 1.0.0\n',
    'systemd/themisdb.service': UNIT,
    'systemd/themisdb.service.d/10-base.conf': DROPIN_10,
    'systemd/themisdb.service.d/20-prod.conf': DROPIN_20,
    'systemd/themisdb.env': UNIT_ENV,
  });

// every secret of the workspace, as written and as the base64 a Secret holds
const SECRETS = [ADMIN_TOKEN, VAULT_TOKEN, COMPOSE_TOKEN, '482913', 'grafana-pass-9876', 'pg-password-123'];
const assertNoSecret = (out) => {
  for (const s of SECRETS) {
    assert.ok(!out.includes(s), `secret ${s.slice(0, 4)}… leaked`);
    assert.ok(!out.includes(b64(s)), `base64 of ${s.slice(0, 4)}… leaked`);
    assert.ok(!out.includes(s.slice(0, 12)), `a long prefix of ${s.slice(0, 4)}… leaked`);
  }
};

describe('themisdb-lint posture (text)', () => {
  const dir = everything();
  const r = cli(['posture', '.'], { cwd: dir });

  it('prints one table per ThemisDB service, other apps left out', () => {
    assert.equal(r.code, 0, r.stderr);
    const heads = r.stdout
      .split('\n')
      .filter((l) => /^(compose|kubernetes|helm|systemd) /.test(l))
      .map((l) => l.split('  ')[0]);
    assert.deepEqual(heads, [
      'compose themisdb',
      'kubernetes Deployment/themisdb/server',
      'helm themisdb (values.yaml)',
      'systemd themisdb.service',
    ]);
    assert.ok(!/grafana|vault-agent|postgres/i.test(heads.join()));
    assert.match(r.stdout, /^4 ThemisDB services: \d+ risks?, \d+ unknown, \d+ ok$/m);
  });

  it('aligns the columns of every row and names the source line', () => {
    const rows = r.stdout.split('\n').filter((l) => /^ {2}(control|production mode|admin token|PII strict) /.test(l));
    const col = (l, word) => l.indexOf(word);
    const header = rows.find((l) => l.includes('control'));
    const sourceAt = col(header, 'source');
    const verdictAt = col(header, 'verdict');
    for (const l of rows.filter((x) => !x.includes('control'))) {
      assert.match(l.slice(sourceAt), /^(default|[\w./-]+:\d+) /, l);
      assert.match(l.slice(verdictAt), /^(ok|risk|unknown)\b/, l);
    }
    assert.match(r.stdout, / {2}production mode +THEMIS_PRODUCTION_MODE +1 +compose\/docker-compose\.yml:6 +ok/);
    // the Secret wins over the ConfigMap; a value from a Secret is masked whatever it is
    assert.match(r.stdout, / {2}PII strict +THEMIS_PII_STRICT +"…" \(1 characters\) +k8s\/secret\.yaml:9 +risk/);
    assert.match(
      r.stdout,
      / {2}production mode +THEMIS_PRODUCTION_MODE +yes +systemd\/themisdb\.env:3 +ok/,
      'EnvironmentFile over Environment=',
    );
  });

  it('shows no secret, plain or base64-decoded', () => assertNoSecret(r.stdout + r.stderr));

  it('no colour through a pipe; colour when forced; none with NO_COLOR', () => {
    assert.ok(!r.stdout.includes(ESC));
    assert.ok(cli(['posture', '.'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout.includes(`${ESC}31m`));
    assert.ok(!cli(['posture', '.'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(cli(['posture', '--color', '.'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout.includes(`${ESC}31m`), '--color');
    assert.ok(!cli(['posture', '--no-color', '.'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC), '--no-color');
    assert.deepEqual(
      json(cli(['posture', '-f', 'json', '.'], { cwd: dir })),
      json(cli(['posture', '--format', 'json', '.'], { cwd: dir })),
    );
  });

  it('colours on a terminal', { skip: !hasScript && 'script(1) is not installed' }, () => {
    const command = [process.execPath, cliPath, 'posture', '.'].map((a) => `'${a}'`).join(' ');
    const env = { ...process.env, TERM: 'xterm' };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const out = spawnSync('script', ['-qc', command, '/dev/null'], { cwd: dir, env, encoding: 'utf8' }).stdout;
    assert.ok(out.includes(`${ESC}32m`), 'verdicts in colour');
    assertNoSecret(out);
  });

  it('a file named on the command line: its services only, references still resolved', () => {
    const one = cli(['posture', 'k8s/deployment.yaml'], { cwd: dir });
    assert.equal(one.code, 0);
    assert.match(one.stdout, /^kubernetes Deployment\/themisdb\/server/m);
    assert.match(one.stdout, /admin token +THEMIS_TOKEN_ADMIN +"pV3n…" \(44 characters\) +k8s\/secret\.yaml:8 +ok/);
    assert.match(one.stdout, /^1 ThemisDB service:/m);
  });
});

describe('themisdb-lint posture --format json', () => {
  const dir = everything();
  const r = cli(['posture', '--format', 'json', '.'], { cwd: dir });
  const out = json(r);

  it('lists services with their controls, sources and verdicts', () => {
    assert.deepEqual(
      out.services.map((s) => [s.kind, s.name]),
      [
        ['compose', 'themisdb'],
        ['kubernetes', 'Deployment/themisdb/server'],
        ['helm', 'themisdb (values.yaml)'],
        ['systemd', 'themisdb.service'],
      ],
    );
    const systemd = out.services[3];
    assert.equal(systemd.file, 'systemd/themisdb.service');
    assert.deepEqual(systemd.files, [
      'systemd/themisdb.service',
      'systemd/themisdb.service.d/10-base.conf',
      'systemd/themisdb.service.d/20-prod.conf',
    ]);
    assert.deepEqual(systemd.sources[0], {
      kind: 'EnvironmentFile',
      name: '/etc/themisdb/themisdb.env',
      file: 'systemd/themisdb.service',
      line: 9,
      resolved: 'systemd/themisdb.env',
      resolvedBy: 'name',
      optional: true,
    });
    const pii = systemd.controls.find((c) => c.id === 'pii-strict');
    assert.deepEqual(pii, {
      id: 'pii-strict',
      control: 'PII strict',
      variable: 'THEMIS_PII_STRICT',
      value: '1',
      source: { file: 'systemd/themisdb.service.d/10-base.conf', line: 2 },
      verdict: 'ok',
    });
    const compose = out.services[0];
    const token = compose.controls.find((c) => c.id === 'admin-token');
    assert.deepEqual(token.source, { file: 'compose/docker-compose.yml', line: 7 });
    assert.equal(token.verdict, 'ok');
    const audit = out.services[1].controls.find((c) => c.id === 'audit-sink');
    assert.deepEqual(
      [audit.value, audit.verdict, audit.source.file],
      ['enabled: true, syslog', 'unknown', 'k8s/configmaps.yaml'],
    );
    assert.match(audit.note, /^the server does not read logging\.audit: /);
    for (const s of out.services) for (const c of s.controls) assert.ok(['ok', 'risk', 'unknown'].includes(c.verdict));
  });

  it('shows no secret, plain or base64-decoded', () => assertNoSecret(r.stdout));

  it('a hardened deployment: every control ok but TLS and the audit sink, which no setting of the server gives', () => {
    const h = json(cli(['posture', '--format=json'], { cwd: workspace(HARDENED_COMPOSE) }));
    assert.equal(h.services.length, 1);
    assert.deepEqual(
      h.services[0].controls.filter((c) => c.verdict !== 'ok').map((c) => `${c.id} ${c.verdict}`),
      ['tls unknown', 'audit-sink unknown'],
    );
  });
});

describe('themisdb-lint posture: edges', () => {
  it('says so when no ThemisDB service is found', () => {
    const dir = workspace({ 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n', 'config.yaml': 'a: 1\n' });
    const r = cli(['posture'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^No ThemisDB service .* was found under the given paths\.$/m);
    assert.deepEqual(json(cli(['posture', '--format', 'json'], { cwd: dir })), { services: [] });
  });

  it('usage errors exit 2; --help exits 0', () => {
    const dir = workspace({});
    assert.equal(cli(['posture', '--format', 'sarif', '.'], { cwd: dir }).code, 2);
    assert.equal(cli(['posture', '--bogus'], { cwd: dir }).code, 2);
    const missing = cli(['posture', 'nope'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read nope/);
    const help = cli(['posture', '--help'], { cwd: dir });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: themisdb-lint posture/);
    assert.match(cli(['--help'], { cwd: dir }).stdout, /themisdb-lint posture/);
  });

  it('reads files in place: the paths in the output are relative to the working folder', () => {
    const dir = everything();
    const r = cli(['posture', path.join(dir, 'systemd')], { cwd: path.join(dir, 'compose') });
    assert.match(r.stdout, /\.\.\/systemd\/themisdb\.service\.d\/10-base\.conf:2|systemd\/themisdb\.service\.d\/10-base\.conf:2/);
  });
});
