// Edit distance for "did you mean" suggestions (SCH002, SCH004, ENV015, completion).

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, so
 * `PRODUCTON`/`PRODUCTION` and `tsl`/`tls` are one edit). Stops early: any result
 * above `max` is returned as `max + 1`, which keeps a lookup against a catalog
 * linear in practice.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n] > max ? max + 1 : prev[n];
}

/** Every candidate at the smallest distance from `word`, if that distance is at most `max` (in the candidates' order). */
export function closestNames(word: string, candidates: Iterable<string>, max: number): { names: string[]; distance: number } {
  let best = max;
  const found: { at: number; name: string; d: number }[] = [];
  const bag = bagOf(word);
  const byLength = indexOf(candidates);
  // nearest lengths first, so the bound tightens early; a length further than the best distance cannot do
  for (let delta = 0; delta <= best; delta++) {
    for (const len of delta === 0 ? [word.length] : [word.length - delta, word.length + delta]) {
      for (const { at, name } of byLength.get(len) ?? []) {
        if (bagDistance(bag, cachedBag(name)) > best) continue;
        const d = editDistance(word, name, best);
        if (d > best) continue;
        best = d;
        found.push({ at, name, d });
      }
    }
  }
  const names = [
    ...new Set(
      found
        .filter((f) => f.d === best)
        .sort((a, b) => a.at - b.at)
        .map((f) => f.name),
    ),
  ];
  return { names, distance: names.length ? best : Infinity };
}

type LengthIndex = Map<number, { at: number; name: string }[]>;
const indexes = new WeakMap<object, LengthIndex>();

/** Candidates by length, in their order; kept for an array (catalogs are built once). */
function indexOf(candidates: Iterable<string>): LengthIndex {
  let index = indexes.get(candidates);
  if (!index) {
    index = new Map();
    let at = 0;
    for (const name of candidates) {
      const list = index.get(name.length);
      if (list) list.push({ at: at++, name });
      else index.set(name.length, [{ at: at++, name }]);
    }
    if (Array.isArray(candidates)) indexes.set(candidates, index);
  }
  return index;
}

// A character bag: how often each character occurs (codes folded into 64 buckets).
// One edit changes the bags of two strings by at most one character each way, so
// the larger of the two one-sided differences never exceeds the edit distance.
const BUCKETS = 64;
const bags = new Map<string, Uint16Array>();
const BAG_CACHE_LIMIT = 20_000;

function bagOf(s: string): Uint16Array {
  const bag = new Uint16Array(BUCKETS);
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i) & (BUCKETS - 1);
    if (bag[k] < 0xffff) bag[k]++;
  }
  return bag;
}

/** Candidates come from catalogs and schemas: their bags are computed once. */
function cachedBag(s: string): Uint16Array {
  let bag = bags.get(s);
  if (!bag) {
    if (bags.size >= BAG_CACHE_LIMIT) bags.clear();
    bags.set(s, (bag = bagOf(s)));
  }
  return bag;
}

function bagDistance(a: Uint16Array, b: Uint16Array): number {
  let more = 0;
  let fewer = 0;
  for (let k = 0; k < BUCKETS; k++) {
    const d = a[k] - b[k];
    if (d > 0) more += d;
    else fewer -= d;
  }
  return Math.max(more, fewer);
}

/** The one candidate closest to `word` (case-insensitive) within `max` edits; undefined when none or a tie. */
export function closest(word: string, candidates: Iterable<string>, max = 2): { value: string; distance: number } | undefined {
  const byLower = new Map<string, string>();
  for (const c of candidates) if (!byLower.has(c.toLowerCase())) byLower.set(c.toLowerCase(), c);
  const { names, distance } = closestNames(word.toLowerCase(), byLower.keys(), max);
  return names.length === 1 ? { value: byLower.get(names[0])!, distance } : undefined;
}
