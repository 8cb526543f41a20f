// Answers about the paths of our schemas, cached in a trie per schema: a lookup walks the keys and
// builds no key string. SCH006 and the readership ask for every entry of a file, on every
// keystroke, and joining each path into a key cost more than the answers.

interface Node<T> {
  kids?: Map<string, Node<T>>;
  known?: boolean;
  value?: T;
}

export class PathCache<T> {
  private roots = new Map<string, Node<T>>();
  private nodes = 0;

  /** `max`: nodes kept before the cache starts over (a file of 50,000 tenants must not grow it without end). */
  constructor(private readonly max = 100_000) {}

  /** The answer at `keys` of schema `name`: `compute`'s, computed once per path. */
  get(name: string, keys: readonly string[], compute: () => T): T {
    if (this.nodes > this.max) {
      this.roots = new Map();
      this.nodes = 0;
    }
    let node: Node<T> | undefined = this.roots.get(name);
    if (!node) this.roots.set(name, (node = {}));
    for (const k of keys) {
      const kids: Map<string, Node<T>> = (node.kids ??= new Map());
      let next = kids.get(k);
      if (!next) {
        kids.set(k, (next = {}));
        this.nodes++;
      }
      node = next;
    }
    if (!node.known) {
      node.value = compute();
      node.known = true;
    }
    return node.value as T;
  }
}
