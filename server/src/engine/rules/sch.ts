// SCH — schema and syntax: the file parses, and every key and value is one the
// ThemisDB server understands.
import { isScalar } from 'yaml';
import { closest } from './shared/distance';
import { YamlRef } from '../documents/yamlModel';
import { setValue } from '../fixes/yamlEdits';
import { propertiesAt, schemaAt, schemaFor, SchemaName, typesOf } from '../schema/schemaIndex';
import { schemaOfError, SchemaProblem, validateYaml } from '../schema/validate';
import { Fix, Span } from '../types';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';

const sch001 = defineRule('SCH001', (ctx) => {
  for (const p of ctx.file.yaml.problems) {
    const what =
      p.code === 'DUPLICATE_KEY'
        ? 'This key appears twice in the same mapping; the server keeps only one of the values, so the other is silently lost.'
        : p.code === 'TAB_AS_INDENT'
          ? 'Tabs are not allowed for indentation in YAML; indent with spaces.'
          : `The YAML does not parse: ${p.message}`;
    ctx.report({ span: p.span, message: what });
  }
});

/**
 * Validation runs once per analysis and the four SCH rules read its result. Keyed
 * by the analysis (its context), not the file: the result also depends on the
 * .env values substituted for `${VAR}`, which change without the file changing.
 */
const cache = new WeakMap<RuleContext, { name: SchemaName; problems: SchemaProblem[] }>();
function problems(ctx: RuleContext): { name: SchemaName; problems: SchemaProblem[] } | undefined {
  const name = schemaFor(ctx.kind, ctx.file.path);
  if (!name) return undefined;
  let hit = cache.get(ctx);
  if (!hit) {
    hit = { name, problems: validateYaml(ctx.file, ctx.workspace, name) };
    cache.set(ctx, hit);
  }
  return hit;
}

function refOf(ctx: RuleContext, p: SchemaProblem): YamlRef | undefined {
  return ctx.file.yaml.getIn(p.docIndex, p.path);
}

function valueSpan(ref: YamlRef): Span {
  return ref.valueSpan ?? ref.keySpan!;
}

const dotted = (path: string[]) => path.join('.');
const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

const sch002 = defineRule('SCH002', (ctx) => {
  const res = problems(ctx);
  for (const p of res?.problems ?? []) {
    if (p.kind !== 'unknown-key') continue;
    const ref = refOf(ctx, p);
    if (!ref?.keySpan) continue;
    const key = p.path[p.path.length - 1];
    const known = [...propertiesAt(res!.name, p.path.slice(0, -1)).keys()];
    const near = closest(key, known, 3);
    const where = p.path.length > 1 ? ` under \`${dotted(p.path.slice(0, -1))}\`` : ' at the top level';
    const fixes: Fix[] = [];
    if (near && near.distance <= 2 && isScalar(ref.keyNode)) {
      fixes.push({ title: `Rename to ${near.value}`, kind: 'fix', changes: [{ path: ctx.file.path, edits: [{ ...ref.keySpan, newText: near.value }] }] });
    }
    ctx.report({
      span: ref.keySpan,
      message: `ThemisDB does not know the key \`${key}\`${where}, so its value is ignored.${near ? ` Did you mean \`${near.value}\`?` : ''}`,
      fixes,
    });
  }
});

const sch003 = defineRule('SCH003', (ctx) => {
  const res = problems(ctx);
  for (const p of res?.problems ?? []) {
    if (p.kind !== 'wrong-type') continue;
    const ref = refOf(ctx, p);
    if (!ref) continue;
    const expected = typesOf(schemaOfError(p.error)).join(' or ') || String((p.error.params as { type?: string }).type);
    const converted = lossless(p.value, expected);
    const fixes: Fix[] = [];
    if (converted !== undefined && ref.valueSpan) {
      const edit = setValue(ctx.file, ref, converted);
      if (edit) fixes.push({ title: `Convert to ${expected} ${show(converted)}`, kind: 'suggestion', changes: [{ path: ctx.file.path, edits: [edit] }] });
    }
    const key = p.path[p.path.length - 1];
    const quotedNumber = converted !== undefined && typeof p.value === 'string';
    ctx.report({
      span: valueSpan(ref),
      // the server converts quoted numbers itself, so this one is only a warning
      severity: quotedNumber ? 'warning' : 'error',
      message: quotedNumber
        ? `\`${key}\` expects ${article(expected)}, but the value is quoted text ${show(p.value)}. The server converts it, but a quoted value hides type mistakes: write it without quotes.`
        : `\`${key}\` expects ${article(expected)}, not ${describe(p.value)}. The server reads typed values strictly and stops at startup on a mismatch.`,
      fixes,
    });
  }
});

const sch004 = defineRule('SCH004', (ctx) => {
  const res = problems(ctx);
  for (const p of res?.problems ?? []) {
    if (p.kind !== 'invalid-enum') continue;
    const ref = refOf(ctx, p);
    if (!ref) continue;
    const allowed = (schemaOfError(p.error).enum ?? [(p.error.params as { allowedValue?: unknown }).allowedValue]).filter((v) => v !== undefined);
    const near = typeof p.value === 'string' ? closest(p.value, allowed.map(String), 2) : undefined;
    const fixes: Fix[] = [];
    if (near && ref.valueSpan) {
      const target = allowed.find((a) => String(a) === near.value)!;
      const edit = setValue(ctx.file, ref, target as string | number | boolean);
      if (edit) fixes.push({ title: `Change to ${show(target)}`, kind: 'fix', changes: [{ path: ctx.file.path, edits: [edit] }] });
    }
    const list = allowed.map(show).join(', ');
    ctx.report({
      span: valueSpan(ref),
      message: `${show(p.value)} is not a valid value for \`${p.path[p.path.length - 1]}\`. Allowed: ${list}.${near ? ` Did you mean ${show(near.value)}?` : ''}`,
      fixes,
    });
  }
});

const sch005 = defineRule('SCH005', (ctx) => {
  const res = problems(ctx);
  for (const p of res?.problems ?? []) {
    if (p.kind !== 'out-of-range') continue;
    const ref = refOf(ctx, p);
    if (!ref) continue;
    const s = schemaOfError(p.error);
    const range = s.minimum !== undefined && s.maximum !== undefined ? `between ${s.minimum} and ${s.maximum}` : s.minimum !== undefined ? `at least ${s.minimum}` : `at most ${s.maximum}`;
    ctx.report({ span: valueSpan(ref), message: `\`${p.path[p.path.length - 1]}\` is ${show(p.value)}, but it must be ${range}.` });
  }
});

const sch006 = defineRule('SCH006', (ctx) => {
  const name = schemaFor(ctx.kind, ctx.file.path);
  if (!name) return;
  const model = ctx.file.yaml;
  const idOf = (ref: YamlRef) => `${ref.docIndex}:${dotted(ref.path)}`;
  // a key is unread when the schema says so, or when it is a section all of whose keys are unread
  const unread = new Map<string, boolean>();
  const isUnread = (ref: YamlRef): boolean => {
    const id = idOf(ref);
    let v = unread.get(id);
    if (v === undefined) {
      const kids = model.children(ref.path).filter((k) => k.docIndex === ref.docIndex && k.keySpan);
      v = schemaAt(name, ref.path)?.['x-server-reads'] === false || (kids.length > 0 && kids.every(isUnread));
      unread.set(id, v);
    }
    return v;
  };
  for (const ref of model.refs) {
    if (!ref.keySpan || !isUnread(ref)) continue;
    const parent = ref.path.length > 1 ? model.getIn(ref.docIndex, ref.path.slice(0, -1)) : undefined;
    if (parent && isUnread(parent)) continue; // reported once, on the section
    const section = model.children(ref.path).length > 0;
    ctx.report({
      span: ref.keySpan,
      message: `The ThemisDB server does not read \`${dotted(ref.path)}\`${section ? ' or anything under it' : ''}: ${section ? 'these settings have' : 'this setting has'} no effect on the running server.`,
    });
  }
});

function lossless(value: unknown, expected: string): number | boolean | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  if (/integer|number/.test(expected) && /^-?\d+$/.test(t) && String(Number(t)) === t) return Number(t);
  if (/number/.test(expected) && /^-?\d*\.\d+$/.test(t) && Number.isFinite(Number(t))) return Number(t);
  if (/boolean/.test(expected) && /^(?:true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return undefined;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v === 'string' ? 'the text' : `the ${typeof v}`} ${show(v)}`;
}

export const schRules = [sch001, sch002, sch003, sch004, sch005, sch006];
