// Edit distance for "did you mean" suggestions (SCH002, SCH004, ENV015, completion).

/** Three rows of the distance matrix, reused by every call (grown for longer words). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, so
 * `PRODUCTON`/`PRODUCTION` and `tsl`/`tls` are one edit). Stops early: any result
 * above `max` is returned as `max + 1`. Only the cells within `max` of the diagonal
 * are computed (a cell further off needs more than `max` edits), on rows kept
 * between calls, which keeps a lookup against a catalog cheap.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const band = Math.min(max, Math.max(a.length, n));
  const over = band + 1; // stands for every distance above the band
  if (rows[0].length < n + 2) rows = [0, 1, 2].map(() => new Int32Array(2 * (n + 2))) as typeof rows;
  let prev2 = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j <= n; j++) prev[j] = j <= band ? j : over;
  prev[n + 1] = over;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(n, i + band);
    cur[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    if (hi < n) cur[hi + 1] = over;
    let rowMin = cur[lo - 1];
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < d)
        d = prev2[j - 2] + 1;
      if (d > over) d = over;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[n] > max ? max + 1 : prev[n];
}

/** Every candidate at the smallest distance from `word`, if that distance is at most `max` (in the candidates' order). */
export function closestNames(word: string, candidates: Iterable<string>, max: number): { names: string[]; distance: number } {
  let best = max;
  const found: Candidate[] = [];
  const bag = bagOf(word);
  const byLength = indexOf(candidates);
  // nearest lengths first, so the bound tightens early; a length further than the best distance cannot do
  for (let delta = 0; delta <= best; delta++) {
    for (let side = delta === 0 ? 1 : 0; side < 2; side++) {
      const list = byLength.get(side === 0 ? word.length - delta : word.length + delta);
      if (!list) continue;
      for (const c of list) {
        if (bagDistance(bag, c.bag) > best) continue;
        const d = editDistance(word, c.name, best);
        if (d > best) continue;
        if (d < best) found.length = 0;
        best = d;
        found.push(c);
      }
    }
  }
  const names = [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.name))];
  return { names, distance: names.length ? best : Infinity };
}

interface Candidate {
  /** Its place in the candidates. */
  at: number;
  name: string;
  bag: Bag;
}
type LengthIndex = Map<number, Candidate[]>;
const indexes = new WeakMap<object, LengthIndex>();

/** Candidates by length, in their order; kept for an array (catalogs are built once). */
function indexOf(candidates: Iterable<string>): LengthIndex {
  let index = indexes.get(candidates);
  if (!index) {
    index = new Map();
    let at = 0;
    for (const name of candidates) {
      const c = { at: at++, name, bag: cachedBag(name) };
      const list = index.get(name.length);
      if (list) list.push(c);
      else index.set(name.length, [c]);
    }
    if (Array.isArray(candidates)) indexes.set(candidates, index);
  }
  return index;
}

// A character bag: how often each character occurs (codes folded into 64 buckets).
// One edit changes the bags of two strings by at most one character each way, so
// the larger of the two one-sided differences never exceeds the edit distance.
const BUCKETS = 64;
const bags = new Map<string, Bag>();
const BAG_CACHE_LIMIT = 20_000;

interface Bag {
  counts: Uint16Array;
  /** The sum of the counts. */
  total: number;
  /** The buckets with a count, each once. */
  used: number[];
}

function bagOf(s: string): Bag {
  const counts = new Uint16Array(BUCKETS);
  const used: number[] = [];
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i) & (BUCKETS - 1);
    if (counts[k] === 0) used.push(k);
    if (counts[k] < 0xffff) {
      counts[k]++;
      total++;
    }
  }
  return { counts, total, used };
}

/** Candidates come from catalogs and schemas: their bags are computed once. */
function cachedBag(s: string): Bag {
  let bag = bags.get(s);
  if (!bag) {
    if (bags.size >= BAG_CACHE_LIMIT) bags.clear();
    bags.set(s, (bag = bagOf(s)));
  }
  return bag;
}

/**
 * The larger one-sided difference of two bags. Only the buckets `a` uses are visited:
 * what `a` has in excess minus what `b` has in excess is the difference of their totals.
 */
function bagDistance(a: Bag, b: Bag): number {
  let more = 0;
  for (const k of a.used) {
    const d = a.counts[k] - b.counts[k];
    if (d > 0) more += d;
  }
  const fewer = more - (a.total - b.total);
  return Math.max(more, fewer);
}

/** The one candidate closest to `word` (case-insensitive) within `max` edits; undefined when none or a tie. */
export function closest(word: string, candidates: Iterable<string>, max = 2): { value: string; distance: number } | undefined {
  const byLower = new Map<string, string>();
  for (const c of candidates) if (!byLower.has(c.toLowerCase())) byLower.set(c.toLowerCase(), c);
  const { names, distance } = closestNames(word.toLowerCase(), byLower.keys(), max);
  return names.length === 1 ? { value: byLower.get(names[0])!, distance } : undefined;
}
