// The edit distance behind every "did you mean" (SCH002, SCH004, ENV015, ENV016): the
// banded computation with a cutoff must give what the full matrix gives, and the
// catalog lookup what comparing every candidate gives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../helpers/engine.mjs';

/** Optimal string alignment over the whole matrix, written the plain way. */
function reference(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i ? (j ? 0 : i) : j)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** A seeded generator (the same strings on every run). */
function random(seed) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const ALPHABETS = ['ab', 'abc', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789', 'aA\u00e9\u4e2d'];

function pairs(count, maxLength, seed) {
  const rnd = random(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const word = (a, n) => Array.from({ length: n }, () => pick(a)).join('');
  const out = [];
  for (let t = 0; t < count; t++) {
    const a = pick(ALPHABETS);
    const x = word(a, Math.floor(rnd() * maxLength));
    // half unrelated, half a few edits away (the case a cutoff decides)
    let y = x.split('');
    if (rnd() < 0.5) y = word(a, Math.floor(rnd() * maxLength)).split('');
    else
      for (let k = Math.floor(rnd() * 4); k >= 0; k--) {
        const i = Math.floor(rnd() * (y.length + 1));
        const op = Math.floor(rnd() * 4);
        if (op === 0) y.splice(i, 0, pick(a));
        else if (op === 1) y.splice(i, 1);
        else if (op === 2 && i < y.length) y[i] = pick(a);
        else if (i + 1 < y.length) [y[i], y[i + 1]] = [y[i + 1], y[i]];
      }
    out.push([x, y.join('')]);
  }
  return out;
}

describe('edit distance', () => {
  it('equals the full matrix, and any result over the cutoff is cutoff + 1', () => {
    for (const [x, y] of pairs(20_000, 12, 7)) {
      const exact = reference(x, y);
      assert.equal(engine.editDistance(x, y), exact, `${x} / ${y}`);
      for (const max of [0, 1, 2, 3, 5])
        assert.equal(engine.editDistance(x, y, max), exact > max ? max + 1 : exact, `${x} / ${y} within ${max}`);
    }
  });

  it('stays exact on long words, after shorter ones have been compared', () => {
    for (const [x, y] of pairs(40, 400, 11)) {
      const exact = reference(x, y);
      for (const max of [3, 40, Infinity]) assert.equal(engine.editDistance(x, y, max), exact > max ? max + 1 : exact);
    }
  });

  it('the closest names are those a comparison with every candidate finds', () => {
    const candidates = [
      'THEMIS_PRODUCTION_MODE',
      'THEMIS_TOKEN_ADMIN',
      'THEMIS_TOKEN_READ',
      'THEMIS_PKI_CERTIFICATE',
      'tls',
      'tsl',
      'enabled',
      'enable',
    ];
    for (const [x] of pairs(3_000, 24, 13).concat(
      candidates.map((c) => [c.slice(1)]),
      [['THEMIS_TOKEN_REDA'], ['THEMIS_PRODUCTON_MODE']],
    )) {
      for (const max of [1, 2, 4]) {
        const distances = candidates.map((c) => reference(x, c));
        const best = Math.min(...distances);
        const expected = best <= max ? candidates.filter((_, i) => distances[i] === best) : [];
        assert.deepEqual(
          engine.closestNames(x, candidates, max),
          { names: expected, distance: expected.length ? best : Infinity },
          x,
        );
      }
    }
  });
});
