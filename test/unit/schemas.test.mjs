// Schema tests: the JSON Schemas compile, accept every real ThemisDB file, catch planted
// mistakes, describe every property, and the env catalog covers every known variable.
// Run: node --test test/unit/schemas.test.mjs
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCHEMAS = path.join(ROOT, 'schemas');
const REAL = path.join(ROOT, 'test/fixtures/real');
const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

const configSchema = readJson(path.join(SCHEMAS, 'themisdb-config.schema.json'));
const securitySchema = readJson(path.join(SCHEMAS, 'themisdb-security.schema.json'));
const migSchema = readJson(path.join(SCHEMAS, 'themisdb-mig.schema.json'));
const envCatalog = readJson(path.join(SCHEMAS, 'themisdb-env.json'));

const ajv = new Ajv({ allErrors: true, strict: false });
const validateConfig = ajv.compile(configSchema);
const validateSecurity = ajv.compile(securitySchema);
const validateMig = ajv.compile(migSchema);

const clone = (x) => structuredClone(x);
const fmtErrors = (errs) =>
  (errs ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message} ${JSON.stringify(e.params)}`).join('\n');

/** Parse a YAML/JSON file into one value per document. */
function loadDocs(file) {
  const text = fs.readFileSync(file, 'utf8');
  const docs = parseAllDocuments(text);
  if (docs.length <= 1) return [parse(text)];
  for (const d of docs) assert.equal(d.errors.length, 0, `${file}: ${d.errors.join('; ')}`);
  return docs.map((d) => d.toJS()).filter((v) => v !== null && v !== undefined);
}

// Every file in test/fixtures/real and how it is checked. A file missing here fails the
// "manifest is complete" test, so new fixtures cannot be skipped silently.
const CONFIG = 'config',
  SECURITY = 'security',
  HELM = 'helm-values',
  ENVLIKE = 'env-names';
const MANIFEST = {
  '0e35c81b/config/config.yaml': CONFIG,
  '63cde823/config/config.yaml': CONFIG,
  '63cde823/config/core/config.yaml': CONFIG,
  '3955e2b8/config/core/config.yaml': CONFIG,
  'e9750146/config/config.json': CONFIG,
  'config/config.example.gpu.yaml': CONFIG,
  'config/networking/grpc.yaml': CONFIG,
  'config/editions/all-editions.yaml': CONFIG,
  'config/editions/enterprise.yaml': CONFIG,
  'config/editions/hyperscaler.yaml': CONFIG,
  'config/editions/military.yaml': CONFIG,
  'config/editions/minimal.yaml': CONFIG,
  'e5371caf/config/editions/community.yaml': CONFIG,
  'fbfcb0ba/config/editions/community.yaml': CONFIG,
  'docs/production/examples/multi_gpu_setup.yaml': CONFIG,
  'config/security.yaml': SECURITY,
  // Helm values, not a ThemisDB config: only its embedded `themisdb.config` JSON and its env list are checked.
  'docs/production/examples/k8s_production_values.yaml': HELM,
  'deploy/systemd/themisdb.env.example': ENVLIKE,
  'deploy/systemd/themisdb.service.d/production.conf': ENVLIKE,
  'docker/.env.example': ENVLIKE,
  'docker/compose/docker-compose-sharding.yml': ENVLIKE,
  '0358af15/docker-compose.yml': ENVLIKE,
  'e9750146/docker-compose-arm.yml': ENVLIKE,
  'e9750146/docker-compose.qnap.yml': ENVLIKE,
};

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  });
}

describe('schemas compile', () => {
  test('draft-07 ids and titles', () => {
    for (const [s, id] of [
      [configSchema, 'https://themisdb-config.dev/schemas/themisdb-config.schema.json'],
      [securitySchema, 'https://themisdb-config.dev/schemas/themisdb-security.schema.json'],
      [migSchema, 'https://themisdb-config.dev/schemas/themisdb-mig.schema.json'],
    ]) {
      assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(s.$id, id);
      assert.ok(s.title);
    }
    assert.equal(envCatalog.$id, 'https://themisdb-config.dev/schemas/themisdb-env.json');
    assert.ok(envCatalog.title);
  });
  test('compile with Ajv (allErrors, strict: false)', () => {
    for (const v of [validateConfig, validateSecurity, validateMig]) assert.equal(typeof v, 'function');
  });
});

describe('real ThemisDB files', () => {
  test('manifest is complete', () => {
    const files = listFiles(REAL).filter((f) => f !== 'NOTICE');
    assert.deepEqual(
      files.filter((f) => !(f in MANIFEST)),
      [],
      'unclassified fixtures',
    );
    assert.deepEqual(
      Object.keys(MANIFEST).filter((f) => !files.includes(f)),
      [],
      'manifest names missing files',
    );
    assert.ok(fs.existsSync(path.join(REAL, 'NOTICE')));
  });

  for (const [rel, kind] of Object.entries(MANIFEST)) {
    if (kind !== CONFIG && kind !== SECURITY) continue;
    test(`${rel} validates against the ${kind} schema`, () => {
      const validate = kind === CONFIG ? validateConfig : validateSecurity;
      const docs = loadDocs(path.join(REAL, rel));
      assert.ok(docs.length > 0);
      docs.forEach((doc, i) => {
        const ok = validate(doc);
        const errs = validate.errors ?? [];
        const noisy = errs.filter((e) => ['additionalProperties', 'type', 'enum'].includes(e.keyword));
        assert.deepEqual(noisy, [], `document ${i}: unknown-key/type/enum errors\n${fmtErrors(noisy)}`);
        assert.ok(ok, `document ${i}: other schema errors\n${fmtErrors(errs)}`);
      });
    });
  }

  test('all-editions.yaml yields five edition documents', () => {
    const docs = loadDocs(path.join(REAL, 'config/editions/all-editions.yaml'));
    assert.deepEqual(
      docs.map((d) => d.edition),
      ['MINIMAL', 'COMMUNITY', 'ENTERPRISE', 'HYPERSCALER', 'MILITARY'],
    );
  });

  test('Helm values: embedded themisdb.config is a valid config, the values file itself is not one', () => {
    const values = parse(fs.readFileSync(path.join(REAL, 'docs/production/examples/k8s_production_values.yaml'), 'utf8'));
    const embedded = JSON.parse(values.themisdb.config);
    assert.ok(validateConfig(embedded), fmtErrors(validateConfig.errors));
    assert.equal(validateConfig(values), false, 'Helm chart values must not pass as a ThemisDB config');
  });
});

describe('planted mistakes are caught', () => {
  const base = loadDocs(path.join(REAL, '3955e2b8/config/core/config.yaml'))[0];
  const errorsOf = (validate, doc) => (validate(doc) ? [] : validate.errors);
  const has = (errs, keyword, instancePath, pred = () => true) =>
    errs.some((e) => e.keyword === keyword && e.instancePath === instancePath && pred(e));

  test('typo key network.tls.min_verison → additionalProperties', () => {
    const doc = clone(base);
    doc.network = { tls: { enabled: true, min_verison: '1.3' } };
    const errs = errorsOf(validateConfig, doc);
    assert.ok(
      has(errs, 'additionalProperties', '/network/tls', (e) => e.params.additionalProperty === 'min_verison'),
      fmtErrors(errs),
    );
  });
  test('server.port: "abc" → type', () => {
    const doc = clone(base);
    doc.server.port = 'abc';
    assert.ok(has(errorsOf(validateConfig, doc), 'type', '/server/port'));
  });
  test('vector_index.metric: MANHATTAN → enum', () => {
    const doc = clone(base);
    doc.vector_index.metric = 'MANHATTAN';
    assert.ok(has(errorsOf(validateConfig, doc), 'enum', '/vector_index/metric'));
  });
  test('port 70000 → maximum', () => {
    const doc = clone(base);
    doc.server.port = 70000;
    doc.server.health_error_service_port = 70000;
    const errs = errorsOf(validateConfig, doc);
    assert.ok(has(errs, 'maximum', '/server/port'));
    assert.ok(has(errs, 'maximum', '/server/health_error_service_port'));
  });
  test('top-level typo and negative size', () => {
    const doc = clone(base);
    doc.storrage = {};
    doc.storage.memtable_size_mb = -5;
    const errs = errorsOf(validateConfig, doc);
    assert.ok(has(errs, 'additionalProperties', '', (e) => e.params.additionalProperty === 'storrage'));
    assert.ok(has(errs, 'minimum', '/storage/memtable_size_mb'));
  });
  test('percent above 100 and zero-day rotation', () => {
    const doc = clone(base);
    doc.security = {
      gpu: { access_control: { per_process_limit: { max_gpu_utilization_percent: 150 } } },
      key_rotation: { schedules: { master_key: { interval: 0 } } },
    };
    const errs = errorsOf(validateConfig, doc);
    assert.ok(has(errs, 'maximum', '/security/gpu/access_control/per_process_limit/max_gpu_utilization_percent'));
    assert.ok(has(errs, 'minimum', '/security/key_rotation/schedules/master_key/interval'));
  });
  test('unquoted TLS version is a type error (YAML reads 1.3 as a number)', () => {
    const doc = parse('network:\n  tls:\n    enabled: true\n    min_version: 1.3\n');
    assert.ok(has(errorsOf(validateConfig, doc), 'type', '/network/tls/min_version'));
  });
  test('security.yaml: unknown provider, YAML 1.2 "no" is not a boolean, typo key', () => {
    const doc = loadDocs(path.join(REAL, 'config/security.yaml'))[0];
    doc.hsm.provider = 'aws_cloudhsm';
    doc.hsm.vault.tls_verify = parse('v: no').v; // the string "no" under YAML 1.2
    doc.tls.min_versoin = '1.3';
    const errs = errorsOf(validateSecurity, doc);
    assert.ok(has(errs, 'enum', '/hsm/provider'));
    assert.ok(has(errs, 'type', '/hsm/vault/tls_verify'));
    assert.ok(has(errs, 'additionalProperties', '/tls', (e) => e.params.additionalProperty === 'min_versoin'));
  });
});

describe('dialects from the hardening guides', () => {
  // Sections shown in the GPU hardening guide (seed 000) and the security posture guide (seed 001).
  const SEED_CONFIG = `
security:
  gpu:
    access_control:
      enabled: true
      mode: strict
      user_gpu_mapping:
        ml_user1: [0, 1]
        ml_user2: [2, 3]
        admin: [0, 1, 2, 3]
      per_process_limit:
        max_vram_mb: 8192
        max_gpu_utilization_percent: 50
    compute_mode: exclusive_process
    allowed_operations: [training, inference]
  key_rotation:
    enabled: true
    schedules:
      master_key: { interval: 90, advance_notice: 7 }
      tls_certificates: { interval: 365, advance_notice: 30 }
      api_keys: { interval: 30, advance_notice: 3 }
    strategy: blue_green
    notifications:
      email: security@example.com
      slack_webhook: "\${SLACK_WEBHOOK_URL}"
      advance_warning: true
  vram:
    secure_clear: { enabled: true, method: overwrite, passes: 3 }
    scrub_on_exit: true
    isolation: { enabled: true, mode: strict }
  vram_encryption: { enabled: true, key_provider: hsm, key_id: vram-encryption-key }
storage:
  encryption:
    enabled: true
    algorithm: AES-256-GCM
    kdf: argon2id
    kdf_params: { memory_cost: 65536, time_cost: 3, parallelism: 4 }
    key_provider: vault
    encrypt_data: true
    encrypt_indexes: false
    encrypt_checkpoints: true
    encrypt_logs: true
    field_level:
      enabled: true
      sensitive_fields: [user_email, api_keys, model_weights]
llm:
  model_path: /models/encrypted/llama-2-7b.enc
  encryption: { enabled: true, key_provider: vault, key_id: production-key-001 }
training:
  checkpoint:
    encryption: { enabled: true, algorithm: AES-256-GCM, compress_before_encrypt: true }
    signing: { enabled: true, algorithm: RSA-4096, key_id: checkpoint-signing-key }
network:
  tls:
    enabled: true
    min_version: "1.3"
    max_version: "1.3"
    cert_file: /etc/themisdb/certs/server.crt
    key_file: /etc/themisdb/certs/server.key
    ca_file: /etc/themisdb/certs/ca.crt
    cipher_suites: [TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, TLS_AES_128_GCM_SHA256]
    verify_client_cert: true
    client_ca_file: /etc/themisdb/certs/client-ca.crt
    ocsp_stapling: true
    session_tickets: false
    client_auth: required
    client_cert_verification:
      verify_cn: true
      allowed_cn_patterns: ["client-*", "service-*"]
      verify_organization: true
      allowed_organizations: [ThemisDB, TrustedPartner]
    crl_check: true
    crl_url: http://crl.example.com/themisdb.crl
  management: { interface: eth0, cidr: 10.0.1.0/24 }
  gpu_data: { interface: ib0, cidr: 10.0.2.0/24 }
  client_api: { interface: eth1, cidr: 10.0.3.0/24 }
grpc:
  tls:
    enabled: true
    cert_file: /etc/themisdb/certs/grpc-server.crt
    key_file: /etc/themisdb/certs/grpc-server.key
    alpn_protocols: [h2, grpc-exp]
    client_auth: required
logging:
  audit:
    enabled: true
    level: info
    outputs:
      - { type: file, path: /var/log/themisdb/audit.log, format: json }
      - { type: syslog, server: "syslog.example.com:514", protocol: tcp, facility: local0 }
      - { type: elasticsearch, url: "https://es.example.com:9200", index: themisdb-audit }
      - { type: splunk, url: "https://splunk.example.com:8088", token: "\${SPLUNK_HEC_TOKEN}" }
      - type: file
        path: /var/log/themisdb/audit.log
        rotation: { max_size: 100MB, max_age: 90 }
    rotation: { max_size: 100MB, max_age: 90, max_backups: 100, compress: true }
    events:
      authentication: [login_success, login_failure, logout, session_timeout]
      authorization: [permission_granted, permission_denied, role_change]
      data_access: [read, write, delete, export]
      gpu_operations: [gpu_allocation, gpu_release, model_load, training_start, training_stop]
      administrative: [config_change, user_created, user_deleted, key_rotation]
      security: [failed_tls_handshake, invalid_certificate, suspicious_activity, rate_limit_exceeded]
    redaction:
      enabled: true
      fields: [password, api_key, private_key, credit_card]
      patterns:
        - { regex: '\\b\\d{16}\\b', replacement: '[REDACTED-CC]' }
    immutable:
      enabled: true
      backend: blockchain
      blockchain: { type: hyperledger, endpoint: "http://blockchain.example.com:7050", channel: themisdb-audit }
    signing: { enabled: true, algorithm: ECDSA-P256, key_id: audit-signing-key }
    worm_storage: { enabled: true, endpoint: "s3://audit-worm-bucket/", retention_period: 2555 }
compliance:
  soc2:
    enabled: true
    controls: [access_control, multi_factor_auth, session_management, data_at_rest_encryption, data_in_transit_encryption, audit_logging, anomaly_detection]
    evidence_collection: { enabled: true, output: /compliance/soc2/evidence/, schedule: daily }
  gdpr:
    enabled: true
    data_subject_rights: [right_to_access, right_to_rectification, right_to_erasure, right_to_portability]
    data_processing: { logging: comprehensive, consent_tracking: enabled }
    retention: { default_period: 365, auto_delete: true }
  hipaa:
    enabled: true
    phi_protection: { encryption_required: true, access_logging: comprehensive, minimum_necessary: enforced }
    audit: { integrity_controls: enabled, person_authentication: required }
`;
  const SEED_HSM = [
    `
security:
  hsm:
    enabled: true
    provider: aws_cloudhsm
    cluster_id: cluster-abcd1234
    pkcs11_library: /opt/cloudhsm/lib/libcloudhsm_pkcs11.so
    user: crypto_user
    password: "\${HSM_PASSWORD}"
    keys:
      master_key: { label: themisdb-master-key, type: AES-256, extractable: false }
      signing_key: { label: themisdb-signing-key, type: RSA-4096, extractable: false }
`,
    `
security:
  hsm:
    enabled: true
    provider: thales_luna
    partition: themisdb_partition
    ha_group: themisdb_ha
    members: [hsm1.example.com, hsm2.example.com, hsm3.example.com]
    key_handles:
      master_key: 0x00010001
      signing_key: 0x00010002
`,
  ];
  test('hardening-guide config validates', () => {
    assert.ok(validateConfig(parse(SEED_CONFIG)), fmtErrors(validateConfig.errors));
  });
  test('HSM examples (CloudHSM, Luna) validate', () => {
    for (const y of SEED_HSM) assert.ok(validateConfig(parse(y)), fmtErrors(validateConfig.errors));
  });
  test('audit events may also be a plain list (multi-GPU example)', () => {
    assert.ok(
      validateConfig({ logging: { audit: { enabled: true, events: ['authentication', 'model_load'] } } }),
      fmtErrors(validateConfig.errors),
    );
    assert.equal(validateConfig({ logging: { audit: { events: { authentification: ['login'] } } } }), false);
  });
});

describe('mig.yaml', () => {
  const fixture = parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/mig/mig.yaml'), 'utf8'));
  test('example fixture is valid', () => {
    assert.ok(validateMig(fixture), fmtErrors(validateMig.errors));
  });
  test('profile memory map covers exactly the profile enum', () => {
    const profile = migSchema.properties.mig.properties.instances.items.properties.profile;
    assert.deepEqual(Object.keys(migSchema['x-profile-memory-gb']).sort(), [...profile.enum].sort());
    assert.deepEqual(profile['x-profile-memory-gb'], migSchema['x-profile-memory-gb']);
    for (const [p, gb] of Object.entries(migSchema['x-profile-memory-gb'])) {
      assert.equal(gb, Number(/\.(\d+)gb/.exec(p)[1]), p);
    }
    for (const p of ['1g.5gb', '7g.40gb', '1g.10gb', '7g.80gb', '3g.47gb', '7g.94gb', '1g.6gb', '2g.12gb', '4g.24gb'])
      assert.ok(profile.enum.includes(p), p);
  });
  test('bad uuid, vram_limit, profile and typo key are caught', () => {
    const doc = clone(fixture);
    Object.assign(doc.mig.instances[0], { uuid: 'GPU-12345678', vram_limit: '5 GB', profile: '9g.99gb', vram_limt: '5gb' });
    validateMig(doc);
    const errs = validateMig.errors ?? [];
    const at = (k, p) => errs.some((e) => e.keyword === k && e.instancePath === p);
    assert.ok(at('pattern', '/mig/instances/0/uuid'), fmtErrors(errs));
    assert.ok(at('pattern', '/mig/instances/0/vram_limit'));
    assert.ok(at('enum', '/mig/instances/0/profile'));
    assert.ok(at('additionalProperties', '/mig/instances/0'));
  });
  test('vram_limit accepts gb/mb in any case', () => {
    for (const v of ['5gb', '5GB', '4864mb', '80Gb']) {
      assert.ok(validateMig({ mig: { enabled: true, instances: [{ uuid: 'MIG-x', vram_limit: v }] } }), v);
    }
  });
});

// ---------------------------------------------------------------------------
// Walk the schemas: every property documented; x-* keywords consistent; defaults,
// recommended values and snippet bodies valid against their own schema.
// ---------------------------------------------------------------------------
function* walk(node, where) {
  if (!node || typeof node !== 'object') return;
  yield [node, where];
  for (const [k, child] of Object.entries(node.properties ?? {})) yield* walk(child, `${where}.${k}`);
  for (const [k, child] of Object.entries(node.patternProperties ?? {})) yield* walk(child, `${where}[/${k}/]`);
  if (node.additionalProperties && typeof node.additionalProperties === 'object')
    yield* walk(node.additionalProperties, `${where}.<name>`);
  if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) yield* walk(node.items, `${where}[]`);
}

const stripSnippetPlaceholders = (v) => {
  if (typeof v === 'string') return v.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\\$/g, '$');
  if (Array.isArray(v)) return v.map(stripSnippetPlaceholders);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [stripSnippetPlaceholders(k), stripSnippetPlaceholders(x)]));
  return v;
};

for (const [name, schema] of [
  ['config', configSchema],
  ['security', securitySchema],
  ['mig', migSchema],
]) {
  describe(`${name} schema quality`, () => {
    const nodes = [...walk(schema, name)];
    const props = nodes.filter(([, w]) => w !== name);
    const described = (n) => typeof n.markdownDescription === 'string' && n.markdownDescription.trim().length > 0;

    test('every property, map value and object item has a markdownDescription', () => {
      const missing = [];
      for (const [node, where] of props) {
        const isItem = where.endsWith('[]');
        if (isItem && node.type !== 'object') continue; // scalar list items are described by their array
        if (!described(node)) missing.push(where);
      }
      assert.deepEqual(missing, []);
    });

    test('objects are closed unless documented as open', () => {
      // Objects with known keys reject typos. Open ones are listed here on purpose.
      const OPEN = new Set([
        'config.llm_plugins.<name>',
        'config.llm_plugins.<name>.model',
        'config.llm_plugins.<name>.gpu',
        'config.llm_plugins.<name>.context',
        'config.sharding.shards[]',
        'config.ha',
      ]);
      const open = props
        .filter(([n, w]) => n.properties && n.additionalProperties === undefined && !OPEN.has(w))
        .map(([, w]) => w);
      assert.deepEqual(open, []);
      assert.equal(schema.additionalProperties, false);
    });

    test('x-* keywords are well-formed', () => {
      for (const [node, where] of nodes) {
        if ('x-unsafe-default' in node) {
          assert.ok('x-recommended' in node, `${where}: x-unsafe-default without x-recommended`);
          assert.equal(typeof node['x-unsafe-default'], 'string', where);
        }
        if ('x-server-reads' in node) assert.equal(typeof node['x-server-reads'], 'boolean', where);
        if ('x-server-accepts' in node) for (const v of node['x-server-accepts']) assert.ok(node.enum.includes(v), where);
        if (node.enum) assert.equal(new Set(node.enum).size, node.enum.length, `${where}: duplicate enum values`);
        if (node.markdownEnumDescriptions) assert.equal(node.markdownEnumDescriptions.length, node.enum.length, where);
      }
    });

    test('default, x-recommended and snippet bodies satisfy their own schema', () => {
      const v = new Ajv({ allErrors: true, strict: false });
      const failures = [];
      for (const [node, where] of nodes) {
        if (where === name) continue;
        const check = (label, value) => {
          if (!v.validate(node, value)) failures.push(`${where} ${label}: ${fmtErrors(v.errors)}`);
        };
        if ('default' in node) check('default', node.default);
        if ('x-recommended' in node) check('x-recommended', node['x-recommended']);
        for (const s of node.defaultSnippets ?? []) {
          assert.ok(s.label && s.description && s.body !== undefined, `${where}: snippet needs label, description, body`);
          check(`snippet "${s.label}"`, stripSnippetPlaceholders(s.body));
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}

test('config schema offers the required section snippets', () => {
  const p = configSchema.properties;
  for (const [where, node] of [
    ['network.tls', p.network.properties.tls],
    ['storage.encryption', p.storage.properties.encryption],
    ['logging.audit', p.logging.properties.audit],
    ['security.hsm', p.security.properties.hsm],
    ['security.key_rotation', p.security.properties.key_rotation],
  ])
    assert.ok(node.defaultSnippets?.length > 0, where);
});

test('research facts are encoded', () => {
  const p = configSchema.properties;
  assert.equal(p.server.properties.enable_tls['x-server-reads'], false);
  assert.match(p.server.properties.enable_tls.markdownDescription, /never reads/);
  assert.equal(p.server.properties.port['x-server-reads'], true);
  assert.match(p.vector_index.properties.metric.markdownDescription, /DOT.*COSINE/s);
  assert.deepEqual(p.hsm.properties.provider['x-server-accepts'], ['pkcs11', 'stub']);
  assert.deepEqual(securitySchema.properties.hsm.properties.provider['x-server-accepts'], ['pkcs11', 'stub']);
  assert.equal(securitySchema.properties.tls['x-server-reads'], false);
  assert.equal(p.storage.properties.compression_type['x-server-reads'], false);
});

// ---------------------------------------------------------------------------
// Env catalog
// ---------------------------------------------------------------------------
describe('env catalog', () => {
  const tsv = fs
    .readFileSync(path.join(ROOT, 'test/fixtures/reference/env_vars.tsv'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(1)
    .map((l) => l.split('\t'));
  const names = tsv.flatMap(([n]) => n.split('/'));
  const isKnown = (n) => n in envCatalog.variables || envCatalog.patterns.some((p) => new RegExp(p.pattern).test(n));

  test('has every variable of env_vars.tsv (combined rows expanded)', () => {
    assert.equal(tsv.length, 167);
    const missing = names.filter((n) => !n.endsWith('*') && !(n in envCatalog.variables));
    assert.deepEqual(missing, []);
    const prefixes = names.filter((n) => n.endsWith('*')).map((n) => `^${n.slice(0, -1)}`);
    assert.deepEqual(envCatalog.patterns.map((p) => p.pattern).sort(), prefixes.sort());
    for (const n of ['THEMIS_GPU_MAX_VRAM_GB', 'THEMIS_SHARDING_MAX_NODES', 'THEMIS_MAX_CACHE_SIZE_MB', 'THEMIS_LICENSE_FILE']) {
      assert.equal(envCatalog.variables[n]?.status, 'build-time', n);
    }
  });

  test('entries are well-formed', () => {
    const STATUS = ['code', 'docs-only', 'compose-only', 'build-time', 'test'];
    const TYPES = ['flag', 'boolean', 'string', 'integer', 'path', 'url', 'host', 'port', 'enum', 'secret'];
    const RISK = ['critical', 'high', 'medium', 'low', 'none'];
    for (const [n, e] of Object.entries(envCatalog.variables)) {
      assert.match(n, /^[A-Z][A-Z0-9_]*$/, n);
      assert.ok(STATUS.includes(e.status), `${n} status`);
      assert.ok(TYPES.includes(e.type), `${n} type`);
      assert.ok(RISK.includes(e.risk), `${n} risk`);
      assert.equal(typeof e.secret, 'boolean', n);
      assert.ok(e.default === null || typeof e.default === 'string', `${n} default`);
      assert.ok(
        e.accepted === null || (Array.isArray(e.accepted) && e.accepted.every((a) => typeof a === 'string')),
        `${n} accepted`,
      );
      assert.ok(e.recommended === null || typeof e.recommended === 'string', `${n} recommended`);
      assert.ok(e.unsafeDefault === null || typeof e.unsafeDefault === 'string', `${n} unsafeDefault`);
      assert.ok(typeof e.description === 'string' && e.description.length > 20, `${n} description`);
      assert.ok(typeof e.source === 'string' && e.source.length > 0, `${n} source`);
      if (e.type === 'secret') assert.equal(e.secret, true, `${n}: secret type must be secret`);
      if (e.recommended !== null && e.accepted) assert.ok(e.accepted.includes(e.recommended), `${n}: recommended not accepted`);
    }
    for (const p of envCatalog.patterns) {
      assert.doesNotThrow(() => new RegExp(p.pattern));
      assert.ok(STATUS.includes(p.status) && p.description);
    }
  });

  test('status, secret and risk follow the tsv', () => {
    for (const [name, status, , , , security, secret, source] of tsv) {
      for (const n of name.split('/').filter((x) => !x.endsWith('*'))) {
        const e = envCatalog.variables[n];
        assert.equal(e.secret || e.type === 'secret', secret === 'yes' || e.type === 'secret', n);
        assert.equal(e.risk, ['critical', 'high', 'medium', 'low', 'none'].includes(security) ? security : 'none', n);
        assert.equal(e.source, source, n);
        if (status === 'code') assert.equal(e.status, 'code', n);
        if (status === 'docs-only') assert.equal(e.status, 'docs-only', n);
        if (status.startsWith('build-time')) assert.equal(e.status, 'build-time', n);
        if (status === 'test-only') assert.equal(e.status, 'test', n);
      }
    }
  });

  test('accepted spellings that matter', () => {
    const v = envCatalog.variables;
    assert.deepEqual(v.THEMIS_HSM_ENABLED.accepted, ['1']);
    assert.deepEqual(v.THEMIS_PII_STRICT.accepted, ['1']);
    assert.deepEqual(v.THEMIS_PRODUCTION_MODE.accepted, ['1', 'true', 'True', 'TRUE', 'yes', 'Yes', 'on', 'On']);
    assert.deepEqual(v.THEMIS_DISABLE_AUTO_DOWNLOAD.accepted, ['1', 'true']);
    assert.deepEqual(v.THEMIS_WAL_GRPC_ENABLE_MTLS.accepted, ['true', '1', 'yes']);
    assert.deepEqual(v.THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT.disabling, ['false', '0', 'no']);
    assert.equal(v.THEMIS_PRODUCTION_MODE.recommended, '1');
    assert.equal(v.THEMIS_TOKEN_ADMIN.secret, true);
    assert.equal(v.THEMIS_TLS_ENABLED.status, 'docs-only');
    for (const n of ['THEMIS_ALLOW_HSM_STUB', 'THEMIS_DEBUG_ENC_DIR', 'THEMIS_DEBUG_PKI', 'THEMIS_PII_FORCE_INIT_FAIL'])
      assert.equal(v[n].productionUnset, true, n);
  });

  test('every THEMIS_* name in the real env, compose, systemd and Helm files is in the catalog', () => {
    const unknown = new Set();
    for (const [rel, kind] of Object.entries(MANIFEST)) {
      if (kind !== ENVLIKE && kind !== HELM) continue;
      const text = fs.readFileSync(path.join(REAL, rel), 'utf8');
      for (const [n] of text.matchAll(/\bTHEMIS_[A-Z0-9_]*[A-Z0-9]\b/g)) if (!isKnown(n)) unknown.add(`${rel}: ${n}`);
    }
    assert.deepEqual([...unknown], []);
  });
});
