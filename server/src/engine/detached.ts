// Keys of caches that outlive a file. V8 represents a slice of a long string as a view on
// it, so a name cut from a file's text and kept as a cache key keeps the whole text alive
// (a CLI run over thousands of files held every one of them this way).

/** A copy of `s` that keeps nothing else alive: the concatenation is flattened into a new string, and the slice is a view on that. */
export function detached(s: string): string {
  return (s + ' ').slice(0, -1);
}
