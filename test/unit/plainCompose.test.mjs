// The two plain-YAML readers against yaml's Composer: the composer of the parser's tokens
// (documents/plainCompose.ts) and the line scanner of the text (documents/plainScan.ts).
// On the real files and on fuzzed variants of them, every text a reader accepts gives the
// Composer's nodes (kinds, values, types, sources, formats, ranges), and it accepts nothing
// the Composer reports a problem in; what it gives up on is parsed by yaml.
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

const READERS = {
  'plain YAML composer': (text) => engine.composePlain([...new yaml.Parser().parse(text)], OPTIONS),
  'plain YAML line scanner': (text) => engine.scanPlain(text, OPTIONS),
};

/** Whether a reader took the text, and how its documents differ from the Composer's. */
function compare(read, text) {
  const plain = read(text);
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

/**
 * Plain YAML as people write it, from a seed: mappings, sequences, compact mappings in
 * sequences, sequences under a key at the key's indent, empty values, trailing comments,
 * and blank and comment lines at every indent between them, which is where the parser's
 * placement of comments decides the ranges.
 */
function generated(seed) {
  let state = seed >>> 0 || 1;
  const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) & 0x7fffffff) / 0x7fffffff;
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const scalar = () =>
    pick([
      'x',
      '1',
      'true',
      'null',
      '~',
      '-1',
      '0x1F',
      '1.50',
      "'q'",
      '"d"',
      "'it''s'",
      'a b',
      'a:b',
      'a#b',
      '-x',
      ':x',
      '?x',
      '',
      '.inf',
      'Yes',
      '""',
      "''",
      'http://h:1/p',
    ]);
  const tail = () => (rnd() < 0.25 ? pick([' # t', '   # t', ' ']) : '');
  const trivia = (indent) => {
    const out = [];
    const n = rnd() < 0.5 ? 0 : Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.3) out.push('');
      else if (r < 0.4) out.push(' '.repeat(Math.floor(rnd() * 6)));
      else out.push(' '.repeat(Math.max(0, indent + Math.floor(rnd() * 7) - 3)) + `# c${i}`);
    }
    return out;
  };
  const lines = [];
  // a collection at `indent`; `lead`: what starts its first line (a `- ` of the item it is in), else its indent
  const block = (indent, depth, lead) => {
    const n = 1 + Math.floor(rnd() * 3);
    const map = rnd() < 0.6;
    for (let i = 0; i < n; i++) {
      const start = i === 0 && lead !== undefined ? lead : ' '.repeat(indent);
      const r = rnd();
      if (map) {
        const key = pick(['a', 'b', 'key', '"k"', "'k'", 'a b', 'x.y', '1', 'null']);
        if (r < 0.45 || depth > 3) lines.push(`${start}${key}: ${scalar()}${tail()}`);
        else {
          lines.push(`${start}${key}:${tail()}`, ...trivia(indent));
          if (r < 0.75) block(r < 0.6 ? indent + 1 + Math.floor(rnd() * 3) : indent, depth + 1);
          else if (r < 0.8) lines.push(`${' '.repeat(indent)}- ${scalar()}`); // a sequence at the key's indent
        }
      } else if (r < 0.4 || depth > 3) lines.push(`${start}- ${scalar()}${tail()}`);
      else if (r < 0.55) lines.push(`${start}-${tail()}`);
      else if (r < 0.8) {
        const spaces = 1 + Math.floor(rnd() * 2);
        block(indent + 1 + spaces, depth + 1, `${start}-${' '.repeat(spaces)}`);
      } else {
        lines.push(`${start}-`, ...trivia(indent));
        block(indent + 1 + Math.floor(rnd() * 2), depth + 1);
      }
      lines.push(...trivia(indent));
    }
  };
  const root = rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 0;
  lines.push(...trivia(root));
  block(root, 0);
  lines.push(...trivia(0));
  return lines.join('\n') + (rnd() < 0.8 ? '\n' : '');
}

for (const [reader, read] of Object.entries(READERS))
  describe(reader, () => {
    it('composes the real files as the Composer does, and takes the configs', () => {
      let taken = 0;
      for (const [name, text] of texts) {
        const r = compare(read, text);
        assert.equal(r.diff, undefined, name);
        if (r.taken) taken++;
      }
      assert.ok(texts.length >= 10 && taken >= texts.length / 2, `${taken} of ${texts.length} taken`);
      assert.ok(
        compare(read, texts.find(([n]) => n.endsWith('config/core/config.yaml'))[1]).taken,
        'the core config is plain YAML',
      );
    });

    it('on fuzzed variants of them, gives the Composer’s nodes or gives up', () => {
      let taken = 0;
      let runs = 0;
      fc.assert(
        fc.property(
          fc.nat(texts.length - 1),
          fc.array(edit, { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          (f, edits, window) => {
            let text = mutated(texts[f][1], edits);
            if (window)
              text = text
                .split('\n')
                .slice(edits[0].line % 50, (edits[0].line % 50) + 30)
                .join('\n');
            const r = compare(read, text);
            runs++;
            if (r.taken) taken++;
            assert.equal(r.diff, undefined);
          },
        ),
        { numRuns: Number(process.env.PLAIN_RUNS ?? 3000), seed: Number(process.env.PLAIN_SEED ?? 12) },
      );
      // the property says something only if many variants take the plain path
      assert.ok(taken > runs / 4, `${taken} of ${runs} variants taken`);
    });

    it('on generated plain YAML with comments everywhere, gives the Composer’s nodes', () => {
      let taken = 0;
      let runs = 0;
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const r = compare(read, generated(seed));
          runs++;
          if (r.taken) taken++;
          assert.equal(r.diff, undefined);
        }),
        { numRuns: Number(process.env.PLAIN_RUNS ?? 3000), seed: Number(process.env.PLAIN_SEED ?? 12) },
      );
      assert.ok(taken > runs / 2, `${taken} of ${runs} generated texts taken`);
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
        assert.equal(compare(read, text).taken, false, JSON.stringify(text));
    });
  });

describe('plain YAML line scanner', () => {
  it('leaves to yaml what it does not read line by line', () => {
    const deep = Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    for (const text of ['- - a\n', '---\na: 1\n', 'a: 1\r\nb: 2\r\n', '\ufeffa: 1\n', 'a:\n  x\n', 'a: b: c\n', deep])
      assert.equal(engine.scanPlain(text, OPTIONS), undefined, JSON.stringify(text.slice(0, 40)));
    assert.ok(engine.composePlain([...new yaml.Parser().parse(deep)], OPTIONS), 'the deep mapping is plain YAML all the same');
  });
});
