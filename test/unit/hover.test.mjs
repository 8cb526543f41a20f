// Hover contents: schema docs of YAML keys and values (type, default, accepted values,
// server reads, unsafe defaults, recommendation), .env variables from the catalog, and
// `${VAR}` definitions with secrets masked. Runs on the built engine bundle.
// Run: node --test test/unit/hover.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';

const HSM_PIN = '8b1f2e9c44d0a7c3';
const ADMIN_TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV4cXV1eHF1dXo=';
const SHORT_SECRET = 's3cr3t!';
const ENV = `# secrets\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=${HSM_PIN}\nTHEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}\nDB_PASSWORD=${SHORT_SECRET}\nTHEMIS_VAULT_ADDR=https://vault.internal:8200\n`;
const dir = writeWorkspace({ 'config/.env': ENV, 'config/config.yaml': 'storage:\n  rocksdb_path: /var/lib/themisdb\n' });
const ws = new engine.Workspace(engine.nodeHost, [dir]);

/** Hover at the `|` of `src`: { markdown, text of the span } or undefined. */
function hover(name, src, kind) {
  const offset = src.indexOf('|');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const file = new engine.SourceFile(path.join(dir, name), text);
  const h = engine.hover(file, offset, { kind, workspace: ws, root: dir });
  return h && { markdown: h.markdown, target: text.slice(h.span.start, h.span.end) };
}

/** No run of more than 4 characters of the secret appears in the text. */
function assertNoSecret(text, secret) {
  for (let i = 0; i + 5 <= secret.length; i++)
    assert.ok(!text.includes(secret.slice(i, i + 5)), `secret fragment ${secret.slice(i, i + 5)} shown in: ${text}`);
}

describe('hover: YAML keys', () => {
  it('the recommended value of a key the server ignores is one for a build that reads it', () => {
    const ignored = hover('config/config.yaml', 'server:\n  enable_t|ls: false\n', 'config');
    assert.match(ignored.markdown, /\*\*Not read by the server\*\*/);
    assert.match(ignored.markdown, /\*\*Recommended for a build that reads it:\*\* `true`/);
    const read = hover('config/config.yaml', 'server:\n  ho|st: 0.0.0.0\n', 'config');
    assert.match(read.markdown, /\*\*Recommended:\*\* `127\.0\.0\.1`/);
  });

  it('network.tls.min_version: description, accepted values, unsafe values, recommendation, server reads', () => {
    const h = hover('config/config.yaml', 'network:\n  tls:\n    min_ver|sion: "1.2"\n', 'config');
    assert.equal(h.target, 'min_version');
    assert.match(h.markdown, /\*\*network\.tls\.min_version\*\* · `string`/);
    assert.match(h.markdown, /Lowest TLS version the listener accepts/);
    assert.match(h.markdown, /Accepted values: `"1\.0"`, `"1\.1"`, `"1\.2"`, `"1\.3"`/);
    assert.match(h.markdown, /Unsafe values:\*\* Allowing 1\.0\/1\.1/);
    assert.match(h.markdown, /Recommended for a build that reads it:\*\* `"1\.3"`/, 'network.tls is not read');
    assert.match(h.markdown, /No runtime effect on the core `themis_server`/, 'says the server does not read it');
  });

  it('server.port: type, default, range, environment override, read by the server', () => {
    const h = hover('config/config.yaml', 'server:\n  po|rt: 8765\n', 'config');
    assert.match(h.markdown, /· `integer`/);
    assert.match(h.markdown, /Default: `8765`/);
    assert.match(h.markdown, /Range: 1 to 65535/);
    assert.match(h.markdown, /THEMIS_PORT/);
    assert.match(h.markdown, /Read by `themis_server`/);
  });

  it('says when the server reads a key whose description does not (inherited x-server-reads)', () => {
    const h = hover('config/mig.yaml', 'mig:\n  ena|bled: true\n', 'mig');
    assert.match(h.markdown, /Default: `false`/);
    assert.match(h.markdown, /Unsafe default:\*\* With MIG off/);
    assert.match(h.markdown, /Recommended:\*\* `true`/);
  });

  it('security.yaml keys use the security schema', () => {
    const h = hover('config/security.yaml', 'tls:\n  require_client_c|ert: false\n', 'config');
    assert.match(h.markdown, /\*\*tls\.require_client_cert\*\*/);
    assert.match(h.markdown, /Recommended for a build that reads it:\*\* `true`/, 'tls.require_client_cert is not read');
  });

  it('keys of sequence items and of incomplete files', () => {
    const mig = hover('config/mig.yaml', 'mig:\n  instances:\n    - uuid: MIG-1\n      pro|file: 1g.5gb\n', 'mig');
    assert.match(mig.markdown, /\*\*mig\.instances\[\]\.profile\*\*/);
    const broken = hover('config/config.yaml', 'storage:\n  rocksdb_path: "/var\nserver:\n  ho|st: 127.0.0.1\n', 'config');
    assert.match(broken.markdown, /\*\*server\.host\*\*/);
  });

  it('nothing for unknown keys, comments and block scalar text', () => {
    assert.equal(hover('config/config.yaml', 'my_plugin:\n  fo|o: 1\n', 'config'), undefined);
    assert.equal(hover('config/config.yaml', '# serv|er: x\n', 'config'), undefined);
    assert.equal(hover('config/config.yaml', 'server:\n  host: >\n    po|rt: 1\n', 'config'), undefined);
  });
});

describe('hover: YAML values', () => {
  it('an unsafe default says why and what to set', () => {
    const h = hover('config/config.yaml', 'server:\n  host: 0.0.|0.0\n', 'config');
    assert.equal(h.target, '0.0.0.0');
    assert.match(h.markdown, /⚠️ \*\*Unsafe:\*\* Listening on all interfaces/);
    assert.match(h.markdown, /Set instead:\*\* `127\.0\.0\.1`/);
    assert.match(h.markdown, /Address the API listens on/, 'the key documentation follows');
  });

  it('the opposite of a recommended boolean is unsafe; the recommended value is confirmed where the server reads it', () => {
    const off = hover('config/config.yaml', 'llm:\n  auto_download: tr|ue\n', 'config');
    assert.match(off.markdown, /⚠️ \*\*Unsafe:\*\*/);
    assert.match(off.markdown, /Set instead:\*\* `false`/);
    // one story per key: on a key the server does not read, the fix is what works instead, not another value
    const tickets = hover('config/config.yaml', 'network:\n  tls:\n    session_tickets: tr|ue\n', 'config');
    assert.match(tickets.markdown, /The server does not read this key/);
    assert.doesNotMatch(tickets.markdown, /Set instead|Unsafe/);
    // network.tls is not read by the server: even the recommended value protects nothing, so no ✓
    const unread = hover('config/config.yaml', 'network:\n  tls:\n    session_tickets: no|\n', 'config');
    assert.doesNotMatch(unread.markdown, /✓/);
    assert.match(unread.markdown, /The server does not read this key.*`themis_server`\. Terminate TLS in a proxy in front/);
    // a key replaced by a variable names it once, in one sentence of its own
    const body = hover('config/config.yaml', 'server:\n  max_request_size_mb: 1|0\n', 'config');
    assert.match(body.markdown, /no effect on `themis_server`\. Set THEMIS_MAX_BODY_BYTES instead, which the server reads\./);
    assert.doesNotMatch(body.markdown, /Instead: set/);
    const ok = hover('config/config.yaml', 'hsm:\n  provider: pkc|s11\n', 'config');
    assert.match(ok.markdown, /✓ `pkcs11` is the recommended value/);
  });

  it('an enum value shows its own description; a wrong one is flagged', () => {
    const h = hover('config/config.yaml', 'network:\n  tls:\n    min_version: "1.|2"\n', 'config');
    assert.match(h.markdown, /^\*\*network\.tls\.min_version\*\* = `"1\.2"`: TLS 1\.2/, 'the value and its meaning on one line');
    assert.doesNotMatch(h.markdown, /Recommended/, 'an unread key: the hover says what works instead');
    const read = hover('config/config.yaml', 'server:\n  host: localhos|t\n', 'config');
    assert.match(read.markdown, /Recommended: `127\.0\.0\.1`/);
    const bad = hover('config/config.yaml', 'network:\n  tls:\n    client_auth: mayb|e\n', 'config');
    assert.match(bad.markdown, /`maybe` is not one of the accepted values/);
  });

  it('MIG profiles show their memory; sequence items the recommended list', () => {
    const h = hover('config/mig.yaml', 'mig:\n  instances:\n    - profile: 3g.4|0gb\n', 'mig');
    assert.match(h.markdown, /40 GB/);
    const c = hover(
      'config/config.yaml',
      'network:\n  tls:\n    cipher_suites:\n      - TLS_RSA_WITH_|AES_128_CBC_SHA\n',
      'config',
    );
    assert.match(c.markdown, /Recommended list of `network\.tls\.cipher_suites`: `TLS_AES_256_GCM_SHA384`/);
  });

  it('never shows a literal secret written in the YAML', () => {
    const secret = 'hunter2-but-much-longer-42';
    const h = hover('config/config.yaml', `hsm:\n  pkcs11:\n    pin: "${secret.slice(0, 3)}|${secret.slice(3)}"\n`, 'config');
    assert.match(h.markdown, /Secret\*\*: the value is not shown/);
    assertNoSecret(h.markdown, secret);
  });
});

describe('hover: ${VAR} references', () => {
  it('a secret is shown masked with where it is defined', () => {
    const h = hover('config/config.yaml', 'hsm:\n  pkcs11:\n    pin: "${THEMIS_HS|M_PIN}"\n', 'config');
    assert.equal(h.target, '${THEMIS_HSM_PIN}');
    assert.match(h.markdown, /defined in `config\/\.env` line 3/);
    assert.ok(h.markdown.includes(engine.maskSecret(HSM_PIN)), h.markdown);
    assertNoSecret(h.markdown, HSM_PIN);
    assert.match(h.markdown, /PKCS#11 user PIN/, 'catalog documentation follows');
  });

  it('names that look secret are masked even when the catalog does not know them', () => {
    const token = hover('config/config.yaml', 'api:\n  admin_token: ${THEMIS_TOKEN_AD|MIN}\n', 'config');
    assertNoSecret(token.markdown, ADMIN_TOKEN);
    const pw = hover('config/config.yaml', 'db:\n  password: ${DB_PASS|WORD}\n', 'config');
    assertNoSecret(pw.markdown, SHORT_SECRET);
    assert.match(pw.markdown, /\(7 characters\)/);
  });

  it('non-secret values are shown; undefined variables mention their fallback', () => {
    const v = hover('config/config.yaml', 'vault:\n  address: ${THEMIS_VAULT_A|DDR}\n', 'config');
    assert.match(v.markdown, /`https:\/\/vault\.internal:8200`/);
    const u = hover('config/config.yaml', 'storage:\n  rocksdb_path: ${DATA_R|OOT:-/var/lib/themis}\n', 'config');
    assert.match(u.markdown, /not defined in any \.env file/);
    assert.match(u.markdown, /fallback `\/var\/lib\/themis`/);
  });

  it("works in .env values, where the file's own definition wins", () => {
    const h = hover('config/.env', 'BASE=/srv\nTHEMIS_DATA=${BA|SE}/data\n', 'env');
    assert.match(h.markdown, /defined in `config\/\.env` line 1: `\/srv`/);
  });

  it('in .env files: inside multi-line values too, and with the right line after one', () => {
    const inside = hover('config/.env', 'BASE=/srv\nTHEMIS_PKI_CERTIFICATE="line one\n${BA|SE}/x"\n', 'env');
    assert.equal(inside.target, '${BASE}');
    assert.match(inside.markdown, /defined in `config\/\.env` line 1: `\/srv`/);
    const after = hover('config/.env', 'NOTES="one\ntwo\nthree"\nBASE=/srv\nTHEMIS_DATA=${BA|SE}/data\n', 'env');
    assert.match(after.markdown, /defined in `config\/\.env` line 4: `\/srv`/);
  });
});

describe('hover: .env', () => {
  it('a variable name shows the catalog entry and whether the server reads it', () => {
    const h = hover('config/.env', 'THEMIS_ENVI|RONMENT=production\n', 'env');
    assert.equal(h.target, 'THEMIS_ENVIRONMENT');
    assert.match(h.markdown, /Names the deployment environment/);
    assert.match(h.markdown, /Read by the server/);
    assert.match(h.markdown, /Accepted values: `production`, `prod`, `development`/);
    assert.match(h.markdown, /Unsafe default:\*\* The default `development`/);
    assert.match(h.markdown, /Recommended:\*\* `production`/);
  });

  it('docs-only, build-time and unknown variables say that the server does not read them', () => {
    const docsOnly = Object.entries(
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/themisdb-env.json'), 'utf8')).variables,
    ).find(([, v]) => v.status === 'docs-only')[0];
    const d = hover('config/.env', `${docsOnly.slice(0, 3)}|${docsOnly.slice(3)}=x\n`, 'env');
    assert.match(d.markdown, /\*\*Not read by the server\*\*/);
    const b = hover('config/.env', 'THEMIS_ENABLE_G|RPC=ON\n', 'env');
    assert.match(b.markdown, /build-time/);
    const u = hover('config/.env', 'THEMIS_NOT_A_R|EAL_VAR=1\n', 'env');
    assert.match(u.markdown, /Not in the ThemisDB environment catalog/);
  });

  it('values: unaccepted spellings, unsafe defaults, recommended ones', () => {
    const flag = hover('config/.env', 'THEMIS_HSM_ENABLED=tr|ue\n', 'env');
    assert.match(flag.markdown, /`true` is not an accepted value: the server treats it as off/);
    const dev = hover('config/.env', 'THEMIS_ENVIRONMENT=devel|opment\n', 'env');
    assert.match(dev.markdown, /This is the default, which is unsafe/);
    const prod = hover('config/.env', 'THEMIS_ENVIRONMENT=prod|uction\n', 'env');
    assert.match(prod.markdown, /✓ `production` is the recommended value/);
  });

  it('inside a multi-line quoted value a `KEY=` line is part of the value, as dotenv reads it', () => {
    const src =
      'THEMIS_PKI_CERTIFICATE="-----BEGIN CERTIFICATE-----\nTHEMIS_PRODUC|TION_MODE=1\n-----END CERTIFICATE-----"\nTHEMIS_ENVIRONMENT=production\n';
    const h = hover('config/.env', src, 'env');
    assert.ok(h, 'the hover is about the value the line belongs to');
    assert.doesNotMatch(h.markdown, /THEMIS_PRODUCTION_MODE|production mode/);
    assert.match(h.markdown, /\*\*THEMIS_PKI_CERTIFICATE\*\*/);
    assert.ok(h.target.startsWith('"-----BEGIN CERTIFICATE-----\n') && h.target.endsWith('-----END CERTIFICATE-----"'), h.target);
    const v = hover('config/.env', src.replace('PRODUC|TION_MODE=1', 'PRODUCTION_MODE=|1'), 'env');
    assert.doesNotMatch(v.markdown, /THEMIS_PRODUCTION_MODE|recommended value/);
    // the entry after the value is read as usual
    const after = hover('config/.env', src.replace('|', '').replace('THEMIS_ENVIRONMENT', 'THEMIS_ENVI|RONMENT'), 'env');
    assert.equal(after.target, 'THEMIS_ENVIRONMENT');
    // an unknown variable's multi-line value: nothing to say, and never THEMIS_PRODUCTION_MODE's docs
    assert.equal(hover('config/.env', 'NOTES="first\nTHEMIS_PRODUC|TION_MODE=1\n"\n', 'env'), undefined);
  });

  it('a comment, or a value dotenv cuts at `#`, has no hover', () => {
    assert.equal(hover('config/.env', '# THEMIS_ENVI|RONMENT=production\n', 'env'), undefined);
    assert.equal(hover('config/.env', 'THEMIS_ENVIRONMENT=production # pro|d\n', 'env'), undefined);
    const h = hover('config/.env', 'THEMIS_ENVIRONMENT=prod|uction#x\n', 'env');
    assert.equal(h.target, 'production');
  });

  it('never echoes a secret value', () => {
    const h = hover('config/.env', `THEMIS_HSM_PIN=${HSM_PIN.slice(0, 6)}|${HSM_PIN.slice(6)}\n`, 'env');
    assert.match(h.markdown, /the value is not shown/);
    assertNoSecret(h.markdown, HSM_PIN);
  });
});

describe('hover: speed', () => {
  it('answers in under 10 ms on a 10,000-line config.yaml', () => {
    const base = fs.readFileSync(path.join(repoRoot, 'test/fixtures/real/3955e2b8/config/core/config.yaml'), 'utf8');
    let big = base;
    for (let i = 0; big.split('\n').length < 10000; i++) big += '\n' + base.replace(/^(\w+):/gm, (_m, k) => `${k}_${i}:`);
    const text = big + '\nnetwork:\n  tls:\n    min_version: "1.2"\n';
    const offset = text.lastIndexOf('min_version') + 3;
    const times = [];
    for (let r = 0; r < 20; r++) {
      const file = new engine.SourceFile('/ws/config.yaml', text);
      const u0 = process.cpuUsage();
      assert.ok(engine.hover(file, offset, { kind: 'config' }));
      const u = process.cpuUsage(u0);
      if (r >= 5) times.push((u.user + u.system) / 1000);
    }
    times.sort((a, b) => a - b);
    assert.ok(times[7] < 10, `median ${times[7].toFixed(2)} ms CPU`);
  });
});
