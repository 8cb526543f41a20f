// The effective environment of one service, built in the order of the tool that starts
// it: every later `set` wins and keeps what it overrides, for hovers that say who wins.
import { isSecretVar } from '../envCatalog';
import { MAX_READ_VALUES } from '../limits';
import { SourceFile } from '../sourceFile';
import { isEnvTemplate } from '../fileKinds';
import { isTemplated } from '../secrets';
import { EnvOrigin, EnvValue, SourceRef } from './types';

export type NewValue = Omit<EnvValue, 'overrides' | 'secret'> & { secret?: boolean };

/** What is left of MAX_READ_VALUES (limits.ts) while one deployment model is built. */
export class ReadBudget {
  private left = MAX_READ_VALUES;
  private refused = false;

  /** Whether `count` more values may be read; once one source is refused, every later one is. */
  take(count: number): boolean {
    if (count > this.left) this.refused = true;
    if (this.refused) return false;
    this.left -= count;
    return true;
  }
}

export class EnvBuilder {
  readonly env = new Map<string, EnvValue>();
  /** A source was left unread (the budget ran out): the environment lacks what it sets. */
  unread = false;

  constructor(private readonly budget?: ReadBudget) {}

  /** Whether a source of `count` values may be read; a refusal leaves the builder `unread`. */
  mayRead(count: number): boolean {
    if (!this.budget || this.budget.take(count)) return true;
    this.unread = true;
    return false;
  }

  set(v: NewValue): void {
    const prev = this.env.get(v.name);
    const secret = !!v.secret || !!v.fromSecretObject || isSecretVar(v.name);
    // the replaced value's list moves to its successor: a copy per set is quadratic in the
    // values of one name (a file listed 2,000 times in env_file)
    const overrides = prev?.overrides ?? [];
    // Object.assign, not a spread with more keys: V8 copies those several times slower
    // (3 µs a value; a service reads every line of its env files)
    if (prev) overrides.push(Object.assign({}, prev, { overrides: [] }));
    // a new Map entry goes last, so the map keeps the order the tool applies values in
    this.env.delete(v.name);
    this.env.set(v.name, Object.assign({}, v, { secret, overrides }));
  }

  get(name: string): EnvValue | undefined {
    return this.env.get(name);
  }

  delete(name: string): void {
    this.env.delete(name);
  }
}

/**
 * Every entry of an env file, in file order, as one service source. `expand` resolves
 * `${VAR}` inside values where the tool does (compose); the value of an empty entry in a
 * template file is unknown: the real file is filled in at install time.
 */
export function addEnvFile(
  b: EnvBuilder,
  f: SourceFile,
  origin: EnvOrigin,
  via: SourceRef,
  expand?: (raw: string, own: Map<string, string>) => string | undefined,
): void {
  if (!b.mayRead(f.env.entries.length)) return;
  const template = isEnvTemplate(f.path);
  const own = new Map<string, string>();
  for (const e of f.env.entries) {
    let value: string | undefined = e.value;
    if (expand && e.quote !== "'" && e.value.includes('$')) value = expand(e.value, own);
    if (value !== undefined) own.set(e.key, value);
    const emptyInTemplate = template && value !== undefined && isTemplated(value);
    b.set({
      name: e.key,
      value: emptyInTemplate ? undefined : value,
      file: f.path,
      span: e.valueSpan,
      keySpan: e.keySpan,
      origin,
      via,
      fromTemplate: template || undefined,
      note: emptyInTemplate ? 'left to fill in by the template; the real file is written at install time' : undefined,
    });
  }
}

/**
 * The readings of sources applied in order that decide something: of a source read more
 * than once (a file listed twice in env_file), only the last reading, because it sets every
 * value again over whatever came between. Reading it each time would cost the file once per
 * listing.
 */
export function lastReadings<T>(readings: readonly T[], sourceOf: (r: T) => unknown): T[] {
  const last = new Map(readings.map((r, i) => [sourceOf(r), i]));
  return readings.filter((r, i) => last.get(sourceOf(r)) === i);
}
