// The one quoting module (documents/yamlScalar.ts): a string stays plain only when
// YAML 1.2 (the `yaml` package) and yaml-cpp's YAML 1.1 both read it back as the
// same string. Completion, hover and the fix edits all write scalars with it.
// Run: node --test test/unit/yamlScalar.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { engine } from '../helpers/engine.mjs';

const { needsQuotes, yamlScalar, unquoteScalar } = engine;

describe('yamlScalar', () => {
  it('leaves ordinary strings plain', () => {
    for (const s of [
      'required',
      'TLS_AES_256_GCM_SHA384',
      '/etc/themisdb/tls/server.crt',
      'https://vault.internal:8200',
      'a#b',
      '${THEMIS_HSM_PIN}',
      '1g',
      'v1.2',
    ]) {
      assert.equal(needsQuotes(s), false, s);
      assert.equal(yamlScalar(s), s);
    }
  });

  it('quotes what YAML 1.2 or yaml-cpp would read as another type or another string', () => {
    const cases = [
      '',
      '1.3',
      '1.',
      '.5',
      '1e3',
      '0x1f',
      '0o17',
      '1_000',
      '.inf',
      '.NaN',
      'null',
      '~',
      'true',
      'False',
      'yes',
      'on',
      'OFF',
      'y',
      'n',
      '-x',
      '? x',
      ': x',
      'a: b',
      'a:',
      'x #c',
      ' lead',
      'trail ',
      'two\nlines',
      '[a]',
      '{a}',
      '&anchor',
      '*alias',
      '!tag',
      '|',
      '>',
      "'q'",
      '"q"',
      '%x',
      '@x',
      '`x',
      '...',
      '--- x',
    ];
    for (const s of cases) {
      assert.equal(needsQuotes(s), true, JSON.stringify(s));
      assert.equal(parse(`v: ${yamlScalar(s)}`).v, s, `round trip of ${JSON.stringify(s)}`);
    }
  });

  it('quotes every string the yaml package does not read back unchanged', () => {
    const chars = 'a1.-_:# ,\'"[]{}!&*|>%@`~?=+eE0x\t\n';
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 20000; i++) {
      let s = '';
      for (let n = 1 + (i % 6); n > 0; n--) s += chars[Math.floor(rnd() * chars.length)];
      let same;
      try {
        same = parse(s) === s;
      } catch {
        same = false;
      }
      if (!same) assert.equal(needsQuotes(s), true, JSON.stringify(s));
    }
  });

  it('writes numbers, booleans and null as they are, and reads quoted scalars back', () => {
    assert.equal(yamlScalar(3), '3');
    assert.equal(yamlScalar(false), 'false');
    assert.equal(yamlScalar(null), 'null');
    assert.equal(unquoteScalar('"a\\"b"'), 'a"b');
    assert.equal(unquoteScalar("'it''s'"), "it's");
    assert.equal(unquoteScalar('plain'), 'plain');
  });
});
