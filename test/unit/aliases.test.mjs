// Aliased values are judged as the server reads them (yaml-cpp expands `*name`),
// reported where they are written (the anchor), and never edited through the alias.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, engine, place, writeWorkspace } from '../helpers/engine.mjs';

function run(files, target = Object.keys(files)[0]) {
  const dir = writeWorkspace(files);
  const { ws, file, analysis } = analyzeFile(dir, target, { profile: 'production' });
  const of = (id) =>
    analysis.findings
      .filter((f) => f.ruleId === id)
      .map((f) => ({ ...place(file, f), messageId: f.messageId, message: f.message, fixes: f.fixes }));
  return { ws, dir, file, findings: analysis.findings, of };
}

// The legacy TLS003 and GPU004 code of this branch rewrites an aliased list without
// asking isEditable (their modules on wt-tls and wt-gpumig do): drop the todo once merged.

const STORAGE = 'storage:\n  rocksdb_path: /var/lib/themisdb/data\n';

describe('aliases: rules see the anchored values', () => {
  const tls = (list) =>
    `${STORAGE}tls_profiles:\n  modern: &suites\n${list}network:\n  tls:\n    enabled: true\n    min_version: "1.3"\n    cert_file: /etc/themisdb/tls/server.crt\n    key_file: /etc/themisdb/tls/server.key\n    cipher_suites: *suites\n`;

  it('TLS003 on `cipher_suites: *suites` reports the weak suite at the anchor', () => {
    const { of } = run({ 'config.yaml': tls('    - TLS_AES_256_GCM_SHA384\n    - ECDHE-RSA-AES128-SHA\n') });
    const hits = of('TLS003');
    assert.deepEqual(
      hits.map((h) => [h.line, h.column]),
      [[6, 7]],
      'one finding, on the anchored item',
    );
    assert.match(hits[0].message, /ECDHE-RSA-AES128-SHA/);
  });

  it('TLS003 offers no fix through the alias', () => {
    const { of } = run({ 'config.yaml': tls('    - TLS_AES_256_GCM_SHA384\n    - ECDHE-RSA-AES128-SHA\n') });
    assert.deepEqual(
      of('TLS003').map((h) => h.fixes.map((f) => f.title)),
      [[]],
    );
  });

  it('TLS003 stays quiet when the anchored suites are strong', () => {
    const { of } = run({ 'config.yaml': tls('    - TLS_AES_256_GCM_SHA384\n    - TLS_CHACHA20_POLY1305_SHA256\n') });
    assert.deepEqual(of('TLS003'), []);
  });

  const gpu = (policy) => `${STORAGE}gpu_policies:\n  shared: &vram_policy\n${policy}security:\n  vram: *vram_policy\n`;

  it('GPU005 on `vram: *vram_policy` reports secure_clear: false at the anchor, without a fix', () => {
    const { of } = run({
      'config.yaml': gpu('    secure_clear: false\n    isolation:\n      enabled: true\n      mode: strict\n'),
    });
    const hits = of('GPU005');
    assert.deepEqual(
      hits.map((h) => [h.line, h.column]),
      [[5, 19]],
    );
    assert.deepEqual(hits[0].fixes, []);
  });

  it('GPU005 judges the isolation mode of the anchored policy', () => {
    const { of } = run({
      'config.yaml': gpu('    secure_clear: true\n    isolation:\n      enabled: true\n      mode: permissive\n'),
    });
    assert.deepEqual(
      of('GPU005').map((h) => [h.line, h.fixes.length]),
      [[8, 0]],
    );
  });

  it('GPU005 stays quiet when the anchored policy is safe', () => {
    const { of } = run({
      'config.yaml': gpu('    secure_clear: true\n    isolation:\n      enabled: true\n      mode: strict\n'),
    });
    assert.deepEqual(of('GPU005'), []);
  });

  const slice =
    '    - &slice\n      uuid: MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e\n      profile: 1g.5gb\n      users: [ml_user1]\n      vram_limit: 5gb\n';

  it('mig.yaml: a repeated `- *slice` is the same slice twice (MIG002), not an instance without uuid', () => {
    const { of } = run({ 'mig.yaml': `mig:\n  enabled: true\n  instances:\n${slice}    - *slice\n` });
    assert.deepEqual(
      of('MIG002').map((h) => [h.line, h.column]),
      [[5, 13]],
      'reported on the anchored uuid',
    );
    assert.deepEqual(of('MIG004'), [], 'the aliased instance has the uuid of its anchor');
    assert.deepEqual(of('MIG006'), [], 'and its users');
  });

  it('mig.yaml: a vram_limit too large for its profile is reported once, at the anchor, for every `- *slice`', () => {
    const big = slice.replace('vram_limit: 5gb', 'vram_limit: 40gb');
    const { of } = run({ 'mig.yaml': `mig:\n  enabled: true\n  instances:\n${big}    - *slice\n    - *slice\n` });
    assert.deepEqual(
      of('MIG005').map((h) => h.line),
      [8],
    );
  });

  it('mig.yaml: `<<: *slice` is not merged (yaml-cpp): the instance has no users, and `<<` is an unknown key', () => {
    const text = `mig:\n  enabled: true\n  instances:\n${slice}    - uuid: MIG-5c2e4a6d-9b3f-4d2c-8e4a-3f7b8c9d0e1f\n      <<: *slice\n`;
    const { of } = run({ 'mig.yaml': text });
    assert.deepEqual(
      of('MIG006').map((h) => h.line),
      [9],
    );
    assert.deepEqual(
      of('SCH002').map((h) => [h.line, h.column]),
      [[10, 7]],
    );
  });

  it('the schema sees the anchored values too: SCH005 on an aliased port lands on the anchor', () => {
    const { of } = run({ 'config.yaml': `${STORAGE}listeners:\n  main: &main\n    port: 87650\nserver: *main\n` });
    assert.deepEqual(
      of('SCH005').map((h) => [h.line, h.column, h.fixes.length]),
      [[5, 11, 0]],
    );
  });

  it('SCH003 offers no conversion through an alias', () => {
    const { of } = run({ 'config.yaml': `${STORAGE}listeners:\n  main: &main\n    port: "8080"\nserver: *main\n` });
    assert.deepEqual(
      of('SCH003').map((h) => [h.line, h.severity ?? 'warning', h.fixes.length]),
      [[5, 'warning', 0]],
    );
  });
});

describe('aliases: fix-all never edits through an alias', () => {
  const text =
    STORAGE +
    'shared:\n' +
    '  transport: &tls_defaults\n' +
    '    enabled: true\n' +
    '    min_version: "1.0"\n' +
    '    cert_file: /etc/themisdb/tls/server.crt\n' +
    '    key_file: /etc/themisdb/tls/server.key\n' +
    '  suites: &suites\n' +
    '    - ECDHE-RSA-AES128-SHA\n' +
    '  vram: &vram_policy\n' +
    '    secure_clear: false\n' +
    '  lists:\n' +
    '    operations: &ops [training, mining]\n' +
    'network:\n' +
    '  tls: *tls_defaults\n' +
    'grpc:\n' +
    '  tls:\n' +
    '    cipher_suites: *suites\n' +
    'security:\n' +
    '  vram: *vram_policy\n' +
    '  gpu:\n' +
    '    allowed_operations: *ops\n';
  const shared = text.slice(text.indexOf('shared:\n'), text.indexOf('network:\n'));

  it('the aliased values draw their findings, at the anchor', () => {
    const { of } = run({ 'config.yaml': text });
    assert.deepEqual(
      of('TLS002').map((h) => h.line),
      [6],
    );
    assert.deepEqual(
      of('TLS003').map((h) => h.line),
      [10],
    );
    assert.deepEqual(
      of('GPU005').map((h) => h.line),
      [12],
    );
    assert.deepEqual(
      of('GPU004').map((h) => h.line),
      [14],
    );
  });

  it('fix-all leaves the anchored values as they are', () => {
    const { ws, file } = run({ 'config.yaml': text });
    const findingsOf = (f) => engine.analyze(f, ws, { profile: 'production' }).findings;
    const inShared = (f) => f.span.start >= text.indexOf(shared) && f.span.end <= text.indexOf(shared) + shared.length;
    const offered = findingsOf(file).filter((f) => inShared(f) && engine.safeFix(f, file.path));
    assert.deepEqual(
      offered.map((f) => f.ruleId),
      [],
      'no safe fix on an aliased value',
    );
    const result = engine.fixAll(file, findingsOf);
    assert.ok(result.text.includes(shared), `the anchored block is unchanged:\n${result.text}`);
    for (const line of [
      '  tls: *tls_defaults',
      '    cipher_suites: *suites',
      '  vram: *vram_policy',
      '    allowed_operations: *ops',
    ]) {
      assert.ok(result.text.includes(`${line}\n`), `${line} is unchanged`);
    }
    const fixed = new engine.SourceFile(file.path, result.text);
    assert.deepEqual(
      fixed.yaml.docs.flatMap((d) => d.errors.map((e) => e.message)),
      [],
      'the fixed file parses',
    );
  });
});
