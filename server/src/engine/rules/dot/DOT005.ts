// DOT005 unquoted-special: an unquoted .env value with blanks, "#" or "$" that would be cut or expanded.
import { EnvEntry } from '../../documents/envModel';
import { SourceFile } from '../../sourceFile';
import { Span, TextEdit } from '../../types';
import { defineRule } from '../rule';

/** What in an unquoted value may make it read differently from how it is written. */
type Special = 'blanks' | 'hash' | 'dollar';

const SPECIAL_TEXT: Record<Special, string> = { blanks: 'blanks', hash: 'a "#"', dollar: 'a "$"' };
/** What each character does to an unquoted value. */
const SPECIAL_EFFECT: Record<Special, string> = {
  blanks: 'shells split the value at a blank',
  hash: 'dotenv cuts the value at the "#"',
  dollar: 'variable expansion replaces the part after the "$"',
};

export default defineRule({
  meta: {
    id: 'DOT005',
    name: 'unquoted-special',
    kinds: ['env'],
    severity: 'warning',
    productionOnly: false,
    fix: 'fix',
    supersedes: [],
    messages: {
      unquotedSpecial: (d: { key: string; specials: Special[] }) =>
        `The unquoted value of ${d.key} contains ${d.specials.map((s) => SPECIAL_TEXT[s]).join(' and ')}. It may not be read as written: ${d.specials
          .map((s) => SPECIAL_EFFECT[s])
          .join(', and ')}. Quote it.`,
    },
  },
  check(ctx) {
    const env = ctx.file.env;
    const firstAt = new Map<string, number>();
    env.entries.forEach((e, i) => {
      if (!firstAt.has(e.key)) firstAt.set(e.key, i);
    });
    env.entries.forEach((e, index) => {
      const definedAbove = (name: string) => (firstAt.get(name) ?? Infinity) < index;
      if (e.quote !== '') return;
      const text = intendedValue(ctx.file, e);
      if (!text) return;
      const specials: Special[] = [];
      if (/[ \t]/.test(text)) specials.push('blanks');
      if (text.includes('#')) specials.push('hash');
      // `${VAR}` is a deliberate expansion; a bare `$NAME` that names no variable
      // defined above, or `$$`, is a literal dollar that dotenv-expand would eat.
      const bare = [...text.matchAll(/(?<!\\)\$(\$|[A-Za-z_][A-Za-z0-9_]*)/g)].filter((m) => m[1] === '$' || !definedAbove(m[1]));
      if (bare.length) specials.push('dollar');
      if (specials.length === 0) return;
      const span = { start: e.valueSpan.start, end: e.valueSpan.start + text.length };
      // dotenv reads `KEY=#…` as an empty value and a comment: only the user may say it is the value
      const readAsComment = e.value === '' && text.startsWith('#');
      const title = `Quote the value of ${e.key}`;
      ctx.report({
        messageId: 'unquotedSpecial',
        data: { key: e.key, specials },
        span,
        fixes: [
          readAsComment
            ? ctx.suggest(`${title} (dotenv reads it as a comment today)`, [quoted(span, text)])
            : ctx.fix(title, [quoted(span, text)]),
        ],
      });
    });
  },
});

/**
 * What the user meant as the value of an unquoted entry: up to a `#` that
 * follows a blank (`KEY=#ff0000` means the colour, which dotenv reads as empty).
 */
function intendedValue(file: SourceFile, e: EnvEntry): string {
  const raw = e.rawAfterEquals;
  const blankBefore = /[ \t]/.test(file.text[e.valueSpan.start - 1] ?? '');
  const m = (blankBefore ? /(^|[ \t])#/ : /([ \t])#/).exec(raw);
  const body = m ? raw.slice(0, m.index) : raw;
  return body.trimEnd();
}

/** The value in quotes that keep it literal: single, else double when nothing in it needs escaping; undefined when neither does. */
function quoted(span: Span, text: string): TextEdit | undefined {
  if (!text.includes("'")) return { ...span, newText: `'${text}'` };
  if (!text.includes('"') && !text.includes('$') && !text.includes('\\')) return { ...span, newText: `"${text}"` };
  return undefined;
}
