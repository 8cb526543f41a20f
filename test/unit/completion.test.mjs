// Completion at many positions: config.yaml dialects, security.yaml, mig.yaml, .env,
// `${` references, partially typed keys and incomplete YAML. Runs on the built
// engine bundle (npm test builds it first).
// Run: node --test test/unit/completion.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseDocument } from 'yaml';
import { engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';

const HSM_PIN = '8b1f2e9c44d0a7c3';
const ADMIN_TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV4cXV1eHF1dXo=';
const ENV = `# secrets\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=${HSM_PIN}\nTHEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}\nTHEMIS_VAULT_ADDR=https://vault.internal:8200\nMY_DATA_DIR=/srv/themis\n`;
const dir = writeWorkspace({ 'config/.env': ENV, 'config/config.yaml': 'storage:\n  rocksdb_path: /var/lib/themisdb\n' });
const ws = new engine.Workspace(engine.nodeHost, [dir]);

/** Completion at the `|` of `src`; returns { items, text, offset }. */
function complete(name, src, kind, options = {}) {
  const offset = src.indexOf('|');
  assert.ok(offset >= 0, 'the source marks the cursor with |');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const file = new engine.SourceFile(path.join(dir, name), text);
  const items = engine.complete(file, offset, { kind, workspace: ws, root: dir, ...options });
  items.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  return { items, text, offset };
}
const labels = (items) => items.map((i) => i.label);
const find = (items, label) => {
  const it = items.find((i) => i.label === label);
  assert.ok(it, `no item ${label}; got ${labels(items).slice(0, 40).join(', ')}`);
  return it;
};
/** Snippet syntax -> the text the editor shows (placeholders keep their defaults). */
const unsnippet = (s) =>
  s
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
/** The document after accepting an item (insert as is: multi-line items carry their indentation). */
function accept(text, item) {
  const t = item.snippet ? unsnippet(item.insertText) : item.insertText;
  return text.slice(0, item.span.start) + t + text.slice(item.span.end);
}

describe('completion: config.yaml (hardening-guide dialect)', () => {
  it('offers the keys of network.tls that are not yet present', () => {
    const { items } = complete('config/config.yaml', 'network:\n  tls:\n    enabled: true\n    |\n', 'config');
    const l = labels(items);
    for (const k of ['min_version', 'max_version', 'cipher_suites', 'cert_file', 'client_auth', 'session_tickets'])
      assert.ok(l.includes(k), `missing ${k}`);
    assert.ok(!l.includes('enabled'), 'enabled is already present');
    assert.ok(items.every((i) => i.kind === 'key' || i.kind === 'section'));
    const mv = find(items, 'min_version');
    assert.equal(mv.insertText, 'min_version: ');
    assert.equal(mv.retrigger, true, 'a key with values asks for value completion next');
    assert.match(mv.documentation, /Lowest TLS version/);
    assert.match(mv.documentation, /Recommended for a build that reads it:\*\* `"1.3"`/, 'network.tls is not read');
  });

  it('offers top-level sections in an empty file', () => {
    const { items } = complete('config/config.yaml', '|', 'config');
    const l = labels(items);
    for (const k of ['storage', 'server', 'network', 'security', 'logging', 'hsm']) assert.ok(l.includes(k), `missing ${k}`);
    const storage = find(items, 'storage');
    assert.equal(storage.insertText, 'storage:\n  $0', 'object keys open an indented block');
    assert.equal(storage.snippet, true);
  });

  it('leaves out top-level keys that exist, also after the cursor', () => {
    const { items } = complete('config/config.yaml', 'storage:\n  rocksdb_path: /data\n|\nserver:\n  port: 8765\n', 'config');
    const l = labels(items);
    assert.ok(!l.includes('storage') && !l.includes('server'));
    assert.ok(l.includes('network'));
  });

  it('completes a partially typed key and inserts a whole section from defaultSnippets', () => {
    const { items, text } = complete('config/config.yaml', 'storage:\n  rocksdb_path: /data\n  encr|\n', 'config');
    const plain = find(items, 'encryption');
    assert.equal(plain.span.end - plain.span.start, 'encr'.length, 'replaces the typed prefix');
    const section = items.find((i) => i.kind === 'section' && i.filterText === 'encryption');
    assert.ok(section, 'a section snippet for storage.encryption');
    assert.match(section.label, /AES-256-GCM/);
    const after = accept(text, section);
    const doc = parseDocument(after);
    assert.deepEqual(doc.errors, [], after);
    const v = doc.toJS();
    assert.equal(v.storage.rocksdb_path, '/data');
    assert.equal(v.storage.encryption.enabled, true);
    assert.equal(v.storage.encryption.algorithm, 'AES-256-GCM');
    assert.equal(v.storage.encryption.kdf_params.memory_cost, 65536);
    assert.match(section.documentation, /```yaml/);
  });

  it('renders snippet bodies with sequences of mappings and placeholders (logging.audit)', () => {
    const { items, text } = complete('config/config.yaml', 'logging:\n  level: info\n  |\n', 'config');
    const section = items.find((i) => i.kind === 'section' && i.filterText === 'audit');
    assert.ok(section);
    const v = parse(accept(text, section));
    assert.equal(v.logging.level, 'info');
    assert.equal(v.logging.audit.outputs[0].type, 'syslog');
    assert.equal(v.logging.audit.outputs[0].server, 'siem.example.com:6514');
    assert.equal(v.logging.audit.outputs[1].path, '/var/log/themisdb/audit.log');
  });

  it('keeps quoted version strings quoted in snippets (network.tls)', () => {
    const { items, text } = complete('config/config.yaml', 'network:\n  |\n', 'config');
    const section = items.find((i) => i.kind === 'section' && i.filterText === 'tls');
    assert.ok(section);
    const out = accept(text, section);
    assert.match(out, /min_version: "1\.3"/);
    assert.equal(parse(out).network.tls.min_version, '1.3');
  });

  it('inserts only the name when the cursor is inside an existing key', () => {
    const { items } = complete('config/config.yaml', 'server:\n  ho|st: 0.0.0.0\n', 'config');
    const host = find(items, 'host');
    assert.equal(host.insertText, 'host');
    assert.equal(host.span.end - host.span.start, 'host'.length);
    assert.ok(
      items.every((i) => i.kind !== 'section'),
      'no section snippets over an existing key',
    );
  });

  it('offers enum values after `key: ` with the recommended one first and marked', () => {
    const { items } = complete('config/config.yaml', 'network:\n  tls:\n    min_version: |\n', 'config');
    // the insecure versions last, with a warning mark
    assert.deepEqual(labels(items), ['"1.3"', '"1.2"', '"1.0"', '"1.1"']);
    assert.deepEqual(
      items.filter((i) => i.insecure).map((i) => [i.label, i.detail]),
      [
        ['"1.0"', '⚠ insecure, no effect'],
        ['"1.1"', '⚠ insecure, no effect'],
      ],
    );
    assert.match(items[2].documentation, /⚠️ \*\*Insecure\*\*/);
    assert.equal(items[0].preselect, true);
    assert.match(items[0].detail, /recommended/);
    assert.equal(items[0].insertText, '"1.3"', 'strings that look like numbers stay strings');
  });

  it('offers booleans with the recommended value first and explains the unsafe one', () => {
    const { items } = complete('config/config.yaml', 'network:\n  tls:\n    session_tickets: |\n', 'config');
    assert.deepEqual(labels(items), ['false', 'true']);
    assert.match(items[0].detail, /recommended/);
    assert.match(items[1].documentation ?? '', /⚠️/);
  });

  it('replaces a partly typed value and adds the space after a bare colon', () => {
    const typed = complete('config/config.yaml', 'network:\n  tls:\n    client_auth: req|\n', 'config');
    const req = find(typed.items, 'required');
    assert.equal(typed.text.slice(req.span.start, req.span.end), 'req');
    const bare = complete('config/config.yaml', 'network:\n  tls:\n    client_auth:|\n', 'config');
    assert.equal(find(bare.items, 'required').insertText, ' required');
  });

  it('core dialect: server.tls_min_version values and edition dialect: security keys', () => {
    const core = complete('config/config.yaml', 'server:\n  port: 8765\n  tls_min_version: |\n', 'config');
    assert.equal(core.items[0].label, 'TLSv1.3');
    assert.match(core.items[0].detail, /recommended/);
    const edition = complete('config/config.yaml', 'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\n  |\n', 'config');
    const l = labels(edition.items);
    assert.ok(l.includes('tls_min_version') && l.includes('enable_auth') && !l.includes('enable_tls'));
  });

  it('sorts keys the server reads before keys it ignores, and marks the ignored ones', () => {
    const { items } = complete('config/config.yaml', 'server:\n  |\n', 'config');
    const host = items.findIndex((i) => i.label === 'host');
    const enableTls = items.findIndex((i) => i.label === 'enable_tls');
    assert.ok(host >= 0 && enableTls > host);
    assert.match(items[enableTls].detail, /not read by the server/);
  });

  it('says on every value of a key the server ignores that it has no effect, the recommended one too', () => {
    // server.enable_tls is not read: `true` alone would only look like TLS
    const ignored = complete('config/config.yaml', 'server:\n  enable_tls: |\n', 'config').items;
    assert.deepEqual(labels(ignored), ['true', 'false']);
    for (const item of ignored) {
      assert.match(item.detail, /no effect/);
      assert.match(
        item.documentation,
        /^⚠️ \*\*The server does not read `server\.enable_tls`\*\*: no value here has an effect on `themis_server`\. Terminate TLS in a proxy/,
      );
    }
    assert.equal(find(ignored, 'true').detail, 'recommended, no effect');
    // a key it reads: the recommendation alone
    const read = complete('config/config.yaml', 'server:\n  host: |\n', 'config').items;
    assert.equal(find(read, '127.0.0.1').detail, 'recommended');
    assert.doesNotMatch(find(read, '127.0.0.1').documentation, /does not read/);
  });

  it('completes scalar sequence items from the recommended list', () => {
    const { items } = complete(
      'config/config.yaml',
      'network:\n  tls:\n    cipher_suites:\n      - TLS_AES_256_GCM_SHA384\n      - |\n',
      'config',
    );
    const l = labels(items);
    assert.ok(l.includes('TLS_CHACHA20_POLY1305_SHA256'), l.join());
    assert.match(find(items, 'TLS_CHACHA20_POLY1305_SHA256').detail, /recommended/);
  });

  it('array keys open a sequence, indented one step below the key', () => {
    const { items } = complete('config/config.yaml', 'network:\n  tls:\n    |\n', 'config');
    assert.equal(find(items, 'cipher_suites').insertText, 'cipher_suites:\n      - $0');
  });

  it("follows the file's indentation step (4 spaces)", () => {
    const { items } = complete('config/config.yaml', 'server:\n    port: 8765\nnetwork:\n    |\n', 'config');
    assert.equal(find(items, 'tls').insertText, 'tls:\n        $0');
  });
});

describe('completion: incomplete YAML', () => {
  it('finds the parent from indentation when earlier lines do not parse', () => {
    const src = 'storage:\n  rocksdb_path: "/var/lib\n  compression: {\nnetwork:\n  tls:\n    min_version "1.3"\n    |\n';
    const { items } = complete('config/config.yaml', src, 'config');
    const l = labels(items);
    assert.ok(l.includes('cipher_suites') && l.includes('cert_file'), l.join());
  });

  it('completes a key being typed before a key that has no colon yet', () => {
    const { items } = complete('config/config.yaml', 'server:\n  hos\n  po|\n', 'config');
    assert.ok(labels(items).includes('port'));
  });

  it('offers nothing in comments and inside block scalars', () => {
    assert.deepEqual(complete('config/config.yaml', 'server:\n  # po|\n', 'config').items, []);
    assert.deepEqual(complete('config/config.yaml', 'server:\n  host: 1 # po|\n', 'config').items, []);
    assert.deepEqual(complete('config/config.yaml', 'server:\n  host: >\n    line one\n    |\n', 'config').items, []);
  });

  it('offers nothing under keys the schema does not know', () => {
    assert.deepEqual(complete('config/config.yaml', 'my_plugin:\n  |\n', 'config').items, []);
  });

  it('treats each document of a multi-document file on its own', () => {
    const { items } = complete(
      'config/config.yaml',
      'edition: MINIMAL\nstorage:\n  rocksdb_path: /a\n---\nedition: ENTERPRISE\n|\n',
      'config',
    );
    const l = labels(items);
    assert.ok(l.includes('storage'), 'storage exists only in the other document');
    assert.ok(!l.includes('edition'));
  });
});

describe('completion: security.yaml', () => {
  it('uses the security.yaml schema: its sections and the two hsm snippets', () => {
    const { items } = complete('config/security.yaml', 'tls:\n  enabled: true\n|\n', 'config');
    const l = labels(items);
    for (const k of ['hsm', 'field_encryption', 'access_control', 'audit']) assert.ok(l.includes(k), `missing ${k}`);
    assert.ok(!l.includes('storage') && !l.includes('tls'));
    const snippets = items.filter((i) => i.kind === 'section' && i.filterText === 'hsm');
    assert.equal(snippets.length, 2);
  });

  it('hsm.provider values: pkcs11 recommended, the stub marked as the unsafe default', () => {
    const { items } = complete('config/security.yaml', 'hsm:\n  provider: |\n', 'config');
    assert.equal(items[0].label, 'pkcs11');
    assert.match(find(items, 'stub').detail, /default, unsafe/);
  });
});

describe('completion: mig.yaml', () => {
  it('offers mig, then its keys, then the keys of an instance', () => {
    assert.deepEqual(
      labels(complete('config/mig.yaml', '|', 'mig').items).filter((l) => l === 'mig'),
      ['mig'],
    );
    assert.deepEqual(labels(complete('config/mig.yaml', 'mig:\n  enabled: true\n  |\n', 'mig').items), ['instances']);
    const item = complete('config/mig.yaml', 'mig:\n  instances:\n    - |\n', 'mig');
    const l = labels(item.items);
    for (const k of ['uuid', 'gpu', 'profile', 'users', 'vram_limit']) assert.ok(l.includes(k), `missing ${k}`);
    const next = complete('config/mig.yaml', 'mig:\n  instances:\n    - uuid: MIG-1\n      gpu: 0\n      |\n', 'mig');
    assert.ok(!labels(next.items).includes('uuid') && !labels(next.items).includes('gpu'));
    assert.ok(labels(next.items).includes('profile'));
  });

  it('offers the known MIG profiles with their memory', () => {
    const { items } = complete('config/mig.yaml', 'mig:\n  instances:\n    - uuid: MIG-1\n      profile: |\n', 'mig');
    const l = labels(items);
    for (const p of ['1g.5gb', '3g.40gb', '7g.80gb', '1g.18gb+me']) assert.ok(l.includes(p), `missing ${p}`);
    assert.match(find(items, '3g.40gb').documentation, /40 GB/);
  });

  it('suggests a vram_limit that fits the instance profile', () => {
    const { items } = complete(
      'config/mig.yaml',
      'mig:\n  instances:\n    - uuid: MIG-1\n      profile: 3g.40gb\n      vram_limit: |\n',
      'mig',
    );
    assert.equal(items[0].label, '40gb');
    assert.match(items[0].detail, /fits 3g\.40gb/);
  });
});

describe('completion: ${VAR} references', () => {
  it('offers workspace .env variables (secrets masked) and catalog variables, and closes the brace', () => {
    const { items } = complete('config/config.yaml', 'hsm:\n  pkcs11:\n    pin: "${|"\n', 'config');
    const pin = find(items, 'THEMIS_HSM_PIN');
    assert.equal(pin.insertText, 'THEMIS_HSM_PIN}');
    assert.match(pin.detail, /\.env:3/);
    assert.match(pin.documentation, /config\/\.env:3/);
    const own = find(items, 'MY_DATA_DIR');
    assert.match(own.detail, /\/srv\/themis/, 'non-secret values are shown');
    const catalogOnly = find(items, 'THEMIS_ENVIRONMENT');
    assert.match(catalogOnly.detail, /not set in any \.env/);
    assert.ok(
      items.findIndex((i) => i.label === 'THEMIS_HSM_PIN') < items.findIndex((i) => i.label === 'THEMIS_ENVIRONMENT'),
      'defined variables first',
    );
    const all = JSON.stringify(items);
    assert.ok(!all.includes(HSM_PIN) && !all.includes(HSM_PIN.slice(0, 5)), 'the PIN never appears');
    assert.ok(!all.includes(ADMIN_TOKEN) && !all.includes(ADMIN_TOKEN.slice(0, 5)), 'the token never appears');
  });

  it('does not add a second brace and replaces the typed part', () => {
    const { items, text } = complete('config/config.yaml', 'vault:\n  address: ${THEMIS_VA|}\n', 'config');
    const v = find(items, 'THEMIS_VAULT_ADDR');
    assert.equal(v.insertText, 'THEMIS_VAULT_ADDR');
    assert.equal(accept(text, v), 'vault:\n  address: ${THEMIS_VAULT_ADDR}\n');
  });

  it('works inside .env values too', () => {
    const { items } = complete('config/.env', 'THEMIS_VAULT_ADDR=https://vault:8200\nOTHER=${|\n', 'env');
    assert.ok(labels(items).includes('THEMIS_VAULT_ADDR'));
  });
});

describe('completion: .env', () => {
  it('offers THEMIS_* names not yet set, server-read ones first, docs-only ones marked', () => {
    const { items } = complete('config/.env', 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_|\n', 'env');
    const l = labels(items);
    assert.ok(!l.includes('THEMIS_PRODUCTION_MODE'));
    assert.ok(l.includes('THEMIS_ENVIRONMENT') && l.includes('THEMIS_HSM_PIN'));
    const firstNotCode = items.findIndex((i) => /not read by the server/.test(i.detail ?? ''));
    assert.ok(firstNotCode > 0);
    assert.ok(
      items.slice(firstNotCode).every((i) => /not read by the server/.test(i.detail ?? '')),
      'code variables come first',
    );
    assert.ok(items.slice(0, firstNotCode).every((i) => i.label.startsWith('THEMIS_') || !/not read/.test(i.detail ?? '')));
    const env = find(items, 'THEMIS_ENVIRONMENT');
    assert.equal(env.insertText, 'THEMIS_ENVIRONMENT=');
    assert.equal(env.retrigger, true);
    assert.match(env.documentation, /Names the deployment environment/);
    assert.match(env.documentation, /Read by the server/);
  });

  it('offers the accepted values after `=`, recommended first', () => {
    const env = complete('config/.env', 'THEMIS_ENVIRONMENT=|\n', 'env').items;
    assert.deepEqual(labels(env), ['production', 'prod', 'development']);
    assert.equal(env[0].preselect, true);
    assert.match(env[2].detail, /default, unsafe/);
    const flag = complete('config/.env', 'THEMIS_PRODUCTION_MODE=tr|\n', 'env');
    assert.equal(flag.items[0].label, '1');
    const t = find(flag.items, 'true');
    assert.equal(flag.text.slice(t.span.start, t.span.end), 'tr');
  });

  it('offers nothing on the later lines of a multi-line quoted value (dotenv reads them as the value)', () => {
    const pem = 'THEMIS_PKI_CERTIFICATE="-----BEGIN CERTIFICATE-----\n';
    const end = '\n-----END CERTIFICATE-----"\n';
    assert.deepEqual(complete('config/.env', `${pem}THEMIS_PR|${end}`, 'env').items, []);
    assert.deepEqual(complete('config/.env', `${pem}THEMIS_PRODUCTION_MODE=|${end}`, 'env').items, []);
    assert.deepEqual(complete('config/.env', `${pem}# not a comment |${end}`, 'env').items, []);
    // a name written inside the value is not set; the value's own variable is
    const names = labels(complete('config/.env', `${pem}THEMIS_PRODUCTION_MODE=1${end}THEMIS_|\n`, 'env').items);
    assert.ok(names.includes('THEMIS_PRODUCTION_MODE'));
    assert.ok(!names.includes('THEMIS_PKI_CERTIFICATE'));
    // after the value, lines read as usual
    assert.deepEqual(labels(complete('config/.env', `${pem}x${end}THEMIS_ENVIRONMENT=|\n`, 'env').items), [
      'production',
      'prod',
      'development',
    ]);
  });

  it('completes the value of a quote still being typed', () => {
    const open = complete('config/.env', 'THEMIS_ENVIRONMENT="pro|\n', 'env');
    const p = find(open.items, 'production');
    assert.equal(open.text.slice(p.span.start, p.span.end), 'pro');
    const closed = complete('config/.env', 'THEMIS_ENVIRONMENT="pro|"\n', 'env');
    const q = find(closed.items, 'production');
    assert.equal(closed.text.slice(q.span.start, q.span.end), 'pro');
  });

  it("offers nothing in comments and for unknown variables' values", () => {
    assert.deepEqual(complete('config/.env', '# THEMIS_|\n', 'env').items, []);
    assert.deepEqual(complete('config/.env', 'MY_OWN=|\n', 'env').items, []);
    assert.deepEqual(complete('config/.env', 'THEMIS_ENVIRONMENT=production # ${|\n', 'env').items, []);
  });
});

// CPU time of this process: other work on a busy machine does not count.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

describe('completion: speed', () => {
  it('answers in under 10 ms on a 10,000-line config.yaml (no re-parse)', () => {
    const base = fs.readFileSync(path.join(repoRoot, 'test/fixtures/real/3955e2b8/config/core/config.yaml'), 'utf8');
    let big = base;
    for (let i = 0; big.split('\n').length < 10000; i++) big += '\n' + base.replace(/^(\w+):/gm, (_m, k) => `${k}_${i}:`);
    const cases = [
      big + '\nnetwork:\n  tls:\n    enabled: true\n    |\n',
      big + '\n|\n',
      big + '\nnetwork:\n  tls:\n    min_version: |\n',
    ];
    for (const src of cases) {
      const offset = src.indexOf('|');
      const text = src.slice(0, offset) + src.slice(offset + 1);
      const times = [];
      let n = 0;
      for (let r = 0; r < 20; r++) {
        const file = new engine.SourceFile('/ws/config.yaml', text); // fresh file: nothing cached, line index included
        const t0 = cpuMs();
        n = engine.complete(file, offset, { kind: 'config' }).length;
        if (r >= 5) times.push(cpuMs() - t0); // the first calls compile the code
      }
      times.sort((a, b) => a - b);
      assert.ok(n > 0);
      assert.ok(times[7] < 10, `median ${times[7].toFixed(2)} ms CPU on ${text.split('\n').length} lines`);
    }
  });
});
