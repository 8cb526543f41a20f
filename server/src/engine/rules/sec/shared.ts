// What the SEC rules share: which values are secrets, references or placeholders;
// the scalars of a YAML file as written; the "move to .env" suggestion of SEC001,
// SEC002 and SEC004; and the .gitignore matcher that SEC006 and that suggestion use.
import ignore from 'ignore';
import * as path from 'path';
import { isScalar, Scalar } from 'yaml';
import { EnvModel } from '../../documents/envModel';
import { lineBreakOf } from '../../documents/lineIndex';
import { YamlRef } from '../../documents/yamlModel';
import { isSecretVar, varInfo } from '../../envCatalog';
import { appendEnvEntry } from '../../fixes/envEdits';
import { isEditable, setValue } from '../../fixes/yamlEdits';
import { isPlaceholderOrWeakWord, isTemplated, isTooRegular, knownCredential, urlPassword } from '../../secrets';
import { SourceFile } from '../../sourceFile';
import { FileEdit, Fix, Span, TextEdit } from '../../types';
import { RuleContext } from '../rule';
import { lastKey } from '../query';

/** What the helpers need of a rule context (any SEC rule's). */
export type SecContext = Pick<RuleContext, 'file' | 'workspace' | 'suggest'>;

// ---------------------------------------------------------------------------
// Per-analysis memo: the rules of one analysis share the same context object, so
// scalar values and variable look-ups are computed once (.gitignore answers: per workspace).

interface Memo {
  scalars?: { ref: YamlRef; value: string }[];
  secrets?: { ref: YamlRef; value: string }[];
  /** Every variable some .env of the workspace defines (what Workspace.lookupVar finds). */
  defined?: Set<string>;
  envFiles: Map<string, SourceFile | undefined>;
}

const memos = new WeakMap<object, Memo>();

function memo(ctx: SecContext): Memo {
  let m = memos.get(ctx);
  if (!m) memos.set(ctx, (m = { envFiles: new Map() }));
  return m;
}

/** Every scalar of the file with its literal (see literalOf). */
export function scalars(ctx: SecContext): { ref: YamlRef; value: string }[] {
  const m = memo(ctx);
  if (!m.scalars) {
    m.scalars = [];
    for (const ref of ctx.file.yaml.refs) {
      const value = literalOf(ctx, ref);
      if (value !== undefined) m.scalars.push({ ref, value });
    }
  }
  return m.scalars;
}

/** Secret-named mapping entries with a literal value (for SEC001 and SEC003). */
export function secretEntries(ctx: SecContext): { ref: YamlRef; value: string }[] {
  const m = memo(ctx);
  m.secrets ??= scalars(ctx).filter(({ ref, value }) => ref.keySpan && value.trim() !== '' && isSecretVar(lastKey(ref)));
  return m.secrets;
}

/** Whether some .env of the workspace defines `name`. */
export function isDefined(ctx: SecContext, name: string): boolean {
  const m = memo(ctx);
  if (!m.defined) {
    m.defined = new Set();
    for (const f of [...ctx.workspace.siblingEnvFiles(ctx.file.path), ...ctx.workspace.allEnvFiles()]) {
      for (const e of f.env.entries) m.defined.add(e.key);
    }
  }
  return m.defined.has(name);
}

function fileOnce(ctx: SecContext, p: string): SourceFile | undefined {
  const m = memo(ctx);
  if (!m.envFiles.has(p)) m.envFiles.set(p, ctx.workspace.file(p));
  return m.envFiles.get(p);
}

// ---------------------------------------------------------------------------
// What a value is

/** Cheap pre-filters before the full regular expressions. */
const MAYBE_CREDENTIAL = /BEGIN|AKIA|ASIA|gh[pousr]_|github_pat_|xox[abprs]-|hooks\.slack\.com|AIza|_live_|eyJ/;

export function credentialFormat(value: string): ReturnType<typeof knownCredential> {
  return MAYBE_CREDENTIAL.test(value) ? knownCredential(value) : undefined;
}

export function urlCredential(value: string): ReturnType<typeof urlPassword> {
  return value.includes('@') && value.includes('://') ? urlPassword(value) : undefined;
}

/** `${VAR}` anywhere, `$VAR`, `{{ x }}`, `%X%`: the real value comes from elsewhere. */
export function isReference(v: string): boolean {
  const t = v.trim();
  // a `${…}` ends at a `}`: past the last one the regex would only rescan the rest from every `${`
  return (
    /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?=+][^}]*)?\}/.test(t.slice(0, t.lastIndexOf('}') + 1)) ||
    /^\$[A-Za-z_]\w*$/.test(t) ||
    /^\{\{.*\}\}$/s.test(t) ||
    /^%[A-Za-z_]\w*%$/.test(t)
  );
}

/** A file path or a pointer into a secret store, not the secret itself. */
export function isIndirect(v: string): boolean {
  const t = v.trim();
  if (/^(?:env|file|vault|secret|secretref|ref|k8s|kms|awssm|gcpsm|op|arn):/i.test(t)) return true;
  // /etc/themisdb/hsm.pin, ./secrets/token, ~/.themis/key, C:\keys\x.pem
  const isPath = /^(?:~|\.{1,2})?\/[\w.@-]+(?:\/[\w.@-]+)*\/?$/.test(t);
  if (isPath && (/\/[\w@-]+\.\w{1,8}$/.test(t) || (t.match(/\//g) ?? []).length >= 2)) return true;
  return /^[A-Za-z]:\\[\w\\. -]+$/.test(t);
}

/** A value that is only a placeholder: `<token>`, `${X}`, `changeme`, `https://hooks.slack.com/services/XXX`. */
export function isPlaceholder(v: string): boolean {
  if (isTemplated(v) || isPlaceholderOrWeakWord(v)) return true;
  if (!isUrl(v)) return false;
  return v
    .split(/[/:@?=&#]/)
    .some((seg) => /^x{3,}$/i.test(seg) || /^<[^>]*>$/.test(seg) || /^(?:your|insert|replace|change)[-_]/i.test(seg));
}

export function isUrl(v: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim());
}

/** A URL that carries a credential (a token-like path segment or query value): webhook URLs do. */
export function urlCarriesSecret(v: string): boolean {
  const rest = v.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  return rest
    .split(/[/?&=#]/)
    .some((seg) => seg.length >= 16 && /^[A-Za-z0-9_-]+$/.test(seg) && /[A-Za-z]/.test(seg) && /\d/.test(seg));
}

export const WEAK_STEMS =
  /^(?:pass(?:word|wd|w0rd)?|admin(?:istrator)?|changeme|change[-_]me|secret|letmein|welcome|qwerty|root|test|default|themis(?:db)?|token|pin)[\W_]*\d{0,8}[\W_]*$/i;

/** Why a secret value is weak: a placeholder, a default or dictionary word, too short, or too regular to be random. */
export type Weakness = 'placeholder' | 'dictionary' | 'short' | 'regular';

/** Why a secret value is weak, or undefined when it looks strong enough. */
export function weakness(value: string): Weakness | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (/^<[^>]*>$/.test(v) || /^\*+$/.test(v)) return 'placeholder';
  if (isPlaceholderOrWeakWord(v) || WEAK_STEMS.test(v)) return 'dictionary';
  if (v.length < 8) return 'short';
  if (isTooRegular(v)) return 'regular';
  return undefined;
}

// ---------------------------------------------------------------------------
// YAML values as written

function scalarOf(ref: YamlRef): Scalar | undefined {
  return isScalar(ref.node) ? (ref.node as Scalar) : undefined;
}

function isBlock(ref: YamlRef): boolean {
  const t = scalarOf(ref)?.type;
  return t === 'BLOCK_LITERAL' || t === 'BLOCK_FOLDED';
}

/** The value's span, without the trailing line breaks a block scalar's range includes. */
export function valueSpanOf(ctx: SecContext, ref: YamlRef): Span | undefined {
  const s = ref.valueSpan;
  if (!s) return undefined;
  if (!isBlock(ref)) return s;
  let end = s.end;
  while (end > s.start && /\s/.test(ctx.file.text[end - 1])) end--;
  return { start: s.start, end };
}

/**
 * The literal a secret-holding entry was written with, as a string: strings as
 * YAML reads them, numbers as written (`pin: 0123` stays "0123"). undefined for
 * booleans, nulls, collections and aliases (the anchored value is checked once, where it is defined).
 */
function literalOf(ctx: SecContext, ref: YamlRef): string | undefined {
  const scalar = scalarOf(ref);
  if (!scalar || !ref.valueSpan || ref.viaAlias) return undefined;
  const raw = ctx.file.text.slice(ref.valueSpan.start, ref.valueSpan.end);
  if (raw.startsWith('*')) return undefined;
  if (typeof ref.value === 'string') return ref.value;
  if (typeof ref.value === 'number' || typeof ref.value === 'bigint') return raw.replace(/^!\S*\s+/, '').trim();
  return undefined;
}

/** Replaces a YAML value with `text` (a `${NAME}` reference), keeping its quotes; undefined when the value may not be edited. */
export function replaceYamlValue(ctx: SecContext, ref: YamlRef, text: string): TextEdit | undefined {
  if (isBlock(ref)) {
    if (!isEditable(ref)) return undefined;
    const span = valueSpanOf(ctx, ref)!;
    return { ...span, newText: JSON.stringify(text) };
  }
  return setValue(ctx.file, ref, text);
}

/** Offset in the file of `needle` inside the source text of a value, if written verbatim. */
export function findInSource(ctx: SecContext, ref: YamlRef, needle: string): number | undefined {
  const span = ref.valueSpan;
  if (!span) return undefined;
  const i = ctx.file.text.slice(span.start, span.end).indexOf(needle);
  return i >= 0 ? span.start + i : undefined;
}

// ---------------------------------------------------------------------------
// Moving a secret into the sibling .env

/** UPPER_SNAKE variable name for a key path, prefixed THEMIS_ (a key that is a catalog variable keeps its name). */
function varNameFor(keyPath: string[], suffix = ''): string {
  const last = keyPath[keyPath.length - 1];
  if (!suffix && varInfo(last)?.secret) return last;
  const base = [...keyPath, suffix]
    .filter(Boolean)
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|(?<!_)_+$/g, '') // trailing ones from the first of their run
    .toUpperCase();
  return base.startsWith('THEMIS_') ? base : `THEMIS_${base}`;
}

/**
 * The variable a secret at `keyPath` moves to: a name no .env of the workspace
 * defines yet (never overwrite a variable: add _2, _3…).
 */
export function freeVarName(ctx: SecContext, keyPath: string[], suffix = ''): string {
  const wanted = varNameFor(keyPath, suffix);
  if (!isDefined(ctx, wanted)) return wanted;
  for (let i = 2; ; i++) if (!isDefined(ctx, `${wanted}_${i}`)) return `${wanted}_${i}`;
}

/** Quotes a value for a .env line so that the project's dotenv reading gives it back exactly. */
function envLineFor(text: string, key: string, value: string): TextEdit | undefined {
  const candidates: TextEdit[] = [appendEnvEntry(text, key, value)];
  // envValueText escapes backslashes that dotenv never unescapes: fall back to
  // quotes that need no escaping at all.
  const eol = lineBreakOf(text);
  const lead = text.length > 0 && !/[\r\n]$/.test(text) ? eol : '';
  for (const q of ["'", '`']) {
    if (value.includes(q)) continue;
    candidates.push({ start: text.length, end: text.length, newText: `${lead}${key}=${q}${value}${q}${eol}` });
  }
  if (!value.includes('"') && !/\\[nr"]/.test(value)) {
    candidates.push({
      start: text.length,
      end: text.length,
      newText: `${lead}${key}="${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"${eol}`,
    });
  }
  const problemsBefore = text ? new EnvModel(text).problems.length : 0;
  return candidates.find((edit) => {
    const model = new EnvModel(text.slice(0, edit.start) + edit.newText);
    return model.get(key)?.value === value && model.problems.length === problemsBefore;
  });
}

/**
 * The suggestions of SEC001/SEC002/SEC004: `${NAME}` in the YAML and `NAME=value`
 * appended to the sibling .env, as one edit of both files; when that .env is not
 * git-ignored, the same move again together with the .gitignore entry.
 */
export function moveToEnvFixes(
  ctx: SecContext,
  yamlEdit: TextEdit | undefined,
  name: string,
  secret: string,
  what: string,
): (Fix | undefined)[] {
  const envPath = path.join(path.dirname(ctx.file.path), '.env');
  const existing = fileOnce(ctx, envPath);
  const envEdit = envLineFor(existing?.text ?? '', name, secret);
  const envChange: FileEdit | undefined = envEdit && { path: envPath, edits: [envEdit], ...(existing ? {} : { create: true }) };
  const title = `Move ${what} to .env as \${${name}}`;
  const ignore = gitignoreStatus(ctx, envPath);
  if (ignore.ignored) return [ctx.suggest(title, [yamlEdit, envChange])];
  const note = `${relativeTo(ctx, envPath)} is not excluded by .gitignore: add it there before committing, or the secret ends up in git anyway.`;
  // the same move, plus the .gitignore entry that keeps the secret out of git
  const { change, pattern } = ignoreChange(ctx, envPath, ignore);
  return [
    ctx.suggest(title, [yamlEdit, envChange], { note }),
    ctx.suggest(`${title} and add ${pattern} to .gitignore`, [yamlEdit, envChange, change]),
  ];
}

/** The edit that adds a file to the .gitignore that should exclude it (created when missing). */
export function ignoreChange(ctx: SecContext, filePath: string, status: IgnoreStatus): { change: FileEdit; pattern: string } {
  const giDir = path.dirname(status.target);
  const pattern = path
    .relative(giDir, filePath)
    .split(path.sep)
    .join('/')
    .replace(/^([!#])/, '\\$1');
  const existing = status.targetExists ? (ctx.workspace.file(status.target)?.text ?? '') : '';
  const eol = lineBreakOf(existing);
  const lead = existing.length > 0 && !/[\r\n]$/.test(existing) ? eol : '';
  const change: FileEdit = {
    path: status.target,
    edits: [{ start: existing.length, end: existing.length, newText: `${lead}${pattern}${eol}` }],
  };
  if (!status.targetExists) change.create = true;
  return { change, pattern };
}

/** A path relative to the workspace folder that holds it (its base name outside every folder). */
export function relativeTo(ctx: SecContext, p: string): string {
  const root = ctx.workspace.roots.filter((r) => isInside(p, r)).sort((a, b) => b.length - a.length)[0];
  return (root ? path.relative(root, p) : path.basename(p)).split(path.sep).join('/');
}

function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

// ---------------------------------------------------------------------------
// .gitignore

export interface IgnoreStatus {
  ignored: boolean;
  /** The .gitignore to add an entry to (the nearest existing one, else where one should be created). */
  target: string;
  targetExists: boolean;
}

/** Whether git would ignore `filePath`, reading the .gitignore files from the repository (or workspace) root down. */
export function gitignoreStatus(ctx: SecContext, filePath: string): IgnoreStatus {
  // kept by the workspace until a file changes: each analysis of the file asks again
  return ctx.workspace.memo(`gitignore:${filePath}`, () => computeIgnoreStatus(ctx, filePath));
}

function computeIgnoreStatus(ctx: SecContext, filePath: string): IgnoreStatus {
  const ws = ctx.workspace;
  const chain: string[] = [];
  let repo: string | undefined;
  let dir = path.dirname(filePath);
  for (let i = 0; i < 40; i++) {
    chain.push(dir);
    if (ws.listDir(dir).includes('.git')) {
      repo = dir;
      break;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const root = ws.roots.filter((r) => isInside(filePath, r)).sort((a, b) => b.length - a.length)[0];
  // without a repository, only the workspace's own .gitignore files count
  const dirs = (repo ? chain : chain.filter((d) => (root ? isInside(d, root) : d === path.dirname(filePath)))).reverse();
  let ignored = false;
  let nearest: string | undefined;
  for (const d of dirs) {
    const gi = path.join(d, '.gitignore');
    const text = ws.listDir(d).includes('.gitignore') ? ws.file(gi)?.text : undefined;
    if (text === undefined) continue;
    nearest = gi;
    // the `ignore` package matches as git does, in linear time (no pattern turned into a backtracking regex)
    const rules = ignore({ ignorecase: false }).add(text);
    const rel = path.relative(d, filePath).split(path.sep).join('/');
    const parts = rel.split('/');
    // a parent folder that is ignored cannot be re-included, not even by a deeper .gitignore
    for (let i = 1; i < parts.length && !ignored; i++) if (rules.ignores(`${parts.slice(0, i).join('/')}/`)) ignored = true;
    if (ignored) break;
    const verdict = rules.test(rel);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  const target = nearest ?? path.join(repo ?? root ?? path.dirname(filePath), '.gitignore');
  return { ignored, target, targetExists: !!nearest };
}
