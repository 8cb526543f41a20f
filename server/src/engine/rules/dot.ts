// DOT — .env syntax: what dotenv (and the shells, systemd and compose that read
// the same files) would misread. Values are never quoted in messages: a .env
// holds secrets.
import { EnvEntry } from '../documents/envModel';
import { removeEnvEntry } from '../fixes/envEdits';
import { Span, TextEdit } from '../types';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';

function lineOf(ctx: RuleContext, offset: number): number {
  return ctx.file.lines.position(offset).line + 1;
}

const dot001 = defineRule('DOT001', (ctx) => {
  const byKey = new Map<string, EnvEntry[]>();
  for (const e of ctx.file.env.entries) {
    const list = byKey.get(e.key) ?? [];
    list.push(e);
    byKey.set(e.key, list);
  }
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    const winner = list[list.length - 1];
    for (const e of list.slice(0, -1)) {
      ctx.report({
        span: e.keySpan,
        message: `${key} is set again on line ${lineOf(ctx, winner.keySpan.start)}, and the last definition wins: this one is silently ignored. Keep a single definition.`,
        fixes: [{ title: `Remove this earlier definition of ${key}`, kind: 'suggestion', changes: [{ path: ctx.file.path, edits: [removeEnvEntry(ctx.file, e)] }] }],
      });
    }
  }
});

/** `MY KEY=value`: a key with blanks inside, which dotenv cannot read at all. */
const SPACED_KEY = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*(?:[ \t]+[A-Za-z0-9_.-]+)+)[ \t]*=/;

function spacedKey(ctx: RuleContext, span: Span): RegExpExecArray | null {
  return SPACED_KEY.exec(ctx.file.text.slice(span.start, ctx.file.lines.lineEnd(ctx.file.lines.position(span.start).line)));
}

const dot002 = defineRule('DOT002', (ctx) => {
  // lines right after an unterminated quote are the rest of that value: DOT004 says it once
  let prevLine = -2;
  let continuation = false;
  for (const p of [...ctx.file.env.problems].sort((a, b) => a.line - b.line)) {
    if (p.kind === 'unterminated-quote') {
      continuation = true;
      prevLine = p.line;
      continue;
    }
    continuation = continuation && p.line === prevLine + 1;
    prevLine = p.line;
    if (continuation || spacedKey(ctx, p.span)) continue; // a key with blanks is DOT003
    ctx.report({
      span: p.span,
      message: 'This line is not KEY=value, export KEY=value, a comment or blank; dotenv skips it and a shell that sources the file fails on it. Fix or comment it out.',
    });
  }
});

const dot003 = defineRule('DOT003', (ctx) => {
  const text = ctx.file.text;
  for (const e of ctx.file.env.entries) {
    if (!e.spaceAroundEquals) continue;
    const eq = text.indexOf('=', e.keySpan.end);
    if (eq < 0) continue;
    const span = { start: e.keySpan.end, end: e.valueSpan.start };
    ctx.report({
      span: span.end > span.start ? span : { start: eq, end: eq + 1 },
      message: `Blanks around "=" after ${e.key}: dotenv tolerates them, but a shell sourcing this file and \`docker run --env-file\` do not. Write ${e.key}=value without blanks.`,
      fixes: [{ title: 'Remove the blanks around "="', kind: 'fix', changes: [{ path: ctx.file.path, edits: [{ ...span, newText: '=' }] }] }],
    });
  }
  for (const p of ctx.file.env.problems) {
    if (p.kind !== 'invalid-line') continue;
    const m = spacedKey(ctx, p.span);
    if (!m) continue;
    // the problem span starts at the line's first non-blank character
    const start = p.span.start + m[1].length + (m[2]?.length ?? 0);
    const key = m[3];
    const fixedKey = key.replace(/[ \t]+/g, '_');
    ctx.report({
      span: { start, end: start + key.length },
      message: `The key "${key}" contains blanks, so dotenv cannot read this line and the variable is never set. Use ${fixedKey}.`,
      fixes: [{ title: `Rename the key to ${fixedKey}`, kind: 'fix', changes: [{ path: ctx.file.path, edits: [{ start, end: start + key.length, newText: fixedKey }] }] }],
    });
  }
});

const dot004 = defineRule('DOT004', (ctx) => {
  for (const p of ctx.file.env.problems) {
    if (p.kind !== 'unterminated-quote') continue;
    const quote = ctx.file.text[p.span.start];
    ctx.report({
      span: p.span,
      message: `The ${quote === '"' ? 'double' : quote === "'" ? 'single' : 'back'} quote opened here is never closed, so dotenv reads the quote and the rest of the line literally (or drops the variable). Add the closing ${quote}.`,
    });
  }
});

/**
 * What the user meant as the value of an unquoted entry: up to a `#` that
 * follows a blank (`KEY=#ff0000` means the colour, which dotenv reads as empty).
 */
function intendedValue(ctx: RuleContext, e: EnvEntry): { text: string; length: number } {
  const raw = e.rawAfterEquals;
  const blankBefore = /[ \t]/.test(ctx.file.text[e.valueSpan.start - 1] ?? '');
  const m = (blankBefore ? /(^|[ \t])#/ : /([ \t])#/).exec(raw);
  const body = m ? raw.slice(0, m.index) : raw;
  const text = body.trimEnd();
  return { text, length: text.length };
}

const dot005 = defineRule('DOT005', (ctx) => {
  const env = ctx.file.env;
  const firstAt = new Map<string, number>();
  env.entries.forEach((e, i) => {
    if (!firstAt.has(e.key)) firstAt.set(e.key, i);
  });
  env.entries.forEach((e, index) => {
    const definedAbove = (name: string) => (firstAt.get(name) ?? Infinity) < index;
    if (e.quote !== '') return;
    const { text, length } = intendedValue(ctx, e);
    if (!text) return;
    const problems: string[] = [];
    if (/[ \t]/.test(text)) problems.push('blanks (shells split the value there)');
    if (text.includes('#')) problems.push('a "#" (dotenv cuts the value there)');
    // `${VAR}` is a deliberate expansion; a bare `$NAME` that names no variable
    // defined above, or `$$`, is a literal dollar that dotenv-expand would eat.
    const bare = [...text.matchAll(/(?<!\\)\$(\$|[A-Za-z_][A-Za-z0-9_]*)/g)].filter((m) => m[1] === '$' || !definedAbove(m[1]));
    if (bare.length) problems.push('a "$" (variable expansion would replace part of it)');
    if (problems.length === 0) return;
    const span = { start: e.valueSpan.start, end: e.valueSpan.start + length };
    const fixes: TextEdit[] = [];
    if (!text.includes("'")) fixes.push({ ...span, newText: `'${text}'` });
    else if (!text.includes('"') && !text.includes('$') && !text.includes('\\')) fixes.push({ ...span, newText: `"${text}"` });
    ctx.report({
      span,
      message: `The unquoted value of ${e.key} contains ${problems.join(' and ')}, so it may not be read as written. Quote it.`,
      fixes: fixes.length ? [{ title: `Quote the value of ${e.key}`, kind: 'fix', changes: [{ path: ctx.file.path, edits: fixes }] }] : [],
    });
  });
});

// Lower-case by long convention, read by every HTTP client.
const CONVENTIONAL_LOWERCASE = new Set(['http_proxy', 'https_proxy', 'no_proxy', 'all_proxy', 'ftp_proxy']);

const dot006 = defineRule('DOT006', (ctx) => {
  for (const e of ctx.file.env.entries) {
    if (/^[A-Z_][A-Z0-9_]*$/.test(e.key) || CONVENTIONAL_LOWERCASE.has(e.key)) continue;
    const upper = e.key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    ctx.report({
      span: e.keySpan,
      message: `${e.key} is not UPPER_SNAKE_CASE. Environment names are case-sensitive and ThemisDB reads only upper-case THEMIS_* names: did you mean ${upper}?`,
    });
  }
});

export const dotRules: Rule[] = [dot001, dot002, dot003, dot004, dot005, dot006];
