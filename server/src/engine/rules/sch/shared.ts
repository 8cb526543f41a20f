// Shared by the SCH rules: the schema validation of a file (run once per analysis),
// the entry each of its problems is about, and how values are shown in messages.
import { YamlRef } from '../../documents/yamlModel';
import { schemaFor, SchemaName } from '../../schema/schemaIndex';
import { SchemaProblem, SchemaProblemKind, validateYaml } from '../../schema/validate';
import { Span } from '../../types';
import { RuleContext } from '../rule';

/** What the SCH helpers read of a rule's context (any rule's, whatever its messages). */
type Ctx = Pick<RuleContext, 'file' | 'kind' | 'workspace'>;

interface Validation {
  name: SchemaName;
  problems: SchemaProblem[];
}

/**
 * Keyed by the analysis (its context, shared by the rules of one run), not the
 * file: the result also depends on the .env values substituted for `${VAR}`,
 * which change without the file changing.
 */
const cache = new WeakMap<Ctx, Validation>();

function validation(ctx: Ctx): Validation | undefined {
  const name = schemaFor(ctx.kind, ctx.file.path);
  if (!name) return undefined;
  let hit = cache.get(ctx);
  if (!hit) {
    hit = { name, problems: validateYaml(ctx.file, ctx.workspace, name) };
    cache.set(ctx, hit);
  }
  return hit;
}

export interface Placed {
  name: SchemaName;
  problem: SchemaProblem;
  ref: YamlRef;
  /** Where the finding goes: the key for unknown keys, the value otherwise. */
  span: Span;
}

/**
 * The schema problems of one kind, each with its entry, one per place: a value
 * reached through several aliases is written (and reported) once, at its anchor.
 */
export function problemsOf(ctx: Ctx, kind: SchemaProblemKind): Placed[] {
  const res = validation(ctx);
  if (!res) return [];
  const out: Placed[] = [];
  const seen = new Set<number>();
  for (const problem of res.problems) {
    if (problem.kind !== kind) continue;
    const ref = ctx.file.yaml.getIn(problem.docIndex, problem.path);
    const span = kind === 'unknown-key' ? ref?.keySpan : (ref?.valueSpan ?? ref?.keySpan);
    if (!ref || !span || seen.has(span.start)) continue;
    seen.add(span.start);
    out.push({ name: res.name, problem, ref, span });
  }
  return out;
}

/** The key an entry is written with (`server.port` → `port`). */
export function keyOf(problem: SchemaProblem): string {
  return problem.path[problem.path.length - 1];
}

/** Longest text shown whole in a message; a longer one is cut, so the first sentence stays short. */
const SHOWN_MAX = 40;

/** A value as the messages show it: strings quoted (cut after 40 characters), the rest as written. */
export function show(v: unknown): string {
  if (typeof v !== 'string') return String(v);
  return JSON.stringify(v.length > SHOWN_MAX ? `${v.slice(0, SHOWN_MAX - 1)}…` : v);
}
