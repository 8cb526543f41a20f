// The YAML model that rules and schema validation share: aliases expanded as the
// server's yaml-cpp reads them (bounded, cycle-safe, marked viaAlias, spans at the
// anchor), exact key paths, trimmed block-scalar spans, and `<<` as a plain key.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../helpers/engine.mjs';

const model = (text) => new engine.YamlModel(text);
/** The source text a span covers. */
const at = (text, span) => (span ? text.slice(span.start, span.end) : undefined);
const paths = (m, prefix) => m.refs.map((r) => r.path.join('.')).filter((p) => p === prefix || p.startsWith(`${prefix}.`));

describe('YAML model: aliases', () => {
  it('an alias of a sequence has the anchored items under its own path, spans at the anchor', () => {
    const text =
      'defaults:\n  suites: &suites\n    - TLS_AES_256_GCM_SHA384\n    - RC4-MD5\nnetwork:\n  tls:\n    cipher_suites: *suites\n';
    const m = model(text);
    const list = m.get('network.tls.cipher_suites');
    assert.equal(list.viaAlias, true);
    assert.equal(list.alias, 'suites');
    assert.equal(at(text, list.valueSpan), '*suites', 'the entry itself spans the alias it is written with');
    assert.equal(at(text, list.keySpan), 'cipher_suites');
    const items = m.children('network.tls.cipher_suites');
    assert.deepEqual(
      items.map((r) => r.value),
      ['TLS_AES_256_GCM_SHA384', 'RC4-MD5'],
    );
    assert.ok(items.every((r) => r.viaAlias));
    assert.equal(items[1].valueSpan.start, m.get('defaults.suites.1').valueSpan.start, 'the item points at the anchored item');
    assert.equal(m.get('defaults.suites.1').viaAlias, undefined, 'the anchored original is written, not aliased');
    assert.equal(m.truncated, false);
  });

  it('an alias of a mapping has the anchored keys; an alias of a scalar has its value', () => {
    const text =
      'policy: &vram_policy\n  secure_clear: false\n  isolation:\n    mode: permissive\nlevel: &lvl strict\nsecurity:\n  vram: *vram_policy\n  mode: *lvl\n';
    const m = model(text);
    assert.deepEqual(paths(m, 'security.vram'), [
      'security.vram',
      'security.vram.secure_clear',
      'security.vram.isolation',
      'security.vram.isolation.mode',
    ]);
    const clear = m.get(['security', 'vram', 'secure_clear']);
    assert.equal(clear.value, false);
    assert.equal(clear.viaAlias, true);
    assert.equal(at(text, clear.keySpan), 'secure_clear');
    assert.equal(clear.keySpan.start, m.get('policy.secure_clear').keySpan.start, 'key span at the anchor');
    assert.equal(m.get('security.vram.isolation.mode').value, 'permissive');
    const mode = m.get('security.mode');
    assert.equal(mode.value, 'strict');
    assert.equal(mode.viaAlias, true);
    assert.equal(mode.alias, 'lvl');
    assert.ok(m.named('secure_clear').length === 2, 'the key index holds the written and the expanded entry');
  });

  it('a repeated `- *slice` gives every item the keys of the anchored one', () => {
    const text =
      'mig:\n  enabled: true\n  instances:\n    - &slice\n      uuid: MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e\n      users: [ml_user1]\n    - *slice\n    - *slice\n';
    const m = model(text);
    const items = m.children('mig.instances');
    assert.equal(items.length, 3);
    for (const i of [1, 2]) {
      assert.equal(m.get(`mig.instances.${i}.uuid`).value, 'MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e');
      assert.equal(m.get(`mig.instances.${i}.users.0`).value, 'ml_user1');
      assert.equal(m.get(`mig.instances.${i}.uuid`).valueSpan.start, m.get('mig.instances.0.uuid').valueSpan.start);
      assert.equal(items[i].viaAlias, true);
      assert.equal(at(text, items[i].valueSpan), '*slice');
    }
    assert.equal(items[0].viaAlias, undefined);
  });

  it('aliases inside anchored content are expanded too, resolved to the anchor before them', () => {
    const text = 'a: &a [x, y]\nb: &b\n  list: *a\n  more: [*a, z]\nc: *b\na: &a [redefined]\nd: *a\n';
    const m = model(text);
    assert.deepEqual(
      m.children('c.list').map((r) => r.value),
      ['x', 'y'],
    );
    assert.deepEqual(
      m.children('c.more.0').map((r) => r.value),
      ['x', 'y'],
    );
    assert.equal(m.get('c.more.1').value, 'z');
    assert.ok(m.children('c').every((r) => r.viaAlias) && m.get('c.more.0.1').viaAlias);
    assert.equal(m.get('c.list').alias, undefined, 'only an alias written at its own key names its anchor');
    assert.deepEqual(
      m.children('d').map((r) => r.value),
      ['redefined'],
      'the last anchor of a name before the alias',
    );
  });

  it('an alias bomb is bounded, marked truncated and fast', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 14; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    lines.push('after: 1');
    const started = Date.now();
    const m = model(lines.join('\n') + '\n');
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.equal(m.truncated, true);
    assert.equal(m.complete(0), false);
    assert.ok(m.refs.length <= 10_000 + 200, `${m.refs.length} entries`);
    assert.equal(m.get('after').value, 1, 'written entries after the bomb are still in the model');
  });

  it('an alias to its own ancestor is not expanded forever', () => {
    const text = 'a: &a\n  name: x\n  self: *a\nb: *a\n';
    const m = model(text);
    assert.equal(m.get('a.self').viaAlias, true);
    assert.deepEqual(m.children('a.self'), [], 'the cycle is cut at the alias');
    assert.deepEqual(paths(m, 'b'), ['b', 'b.name', 'b.self']);
    assert.equal(m.truncated, false);
  });

  it('an alias without an anchor has no node', () => {
    const m = model('x: *nowhere\n');
    assert.equal(m.get('x').node, null);
    assert.equal(m.get('x').viaAlias, true);
  });

  it('merge keys `<<` stay literal keys (yaml-cpp does not merge)', () => {
    const text = 'base: &base\n  port: 8765\nserver:\n  <<: *base\n  host: 127.0.0.1\n';
    const m = model(text);
    assert.deepEqual(
      m.children('server').map((r) => r.path[1]),
      ['<<', 'host'],
    );
    assert.equal(m.get(['server', '<<', 'port']).value, 8765);
    assert.equal(m.get('server.port'), undefined);
  });
});

describe('YAML model: paths and spans', () => {
  it('a quoted dotted key does not collide with nested keys', () => {
    const text = 'tls:\n  enabled: false\n"tls.enabled": true\n';
    const m = model(text);
    assert.equal(m.get('tls.enabled').value, false, 'the dotted string form is a nested path');
    assert.equal(m.get(['tls', 'enabled']).value, false);
    assert.equal(m.get(['tls.enabled']).value, true, 'the array form is exact');
    assert.deepEqual(
      m.children('tls').map((r) => r.value),
      [false],
    );
    assert.deepEqual(
      m.children([]).map((r) => r.path),
      [['tls'], ['tls.enabled']],
    );
    assert.equal(m.getIn(0, ['tls.enabled']).value, true);
    assert.deepEqual(m.childrenIn(0, ['tls.enabled']), []);
  });

  it("a block scalar's span ends with its content, not with the next line", () => {
    const text = 'a: |\n  line one\n  line two\n\nb: >-\n  folded\n\n\nc: |+\n  kept\n\nd: 1\n';
    const m = model(text);
    assert.equal(at(text, m.get('a').valueSpan), '|\n  line one\n  line two');
    assert.equal(at(text, m.get('b').valueSpan), '>-\n  folded');
    assert.equal(at(text, m.get('c').valueSpan), '|+\n  kept');
    assert.equal(m.get('a').value, 'line one\nline two\n', 'the value is as YAML reads it');
    assert.equal(at(text, m.get('d').valueSpan), '1');
  });

  it('duplicate keys are reported where they are written, not again through an alias', () => {
    const m = model('a: &a\n  k: 1\n  k: 2\nb: *a\nc: *a\n');
    assert.deepEqual(
      m.problems.map((p) => p.code),
      ['DUPLICATE_KEY'],
    );
  });

  it('one view per document; expanded entries belong to the document of their alias', () => {
    const m = model('a: &a {k: 1}\nb: *a\n---\na: &a {k: 2}\nb: *a\n');
    const [first, second] = m.documents();
    assert.equal(first.get('b.k').value, 1);
    assert.equal(second.get('b.k').value, 2);
    assert.equal(second.get('b.k').docIndex, 1);
  });
});
