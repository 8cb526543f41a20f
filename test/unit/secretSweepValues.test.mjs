// The one masking rule (engine/secretValue.ts): which values are secret by shape, name or
// catalog, and how whole texts (the --fix-dry-run diff) and log lines are masked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../helpers/engine.mjs';

const { isSecretValue, looksSecret, maskSecretsInLog, maskSecretsInText } = engine;

describe('secret values', () => {
  it('knows secrets by shape', () => {
    for (const v of [
      'AKIAJ7Q2ZK4MXW9PLRTV',
      'postgres://themis:Pw9xK2mQ7vLr4Tz@db:5432/x',
      '-----BEGIN PRIVATE KEY-----',
      'ghp_R8mK2xQ7vLz4Tn9Wp3Yc6Hd1Jf5Gb0Sa2Ue8',
      'Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV4cXV1eHF1dXo=',
      '3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e',
      'hvs.CAESIJ8kQ2mZ7xLp4Tn9Wv3Yc6Hd1Jf5',
    ])
      assert.ok(looksSecret(v), v);
  });

  it('leaves ordinary config values alone', () => {
    for (const v of [
      '/var/lib/themisdb/rocksdb',
      'themisdb-cluster-node-01',
      'TLS_AES_256_GCM_SHA384',
      'ECDHE-RSA-AES256-GCM-SHA384',
      'https://vault.internal:8200',
      'kms/themisdb/master-key-v2',
      '${THEMIS_TOKEN_ADMIN}',
      'production',
      'MIG-4f6c1a2e-8d3b-5e7f-9a0b-1c2d3e4f5a6b',
      '8765',
      'postgres://themis:${DB_PASSWORD}@db:5432/x',
    ])
      assert.equal(looksSecret(v), false, v);
  });

  it('knows secrets by variable name and catalog; a reference is never one', () => {
    assert.ok(isSecretValue('hunter2', ['THEMIS_TOKEN_ADMIN']));
    assert.ok(isSecretValue('8080', ['port', 'THEMIS_HSM_PIN']));
    assert.equal(isSecretValue('8080', ['port', 'THEMIS_PORT']), false);
    assert.equal(isSecretValue('${THEMIS_HSM_PIN}', ['pin']), false);
    assert.equal(isSecretValue('', ['THEMIS_TOKEN_ADMIN']), false);
  });

  it('masks a .env text as dotenv reads it, keeping its lines', () => {
    const text =
      'THEMIS_PRODUCTION_MODE=1\r\nTHEMIS_TOKEN_ADMIN=hunter2hunter2\r\nKEY="-----BEGIN RSA PRIVATE KEY-----\r\nMIIEowIBAAKCAQEA7bq9Xk2LwP4\r\n-----END RSA PRIVATE KEY-----"\r\nX=1\r\n';
    const masked = maskSecretsInText(text, true);
    assert.equal(masked.split('\r\n').length, text.split('\r\n').length);
    assert.doesNotMatch(masked, /hunter|MIIEow|Xk2Lw/);
    assert.match(masked, /^THEMIS_PRODUCTION_MODE=1\r\n/);
    assert.match(masked, /\r\nX=1\r\n$/);
  });

  it('masks YAML lines by key name and shape, not references', () => {
    const text =
      'security:\n  admin_password: "V3ry-Str0ng-Passw0rd"\n  api_key: ${THEMIS_API_KEY}\n  url: https://u:Pw9xK2mQ7vLr4Tz@h/\n';
    const masked = maskSecretsInText(text, false);
    assert.doesNotMatch(masked, /Str0ng|Pw9xK/);
    assert.match(masked, /api_key: \$\{THEMIS_API_KEY\}/);
  });

  it('masks secret-shaped words of a log line only', () => {
    assert.equal(
      maskSecretsInLog('Rule SEC001 failed on /w/config.yaml: token AKIAJ7Q2ZK4MXW9PLRTV is bad'),
      'Rule SEC001 failed on /w/config.yaml: token "AKIA…" (20 characters) is bad',
    );
  });
});
