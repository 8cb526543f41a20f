// Posture verdicts per control, sources, defaults, and masking of every secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';
import { ADMIN_TOKEN, HARDENED_COMPOSE } from '../helpers/deployFixtures.mjs';

/** The posture of the one ThemisDB service of a compose file with these environment lines. */
function postureOf(envLines, extra = {}) {
  const compose = `services:\n  themis:\n    image: themisdb:1\n    environment:\n${envLines.map((l) => `      - ${l}`).join('\n')}\n`;
  const dir = writeWorkspace({ 'compose.yml': compose, ...extra });
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const m = engine.deploymentModel(ws);
  const [p] = engine.deploymentPosture(ws, m);
  return Object.fromEntries(p.controls.map((c) => [c.id, c]));
}

describe('posture verdicts', () => {
  it('has every control of DESIGN "Deployments", in order', () => {
    const p = postureOf(['THEMIS_LOG_LEVEL=info']);
    assert.deepEqual(Object.keys(p), [
      'production-mode',
      'admin-token',
      'key-management',
      'tls',
      'wal-mtls',
      'pii-strict',
      'auto-download',
      'debug-switches',
      'audit-sink',
    ]);
  });

  it('an empty environment: catalog defaults, risks, source "default"', () => {
    const p = postureOf(['THEMIS_LOG_LEVEL=info']);
    assert.equal(p['production-mode'].value, 'unset (development)');
    assert.equal(p['pii-strict'].value, 'unset (0)');
    for (const id of ['production-mode', 'admin-token', 'key-management', 'pii-strict', 'auto-download']) {
      assert.equal(p[id].verdict, 'risk', id);
      assert.equal(p[id].source, 'default', id);
    }
    assert.equal(p['wal-mtls'].verdict, 'ok', 'single node');
    assert.equal(p['debug-switches'].verdict, 'ok');
    assert.equal(p['audit-sink'].verdict, 'unknown');
  });

  it('the audit sink: the blocks the docs put it in are ones the server does not read, so none decides it', () => {
    for (const block of [['logging', 'audit'], ['audit'], ['security', 'audit']])
      assert.equal(engine.readership('config', block), 'unread', block.join('.'));
    const none = postureOf(['THEMIS_LOG_LEVEL=info'])['audit-sink'];
    assert.deepEqual([none.value, none.source, none.verdict], ['none the server reads', 'default', 'unknown']);
    assert.match(none.note, /^the server reads no audit-sink setting: /);
  });

  it('TLS: the server reads no TLS setting for its API, and the PKI variables do not make one', () => {
    const none = postureOf(['THEMIS_LOG_LEVEL=info']).tls;
    assert.equal(none.verdict, 'unknown');
    assert.equal(none.source, 'default');
    assert.match(none.note, /reads no TLS setting for its API: end TLS in a proxy or ingress/);
    const pki = postureOf(['THEMIS_PKI_CERTIFICATE=/run/tls/server.crt', 'THEMIS_PKI_PRIVATE_KEY=/run/tls/server.key']).tls;
    assert.equal(pki.verdict, 'unknown', 'a certificate for audit signing is not TLS of the API');
    assert.match(pki.note, /; THEMIS_PKI_CERTIFICATE and THEMIS_PKI_PRIVATE_KEY sign audit records$/);
  });

  it('reads the values the server accepts, not look-alikes', () => {
    const p = postureOf([
      'THEMIS_PRODUCTION_MODE=True',
      'THEMIS_PII_STRICT=yes',
      'THEMIS_HSM_ENABLED=true',
      'THEMIS_DISABLE_AUTO_DOWNLOAD=true',
    ]);
    assert.equal(p['production-mode'].verdict, 'ok');
    assert.equal(p['production-mode'].source.line, 5);
    assert.equal(p['pii-strict'].verdict, 'risk', 'only 1');
    assert.equal(p['key-management'].verdict, 'risk', 'THEMIS_HSM_ENABLED reads exactly 1');
    assert.equal(p['auto-download'].verdict, 'ok');
  });

  it('THEMIS_ENVIRONMENT=production is production mode too; an http Vault is a risk; the stub wins over everything', () => {
    const p = postureOf(['THEMIS_ENVIRONMENT=prod', 'THEMIS_VAULT_ADDR=http://vault.corp:8200']);
    assert.equal(p['production-mode'].verdict, 'ok');
    assert.equal(p['production-mode'].variable, 'THEMIS_ENVIRONMENT');
    assert.equal(p['key-management'].verdict, 'risk');
    assert.equal(postureOf(['THEMIS_VAULT_ADDR=http://127.0.0.1:8200'])['key-management'].verdict, 'ok');
    assert.equal(postureOf(['THEMIS_HSM_ENABLED=1', 'THEMIS_ALLOW_HSM_STUB=1'])['key-management'].verdict, 'risk');
  });

  it('admin token: weak, empty, strong (masked) and unknown', () => {
    assert.equal(postureOf(['THEMIS_TOKEN_ADMIN=changeme'])['admin-token'].verdict, 'risk');
    assert.equal(postureOf(['THEMIS_TOKEN_ADMIN='])['admin-token'].verdict, 'risk');
    const strong = postureOf([`THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}`])['admin-token'];
    assert.equal(strong.verdict, 'ok');
    assert.equal(strong.value, engine.maskSecret(ADMIN_TOKEN));
    assert.ok(!strong.value.includes(ADMIN_TOKEN.slice(0, 8)));
    const unknown = postureOf(['THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}'])['admin-token'];
    assert.equal(unknown.verdict, 'unknown');
    assert.match(unknown.note, /shell/);
  });

  it('WAL mTLS: a multi-node deployment needs it, with client certificates and paths', () => {
    assert.equal(postureOf(['THEMIS_ENABLE_SHARDING=true'])['wal-mtls'].verdict, 'risk');
    const paths = ['THEMIS_WAL_GRPC_CERT_PATH=/c', 'THEMIS_WAL_GRPC_KEY_PATH=/k', 'THEMIS_WAL_GRPC_CA_CERT_PATH=/ca'];
    assert.equal(postureOf(['THEMIS_SHARDS=3', 'THEMIS_WAL_GRPC_ENABLE_MTLS=1', ...paths])['wal-mtls'].verdict, 'ok');
    assert.equal(
      postureOf(['THEMIS_WAL_GRPC_ENABLE_MTLS=1', 'THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT=0', ...paths])['wal-mtls'].verdict,
      'risk',
    );
    assert.match(postureOf(['THEMIS_WAL_GRPC_ENABLE_MTLS=yes'])['wal-mtls'].note, /THEMIS_WAL_GRPC_CERT_PATH/);
  });

  it('WAL mTLS: several ThemisDB services of a compose file are the reason given, before variables the server ignores', () => {
    const node = (n) => `  shard${n}:\n    image: themisdb:1\n    environment:\n      - THEMIS_ENABLE_SHARDING=true\n`;
    const dir = writeWorkspace({ 'compose.yml': `services:\n${node(1)}${node(2)}` });
    const ws = new engine.Workspace(engine.nodeHost, [dir]);
    const wal = engine.deploymentPosture(ws, engine.deploymentModel(ws))[0].controls.find((c) => c.id === 'wal-mtls');
    assert.equal(wal.verdict, 'risk');
    assert.match(wal.note, /^multi-node \(2 ThemisDB services in the compose file\)/);
  });

  it('debug switches: set is a risk, empty is not, THEMIS_DEBUG_PKI only from 1', () => {
    const p = postureOf(['THEMIS_DEBUG_ENC_DIR=/tmp/dump', 'THEMIS_PII_FORCE_INIT_FAIL=']);
    assert.equal(p['debug-switches'].verdict, 'risk');
    assert.equal(p['debug-switches'].value, '/tmp/dump');
    assert.equal(p['debug-switches'].variable, 'THEMIS_DEBUG_ENC_DIR');
    assert.equal(
      postureOf(['THEMIS_DEBUG_ENC_DIR=/x', 'THEMIS_DEBUG_PKI=1'])['debug-switches'].value,
      'THEMIS_DEBUG_ENC_DIR=/x, THEMIS_DEBUG_PKI=1',
    );
    assert.equal(postureOf(['THEMIS_DEBUG_PKI=0'])['debug-switches'].verdict, 'ok');
    assert.equal(postureOf(['THEMIS_DEBUG_PKI=1'])['debug-switches'].verdict, 'risk');
  });

  it('a hardened deployment is ok on every control but TLS and the audit sink, which no setting gives; the sink as the mounted config writes it', () => {
    const dir = writeWorkspace(HARDENED_COMPOSE);
    const ws = new engine.Workspace(engine.nodeHost, [dir]);
    const [p] = engine.deploymentPosture(ws, engine.deploymentModel(ws));
    assert.deepEqual(
      p.controls.filter((c) => c.verdict !== 'ok').map((c) => `${c.id} ${c.verdict}`),
      ['tls unknown', 'audit-sink unknown'],
    );
    const audit = p.controls.find((c) => c.id === 'audit-sink');
    assert.equal(audit.value, 'enabled: true, syslog');
    assert.match(audit.note, /^the server does not read logging\.audit: record requests at a proxy/);
    assert.equal(path.relative(dir, audit.source.file), 'config/config.yaml');
    assert.equal(audit.source.line, 5);
    const token = p.controls.find((c) => c.id === 'admin-token');
    assert.equal(path.basename(token.source.file), 'secrets.env');
  });

  it('a mounted config over the size limits is not read: its audit sink is unknown, not unconfigured', () => {
    const big = `logging:\n  audit:\n    enabled: true\nx: [${'1, '.repeat(400_000)}1]\n`;
    const dir = writeWorkspace({ ...HARDENED_COMPOSE, 'config/config.yaml': big });
    const ws = new engine.Workspace(engine.nodeHost, [dir]);
    const t0 = performance.now();
    const [p] = engine.deploymentPosture(ws, engine.deploymentModel(ws));
    assert.ok(performance.now() - t0 < 1000, 'the 1.2 MB config was not parsed');
    const audit = p.controls.find((c) => c.id === 'audit-sink');
    assert.equal(audit.verdict, 'unknown');
    assert.equal(audit.value, 'not read');
    assert.equal(audit.note, 'config.yaml: over the size limits, not read');
    assert.equal(path.relative(dir, audit.source.file), 'config/config.yaml');
  });
});

describe('displayValue', () => {
  const v = (name, value, extra = {}) => ({
    name,
    value,
    secret: engine.isServerThemisVar(name) && /TOKEN|PIN|SECRET|PASS/.test(name),
    ...extra,
  });
  it('masks secrets, values from Secret objects, known credential formats and URL passwords', () => {
    assert.equal(engine.displayValue(v('THEMIS_TOKEN_ADMIN', ADMIN_TOKEN)), engine.maskSecret(ADMIN_TOKEN));
    assert.equal(engine.displayValue(v('THEMIS_PII_STRICT', '1', { fromSecretObject: true })), engine.maskSecret('1'));
    assert.equal(
      engine.displayValue(v('THEMIS_OLLAMA_ENDPOINT', 'ghp_' + 'a'.repeat(36))),
      engine.maskSecret('ghp_' + 'a'.repeat(36)),
    );
    assert.equal(engine.displayValue(v('THEMIS_VAULT_ADDR', 'https://ops:hunter22@vault:8200')), 'https://ops:***@vault:8200');
    assert.equal(engine.displayValue(v('THEMIS_PII_STRICT', '')), '""');
    assert.equal(engine.displayValue(v('THEMIS_PII_STRICT', undefined)), 'unknown');
  });
});
