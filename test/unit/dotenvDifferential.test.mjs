// Differential test: our .env model (documents/envModel.ts) against the dotenv package on many
// generated lines, quoting the tricky way (escaped quotes, text after a closing quote, doubled
// single quotes, multi-line values, comments, CRLF). The deliberate differences, documented at
// the top of envModel.ts, are applied to dotenv's answer before comparing:
//   - `\"` in double quotes is a `"` (Docker Compose, systemd and shells unescape it);
//   - an unclosed quote is a problem and no entry (dotenv reads it literally);
//   - blanks around `=` end at the line break: `A=` is empty even when the next line starts with
//     a quote, and `x` above a line `=` is no assignment (dotenv lets the blanks run across lines):
//     generated files leave these out;
//   - `A: b` is not an assignment (dotenv also reads YAML-style lines): generated files have no colon.
// Run: node --test test/unit/dotenvDifferential.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { engine } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const dotenv = require('dotenv');

/** Compares the two readings of one file; returns how many keys were compared. */
function compare(text) {
  const ours = new engine.EnvModel(text);
  const theirs = dotenv.parse(text);
  // the line of the last unclosed quote of each key
  const unterminated = new Map(ours.problems.filter((p) => p.kind === 'unterminated-quote').map((p) => [p.key, p.line]));
  for (const [key, value] of Object.entries(theirs)) {
    const entry = ours.get(key);
    if (unterminated.has(key) && (!entry || entry.line < unterminated.get(key))) {
      assert.match(value, /^["'`]/, `${key}: dotenv reads an unclosed quote literally`);
      continue;
    }
    assert.ok(entry, `${JSON.stringify(text)}: dotenv reads ${key}, we do not`);
    const expected = entry.quote === '"' ? value.replace(/\\"/g, '"') : value;
    assert.equal(entry.value, expected, `${JSON.stringify(text)}: ${key}`);
  }
  for (const e of ours.entries) assert.ok(e.key in theirs, `${JSON.stringify(text)}: we read ${e.key}, dotenv does not`);
  return Object.keys(theirs).length;
}

describe('.env model agrees with dotenv', () => {
  it('on the cases the issue names', () => {
    for (const [line, value] of [
      ['A="x"junk', '"x"junk'],
      ["A='it''s'", "it''s"],
      ['A="x" # comment', 'x'],
      ["A='x' junk", "'x' junk"],
      ['A=`x`y', '`x`y'],
      ['A="x"junk"', 'x"junk'],
      ['A="a\\nb"', 'a\nb'],
      ["A='a\\nb'", 'a\\nb'],
      ['A="multi\nline"', 'multi\nline'],
      ['A="multi\r\nline"', 'multi\nline'],
    ]) {
      compare(line);
      assert.equal(new engine.EnvModel(line).get('A')?.value, value, JSON.stringify(line));
    }
  });

  it('differs where no reader of a ThemisDB .env (Compose, systemd, a shell) does what dotenv does', () => {
    const value = (text) => new engine.EnvModel(text).get('A')?.value;
    assert.equal(dotenv.parse('A="esc \\"q\\""').A, 'esc \\"q\\"');
    assert.equal(value('A="esc \\"q\\""'), 'esc "q"');
    assert.equal(dotenv.parse('A="open').A, '"open');
    assert.equal(value('A="open'), undefined);
    assert.deepEqual(
      new engine.EnvModel('A="open').problems.map((p) => p.kind),
      ['unterminated-quote'],
    );
    assert.equal(dotenv.parse("A=\n'x'\n").A, 'x');
    assert.equal(value("A=\n'x'\n"), '');
    assert.equal(dotenv.parse('x\n=1\n').x, '1');
    assert.equal(new engine.EnvModel('x\n=1\n').get('x'), undefined);
    assert.equal(dotenv.parse('A: b').A, 'b');
    assert.equal(value('A: b'), undefined);
  });

  it('on generated files', () => {
    const piece = fc.constantFrom(
      'x',
      'abc',
      ' ',
      '  ',
      '#',
      ' # c',
      '"',
      "'",
      '`',
      '\\"',
      "\\'",
      '\\n',
      '\\r',
      '\\\\',
      '$V',
      '${V}',
      '=',
      "''",
      '""',
      '\n',
      'é',
    );
    const value = fc.oneof(
      fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
      fc
        .tuple(fc.constantFrom('"', "'", '`'), fc.array(piece, { maxLength: 6 }), fc.array(piece, { maxLength: 3 }))
        .map(([q, inner, tail]) => `${q}${inner.join('')}${q}${tail.join('')}`),
    );
    const line = fc
      .tuple(
        fc.constantFrom('', 'export ', ' '),
        fc.constantFrom('A', 'B', 'C_1', 'THEMIS_X', 'D.e-f'),
        fc.constantFrom('=', ' =', '= ', ' = '),
        value,
      )
      .map(([pre, key, eq, v]) => `${pre}${key}${eq}${v}`);
    const file = fc
      .tuple(
        fc.array(fc.oneof(line, fc.constantFrom('# comment', '')), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
      )
      .map(([lines, eol]) => lines.join(eol) + eol)
      .filter((text) => !/=[^\S\r\n]*\r?\n\s*["'`]|(^|\n)[^\S\r\n]*=/.test(text));
    let keys = 0;
    fc.assert(
      fc.property(file, (text) => {
        keys += compare(text);
      }),
      { numRuns: 10000, seed: 14 },
    );
    assert.ok(keys > 10000, `${keys} keys compared`);
  });
});
