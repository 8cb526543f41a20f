// Reading values the way the ThemisDB server would: after `${VAR}` substitution,
// yaml-cpp booleans (yes/on/true), numbers written as strings.
import { isScalar } from 'yaml';
import { hasBracedRef } from '../../documents/envModel';
import { asBool, YamlRef } from '../../documents/yamlModel';
import { RuleContext } from '../rule';

/** What the value readers need of a rule context. */
export type ValueReader = Pick<RuleContext, 'resolved'>;

/** A finite number, or a string that spells one (`"30"`, ` 1.5 `); undefined otherwise. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** The resolved number of an entry (see `numberOf`). */
export function numberAt(ctx: ValueReader, ref: YamlRef | undefined): number | undefined {
  return ref ? numberOf(ctx.resolved(ref)) : undefined;
}

/** true/false as the server reads the entry (after `${VAR}` substitution). */
export function boolOf(ctx: ValueReader, ref: YamlRef | undefined): boolean | undefined {
  return ref ? asBool(ctx.resolved(ref)) : undefined;
}

/** A resolved scalar as trimmed text, or undefined (collections, empty, a `${VAR}` left unresolved). */
export function textOf(ctx: ValueReader, ref: YamlRef | undefined): string | undefined {
  if (!ref) return undefined;
  const v = ctx.resolved(ref);
  if (v === null || v === undefined || typeof v === 'object') return undefined;
  const s = String(v).trim();
  if (hasBracedRef(s)) return undefined;
  return s;
}

/** A string value after `${VAR}` substitution, trimmed (an unresolved reference stays as written); undefined for non-strings. */
export function resolvedString(ctx: ValueReader, ref: YamlRef | undefined): string | undefined {
  const v = ctx.resolved(ref);
  if (v === null || v === undefined || typeof v === 'object') return undefined;
  return String(v).trim();
}

/** true when a path-like value is empty (absent, null or ""); a `${VAR}` reference counts as set. */
export function isEmptyValue(ctx: ValueReader, ref: YamlRef | undefined): boolean {
  if (!ref) return true;
  if (typeof ref.value === 'string' && ref.value.includes('${')) return false;
  if (ref.node && !isScalar(ref.node)) return false;
  const v = ctx.resolved(ref);
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}
