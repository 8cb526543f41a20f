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

/** Every candidate at the smallest distance from `word`, if that distance is at most `max`. */
export function closestNames(word: string, candidates: Iterable<string>, max: number): { names: string[]; distance: number } {
  let best = max;
  let names: string[] = [];
  for (const c of candidates) {
    const d = editDistance(word, c, best);
    if (d > best) continue;
    if (d < best) {
      best = d;
      names = [c];
    } else if (!names.includes(c)) names.push(c);
  }
  return { names, distance: names.length ? best : Infinity };
}

/** The one candidate closest to `word` (case-insensitive) within `max` edits; undefined when none or a tie. */
export function closest(word: string, candidates: Iterable<string>, max = 2): { value: string; distance: number } | undefined {
  const byLower = new Map<string, string>();
  for (const c of candidates) if (!byLower.has(c.toLowerCase())) byLower.set(c.toLowerCase(), c);
  const { names, distance } = closestNames(word.toLowerCase(), byLower.keys(), max);
  return names.length === 1 ? { value: byLower.get(names[0])!, distance } : undefined;
}
