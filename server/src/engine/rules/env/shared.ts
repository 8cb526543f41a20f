// Helpers of the ENV rules only: where to report, misspelled names, and the edits
// that give a variable a value. What a value means lives in engine/envSemantics.ts.
import { randomBytes } from 'node:crypto';
import { EnvEntry } from '../../documents/envModel';
import { varInfo } from '../../envCatalog';
import {
  configuresServer,
  Environment,
  EnvScope,
  entriesOf,
  entryOf,
  environmentOf,
  flagOn,
  isBlank,
  misspelledOn,
  SERVER_VARIABLES,
  unknownThemisName,
  valueOf,
} from '../../envSemantics';
import { dotenvEdits, EnvEdits } from '../../fixes/envEdits';
import { SourceFile } from '../../sourceFile';
import { FileEdit, Span, TextEdit } from '../../types';
import { closestNames } from '../shared/distance';
import { RuleContext } from '../rule';
import { detached } from '../../detached';

// ---------------------------------------------------------------------------
// Where findings go, and how values appear in messages
// ---------------------------------------------------------------------------

/** Where to report a variable that is missing: the key of a file's first entry (0..0 in an empty file), a service's definition. */
export function absentSpan(scope: EnvScope): Span {
  return environmentOf(scope).absentSpan;
}

/** The value, or the key when the value is empty. */
export function valueSpan(e: EnvEntry): Span {
  return e.valueSpan.end > e.valueSpan.start ? e.valueSpan : e.keySpan;
}

/** One-based line of an entry, for messages. */
export function lineOf(file: SourceFile, e: EnvEntry): number {
  return file.lines.position(e.keySpan.start).line + 1;
}

/** A value in a message: `empty`, or the value in double quotes. */
export function shown(value: string): string {
  return isBlank(value) ? 'empty' : `"${value}"`;
}

/** `"a" or "b"`, `"a", "b" or "c"`. */
export function quoteList(values: readonly string[]): string {
  const q = values.map((v) => `"${v}"`);
  return q.length <= 2 ? q.join(' or ') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

// ---------------------------------------------------------------------------
// Misspelled names
// ---------------------------------------------------------------------------

/** The names an unknown name may have been meant as depend only on the catalog: one lookup per name. */
const renameCache = new Map<string, string | undefined>();
const CACHE_LIMIT = 100_000;

/**
 * The variable a misspelled name was meant to be: the upper-case form of a known
 * name written in another case, or the one name the server reads within edit
 * distance 2 of an unknown THEMIS_* name.
 */
export function renameTarget(key: string): string | undefined {
  const upper = key.toUpperCase();
  if (upper !== key && varInfo(upper)) return upper;
  if (!unknownThemisName(key)) return undefined;
  if (!renameCache.has(key)) {
    const near = closestNames(upper, SERVER_VARIABLES, 2);
    if (renameCache.size >= CACHE_LIMIT) renameCache.clear();
    renameCache.set(detached(key), near.names.length === 1 ? near.names[0] : undefined);
  }
  return renameCache.get(key);
}

/** Per environment, the last entry misspelling each name: every rule that misses a variable asks. */
const typosIn = new WeakMap<Environment, Map<string, EnvEntry>>();

/** The (last) entry of this file whose name is a misspelling of `name`. */
export function typoOf(scope: EnvScope, name: string): EnvEntry | undefined {
  const env = environmentOf(scope);
  let typos = typosIn.get(env);
  if (!typos) {
    typos = new Map();
    for (const e of env.entries) {
      const target = renameTarget(e.key);
      if (target !== undefined) typos.set(target, e);
    }
    typosIn.set(env, typos);
  }
  return typos.get(name);
}

/** A misspelled definition of a missing variable, as a message names it. */
export interface Typo {
  key: string;
  line: number;
}

export function typoData(scope: EnvScope, name: string): Typo | undefined {
  const t = typoOf(scope, name);
  return t ? { key: t.key, line: lineOf(scope.file, t) } : undefined;
}

/** Variables whose own rule reports a misspelled definition on its line, with the rename (ENV001, ENV004, ENV007, ENV008). */
const TYPO_OWNED = new Set(['THEMIS_PRODUCTION_MODE', 'THEMIS_TOKEN_ADMIN', 'THEMIS_PII_STRICT', 'THEMIS_DISABLE_AUTO_DOWNLOAD']);

/** Whether the rule of `target` reports `e` as its misspelling (one finding per typo: ENV015 then stays quiet). */
export function typoToldByOwner(scope: EnvScope, e: EnvEntry, target: string): boolean {
  return TYPO_OWNED.has(target) && !entryOf(scope, target) && typoOf(scope, target) === e && configuresServer(scope);
}

/** The message fragment for a misspelled definition: ` (X on line N looks like a misspelling of it)`. */
export function typoText(t: Typo | undefined): string {
  return t ? ` (${t.key} on line ${t.line} looks like a misspelling of it)` : '';
}

// ---------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------

/** The edits of the environment judged: its own (a service's, in the deployment file's syntax), else the .env's. */
export function editsOf(scope: EnvScope): EnvEdits {
  return environmentOf(scope).edits ?? dotenvEdits(scope.file);
}

/**
 * The title and edits that give `name` the value `value`: set it where it is
 * defined, rename a misspelled definition of it (setting the value too unless
 * `keepValue` accepts the one it has), or append it. `shownAs` stands for the value in the title.
 */
export function provide(
  scope: EnvScope,
  name: string,
  value: string,
  keepValue?: (v: string) => boolean,
  shownAs = value,
): { title: string; edits: (TextEdit | FileEdit | undefined)[] } {
  const edits = editsOf(scope);
  const e = entryOf(scope, name);
  if (e) return { title: `Set ${name} to ${shownAs}`, edits: [edits.set(e, value)] };
  const t = typoOf(scope, name);
  if (t) {
    const v = valueOf(scope, t);
    const keep = v !== undefined && (keepValue ? keepValue(v) : v === value);
    return {
      title: `Rename ${t.key} to ${name}${keep ? '' : ` and set it to ${shownAs}`}`,
      edits: [edits.rename(t, name), ...(keep ? [] : [edits.set(t, value)])],
    };
  }
  return { title: `Add ${name}=${shownAs}`, edits: [edits.add(name, value)] };
}

/** Removes every definition of `name` (a later one would otherwise take effect). */
export function removeAll(scope: EnvScope, name: string): (TextEdit | FileEdit | undefined)[] {
  const edits = editsOf(scope);
  return entriesOf(scope, name).map((e) => edits.remove(e));
}

/** A fresh admin token: 32 random bytes, base64 (never shown in a message or a title). */
export function freshToken(): string {
  return randomBytes(32).toString('base64');
}

export const TOKEN_NOTE = 'the token is written into this file: keep the file out of version control';
export const FRESH_TOKEN = 'a freshly generated 32-byte token';

// ---------------------------------------------------------------------------
// Switches that must be on (ENV007, ENV008)
// ---------------------------------------------------------------------------

/** Why a flag that must be on is not: missing (perhaps misspelled), or set to something else. */
export type FlagState = { kind: 'notSet' } | { kind: 'off'; entry: EnvEntry; value: string };

/**
 * Why the flag `name` is not on, as the server reads it; undefined when it is on,
 * its value is unknown here, the value is an "on" spelling the server ignores
 * (ENV016 explains those), or it is missing from a file that is not the server's environment.
 */
export function flagNotOn(scope: EnvScope, name: string): FlagState | undefined {
  const e = entryOf(scope, name);
  if (!e) return configuresServer(scope) ? { kind: 'notSet' } : undefined;
  const v = valueOf(scope, e);
  if (v === undefined || flagOn(name, v) || misspelledOn(name, v)) return undefined;
  return { kind: 'off', entry: e, value: v };
}

/**
 * The messages and check of a rule whose switch must be 1 (ENV007, ENV008): reported
 * where it is missing (with the fix that adds it, or renames a misspelling) or off (set to 1).
 * `risk` says what happens while it is not on (the end of the first sentence), `detail` why that matters.
 */
export function flagMustBeOn(name: string, risk: string, detail: string) {
  const messages = {
    notSet: () => `${name} is not set, so ${risk}. ${detail}. Set ${name}=1.`,
    misspelled: (d: { key: string }) => `${d.key} is a misspelling of ${name}, so ${risk}. ${detail}. Rename it.`,
    off: (d: { value: string }) => `${name} is ${shown(d.value)}, so ${risk}. ${detail}. Set it to 1.`,
  };
  const check = (ctx: RuleContext<typeof messages>): void => {
    const state = flagNotOn(ctx, name);
    if (state?.kind === 'notSet') {
      const p = provide(ctx, name, '1', (v) => flagOn(name, v));
      const fixes = [ctx.fix(p.title, p.edits)];
      const typo = typoOf(ctx, name);
      if (typo) ctx.report({ messageId: 'misspelled', data: { key: typo.key }, span: typo.keySpan, fixes });
      else ctx.report({ messageId: 'notSet', span: absentSpan(ctx), fixes });
    } else if (state?.kind === 'off') {
      ctx.report({
        messageId: 'off',
        data: { value: state.value },
        span: valueSpan(state.entry),
        fixes: [ctx.fix(`Set ${name} to 1`, [editsOf(ctx).set(state.entry, '1')])],
      });
    }
  };
  return { messages, check };
}
