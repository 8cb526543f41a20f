// The plain-YAML composer (documents/plainCompose.ts) against yaml's Composer: on the real
// files and on fuzzed variants of them, every text it accepts gives the Composer's nodes
// (kinds, values, types, sources, formats, ranges), and it accepts nothing the Composer
// reports a problem in; what it gives up on is composed by the Composer.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { engine, repoRoot } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const yaml = require('yaml');
const OPTIONS = { uniqueKeys: false, prettyErrors: false };

function kind(n) {
  if (yaml.isMap(n)) return 'map';
  if (yaml.isSeq(n)) return 'seq';
  if (yaml.isScalar(n)) return 'scalar';
  if (yaml.isPair(n)) return 'pair';
  return n === null ? 'null' : typeof n;
}

/** The first difference between two node trees, or undefined. */
function difference(a, b, at) {
  if (kind(a) !== kind(b)) return `${at}: ${kind(a)} vs ${kind(b)}`;
  if (a === null || a === undefined) return undefined;
  if (yaml.isPair(a)) return difference(a.key, b.key, `${at}.key`) ?? difference(a.value, b.value, `${at}.value`);
  for (const f of ['range', 'type', 'source', 'format', 'tag', 'anchor', 'minFractionDigits', 'flow'])
    if (JSON.stringify(a[f]) !== JSON.stringify(b[f])) return `${at}: ${f} ${JSON.stringify(a[f])} vs ${JSON.stringify(b[f])}`;
  if (yaml.isScalar(a)) return Object.is(a.value, b.value) ? undefined : `${at}: value ${String(a.value)} vs ${String(b.value)}`;
  if (a.items.length !== b.items.length) return `${at}: ${a.items.length} vs ${b.items.length} items`;
  for (let i = 0; i < a.items.length; i++) {
    const d = difference(a.items[i], b.items[i], `${at}[${i}]`);
    if (d) return d;
  }
  return undefined;
}

/** Whether the plain composer took the text, and how its documents differ from the Composer's. */
function compare(text) {
  const plain = engine.composePlain([...new yaml.Parser().parse(text)], OPTIONS);
  if (!plain) return { taken: false };
  const ref = yaml.parseAllDocuments(text, OPTIONS);
  if (!Array.isArray(ref) || ref.length !== plain.length) return { taken: true, diff: `${plain.length} documents` };
  for (const [i, b] of ref.entries()) {
    const a = plain[i];
    if (b.errors.length || b.warnings.length)
      return { taken: true, diff: `doc ${i}: the Composer reports ${b.errors.concat(b.warnings).map((e) => e.code)}` };
    if (JSON.stringify(a.range) !== JSON.stringify(b.range)) return { taken: true, diff: `doc ${i}: range` };
    if (a.directives.docStart !== b.directives.docStart) return { taken: true, diff: `doc ${i}: docStart` };
    if (JSON.stringify(a.directives.yaml) !== JSON.stringify(b.directives.yaml))
      return { taken: true, diff: `doc ${i}: directives` };
    const d = difference(a.contents, b.contents, `doc ${i}`);
    if (d) return { taken: true, diff: d };
  }
  return { taken: true };
}

function yamlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

const texts = yamlFiles(path.join(repoRoot, 'test', 'fixtures')).map((f) => [
  path.relative(repoRoot, f),
  fs.readFileSync(f, 'utf8'),
]);

/** What the fuzzer puts into a line: YAML's indicators, scalars of every core type, escapes, tabs and line breaks. */
const PIECES = [
  ' ',
  ':',
  ': ',
  '- ',
  '#',
  ' #',
  "'",
  '"',
  '\n',
  '\n  ',
  '\t',
  '?',
  '&a',
  '*a',
  '!',
  '[',
  ']',
  '{',
  '}',
  '|',
  '>',
  '%',
  '@',
  '`',
  ',',
  '~',
  '.',
  '.inf',
  '.NaN',
  'null',
  'true',
  'Yes',
  '\\',
  "''",
  '---',
  '...',
  '\r\n',
  '1.50',
  '0x1F',
  '0o7',
  '1e3',
  '-1',
  '+1',
  '.5',
  'x',
];

const edit = fc.record({
  line: fc.nat(),
  at: fc.nat(),
  op: fc.constantFrom('insert', 'delete', 'duplicate', 'indent', 'cut'),
  piece: fc.constantFrom(...PIECES),
  n: fc.integer({ min: 0, max: 5 }),
});

function mutated(text, edits) {
  const lines = text.split('\n');
  for (const e of edits) {
    const i = e.line % lines.length;
    const l = lines[i] ?? '';
    const at = e.at % (l.length + 1);
    if (e.op === 'insert') lines[i] = l.slice(0, at) + e.piece + l.slice(at);
    else if (e.op === 'delete') lines.splice(i, 1);
    else if (e.op === 'duplicate') lines.splice(i, 0, lines[(i + e.n) % lines.length]);
    else if (e.op === 'indent') lines[i] = ' '.repeat(e.n) + l.trimStart();
    else lines[i] = l.slice(0, at) + l.slice(at + 1 + e.n);
  }
  return lines.join('\n');
}

describe('plain YAML composer', () => {
  it('composes the real files as the Composer does, and takes the configs', () => {
    let taken = 0;
    for (const [name, text] of texts) {
      const r = compare(text);
      assert.equal(r.diff, undefined, name);
      if (r.taken) taken++;
    }
    assert.ok(texts.length >= 10 && taken >= texts.length / 2, `${taken} of ${texts.length} taken`);
    assert.ok(compare(texts.find(([n]) => n.endsWith('config/core/config.yaml'))[1]).taken, 'the core config is plain YAML');
  });

  it('on fuzzed variants of them, gives the Composer’s nodes or gives up', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.boolean(), (f, edits, window) => {
        let text = mutated(texts[f][1], edits);
        if (window)
          text = text
            .split('\n')
            .slice(edits[0].line % 50, (edits[0].line % 50) + 30)
            .join('\n');
        const r = compare(text);
        runs++;
        if (r.taken) taken++;
        assert.equal(r.diff, undefined);
      }),
      { numRuns: 3000, seed: 12 },
    );
    // the property says something only if many variants take the plain path
    assert.ok(taken > runs / 4, `${taken} of ${runs} variants taken`);
  });

  it('gives up on what it does not compose itself', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: [1, 2]\n',
      'a: |\n  x\n',
      'a: "x\\ty"\n',
      'a: b\n  c\n',
      '%YAML 1.2\n---\na: 1\n',
      'a:\tb\n',
      'a: 1\n...\n',
      '? a\n: 1\n',
    ])
      assert.equal(compare(text).taken, false, JSON.stringify(text));
  });
});
