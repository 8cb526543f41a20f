/** Levenshtein edit distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate closest to `word` (case-insensitive), if within `max` edits and unambiguous. */
export function closest(word: string, candidates: Iterable<string>, max = 2): { value: string; distance: number } | undefined {
  let best: { value: string; distance: number } | undefined;
  let tie = false;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase(), max);
    if (d > max) continue;
    if (!best || d < best.distance) {
      best = { value: c, distance: d };
      tie = false;
    } else if (d === best.distance && c !== best.value) tie = true;
  }
  return best && !tie ? best : undefined;
}
