// SEC — secrets: inline secrets and known credential formats in YAML, weak
// secrets anywhere, credentials in URLs, undefined `${VAR}` references, .env
// files that git would pick up, and secrets committed in env templates.
import * as path from 'path';
import { isScalar, Scalar } from 'yaml';
import { EnvEntry, EnvModel } from '../documents/envModel';
import { YamlRef } from '../documents/yamlModel';
import { isEnvTemplate } from '../fileKinds';
import { appendEnvEntry, setEnvValue } from '../fixes/envEdits';
import { setValue } from '../fixes/yamlEdits';
import { maskSecret } from '../mask';
import { isSecretVar, varInfo } from '../envCatalog';
import { isPlaceholderOrWeakWord, isTemplated, isTooRegular, knownCredential, urlPassword } from '../secrets';
import { SourceFile } from '../sourceFile';
import { Fix, FileEdit, Span, TextEdit } from '../types';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';
import { dotted, lastKey } from './query';

// ---------------------------------------------------------------------------
// Per-analysis memo: the rules of one analysis share the same context object, so
// scalar values, variable look-ups and .gitignore answers are computed once.

interface Memo {
  scalars?: { ref: YamlRef; value: string }[];
  secrets?: { ref: YamlRef; value: string }[];
  /** Every variable some .env of the workspace defines (what Workspace.lookupVar finds). */
  defined?: Set<string>;
  ignore: Map<string, IgnoreStatus>;
  envFiles: Map<string, SourceFile | undefined>;
}

const memos = new WeakMap<RuleContext, Memo>();

function memo(ctx: RuleContext): Memo {
  let m = memos.get(ctx);
  if (!m) memos.set(ctx, (m = { ignore: new Map(), envFiles: new Map() }));
  return m;
}

/** Every scalar of the file with its literal (see literalOf). */
function scalars(ctx: RuleContext): { ref: YamlRef; value: string }[] {
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

function isDefined(ctx: RuleContext, name: string): boolean {
  const m = memo(ctx);
  if (!m.defined) {
    m.defined = new Set();
    for (const f of [...ctx.workspace.siblingEnvFiles(ctx.file.path), ...ctx.workspace.allEnvFiles()]) {
      for (const e of f.env.entries) m.defined.add(e.key);
    }
  }
  return m.defined.has(name);
}

function fileOnce(ctx: RuleContext, p: string): SourceFile | undefined {
  const m = memo(ctx);
  if (!m.envFiles.has(p)) m.envFiles.set(p, ctx.workspace.file(p));
  return m.envFiles.get(p);
}

/** Cheap pre-filters before the full regular expressions. */
const MAYBE_CREDENTIAL = /BEGIN|AKIA|ASIA|gh[pousr]_|github_pat_|xox[abprs]-|hooks\.slack\.com|AIza|_live_|eyJ/;

function credentialFormat(value: string): ReturnType<typeof knownCredential> {
  return MAYBE_CREDENTIAL.test(value) ? knownCredential(value) : undefined;
}

function urlCredential(value: string): ReturnType<typeof urlPassword> {
  return value.includes('@') && value.includes('://') ? urlPassword(value) : undefined;
}

// ---------------------------------------------------------------------------
// Which names hold secrets

// ---------------------------------------------------------------------------
// What a value is

/** `${VAR}` anywhere, `$VAR`, `{{ x }}`, `%X%`: the real value comes from elsewhere. */
function isReference(v: string): boolean {
  const t = v.trim();
  return /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?=+][^}]*)?\}/.test(t) || /^\$[A-Za-z_]\w*$/.test(t) || /^\{\{.*\}\}$/s.test(t) || /^%[A-Za-z_]\w*%$/.test(t);
}

/** A file path or a pointer into a secret store, not the secret itself. */
function isIndirect(v: string): boolean {
  const t = v.trim();
  if (/^(?:env|file|vault|secret|secretref|ref|k8s|kms|awssm|gcpsm|op|arn):/i.test(t)) return true;
  // /etc/themisdb/hsm.pin, ./secrets/token, ~/.themis/key, C:\keys\x.pem
  if (/^(?:~|\.{1,2})?\/[\w.@-]+(?:\/[\w.@-]+)*\/?$/.test(t) && (/\/[\w@-]+\.\w{1,8}$/.test(t) || (t.match(/\//g) ?? []).length >= 2)) return true;
  return /^[A-Za-z]:\\[\w\\. -]+$/.test(t);
}

/** A value that is only a placeholder: `<token>`, `${X}`, `changeme`, `https://hooks.slack.com/services/XXX`. */
function isPlaceholder(v: string): boolean {
  if (isTemplated(v) || isPlaceholderOrWeakWord(v)) return true;
  if (isUrl(v)) return v.split(/[/:@?=&#]/).some((seg) => /^x{3,}$/i.test(seg) || /^<[^>]*>$/.test(seg) || /^(?:your|insert|replace|change)[-_]/i.test(seg));
  return false;
}

function isUrl(v: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim());
}

/** A URL that carries a credential (a token-like path segment or query value): webhook URLs do. */
function urlCarriesSecret(v: string): boolean {
  const rest = v.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  return rest.split(/[/?&=#]/).some((seg) => seg.length >= 16 && /^[A-Za-z0-9_-]+$/.test(seg) && /[A-Za-z]/.test(seg) && /\d/.test(seg));
}

const WEAK_STEMS = /^(?:pass(?:word|wd|w0rd)?|admin(?:istrator)?|changeme|change[-_]me|secret|letmein|welcome|qwerty|root|test|default|themis(?:db)?|token|pin)[\W_]*\d{0,8}[\W_]*$/i;

/** Why a secret value is weak, or undefined when it looks strong enough. */
export function weakness(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (/^<[^>]*>$/.test(v) || /^\*+$/.test(v)) return 'is a placeholder that was never replaced';
  if (isPlaceholderOrWeakWord(v) || WEAK_STEMS.test(v)) return 'is a well-known default or dictionary word';
  if (v.length < 8) return `is only ${v.length} characters long`;
  if (isTooRegular(v)) return 'is too regular (repeated or sequential characters) to be random';
  return undefined;
}

// ---------------------------------------------------------------------------
// YAML helpers

function scalarOf(ref: YamlRef): Scalar | undefined {
  return isScalar(ref.node) ? (ref.node as Scalar) : undefined;
}

function isBlock(ref: YamlRef): boolean {
  const t = scalarOf(ref)?.type;
  return t === 'BLOCK_LITERAL' || t === 'BLOCK_FOLDED';
}

/** The value's span, without the trailing line breaks a block scalar's range includes. */
function valueSpanOf(ctx: RuleContext, ref: YamlRef): Span | undefined {
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
 * booleans, nulls, collections and aliases (the anchored value is checked where it is defined).
 */
function literalOf(ctx: RuleContext, ref: YamlRef): string | undefined {
  const scalar = scalarOf(ref);
  if (!scalar || !ref.valueSpan) return undefined;
  const raw = ctx.file.text.slice(ref.valueSpan.start, ref.valueSpan.end);
  if (raw.startsWith('*')) return undefined;
  if (typeof ref.value === 'string') return ref.value;
  if (typeof ref.value === 'number' || typeof ref.value === 'bigint') return raw.replace(/^!\S*\s+/, '').trim();
  return undefined;
}

/** Replaces a YAML value with `text` (a `${NAME}` reference), keeping its quotes. */
function replaceYamlValue(ctx: RuleContext, ref: YamlRef, text: string): TextEdit | undefined {
  if (isBlock(ref)) {
    const span = valueSpanOf(ctx, ref)!;
    return { ...span, newText: JSON.stringify(text) };
  }
  return setValue(ctx.file, ref, text);
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
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return base.startsWith('THEMIS_') ? base : `THEMIS_${base}`;
}

/** A name no .env of the workspace defines yet (never overwrite a variable: add _2, _3…). */
function freeVarName(ctx: RuleContext, wanted: string): string {
  const taken = (n: string) => isDefined(ctx, n);
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted}_${i}`)) return `${wanted}_${i}`;
}

/** Quotes a value for a .env line so that the project's dotenv reading gives it back exactly. */
function envLineFor(text: string, key: string, value: string): TextEdit | undefined {
  const candidates: TextEdit[] = [appendEnvEntry(text, key, value)];
  // envValueText escapes backslashes that dotenv never unescapes: fall back to
  // quotes that need no escaping at all.
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const lead = text.length > 0 && !/[\r\n]$/.test(text) ? eol : '';
  for (const q of ["'", '`']) {
    if (!value.includes(q)) candidates.push({ start: text.length, end: text.length, newText: `${lead}${key}=${q}${value}${q}${eol}` });
  }
  if (!value.includes('"') && !/\\[nr"]/.test(value)) {
    candidates.push({ start: text.length, end: text.length, newText: `${lead}${key}="${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"${eol}` });
  }
  const problemsBefore = text ? new EnvModel(text).problems.length : 0;
  return candidates.find((edit) => {
    const model = new EnvModel(text.slice(0, edit.start) + edit.newText);
    return model.get(key)?.value === value && model.problems.length === problemsBefore;
  });
}

/** The one suggestion of SEC001/SEC002/SEC004: `${NAME}` in the YAML, `NAME=value` appended to the sibling .env. */
function moveToEnvFix(ctx: RuleContext, yamlEdit: TextEdit | undefined, name: string, secret: string, what: string): Fix[] {
  if (!yamlEdit) return [];
  const envPath = path.join(path.dirname(ctx.file.path), '.env');
  const existing = fileOnce(ctx, envPath);
  const envEdit = envLineFor(existing?.text ?? '', name, secret);
  if (!envEdit) return [];
  const envChange: FileEdit = { path: envPath, edits: [envEdit] };
  if (!existing) envChange.create = true;
  const fix: Fix = {
    title: `Move ${what} to .env as \${${name}}`,
    kind: 'suggestion',
    changes: [{ path: ctx.file.path, edits: [yamlEdit] }, envChange],
  };
  const ignore = gitignoreStatus(ctx, envPath);
  if (ignore.ignored) return [fix];
  fix.note = `${relativeTo(ctx, envPath)} is not excluded by .gitignore: add it there before committing, or the secret ends up in git anyway.`;
  // the same move, plus the .gitignore entry that keeps the secret out of git
  const { change, pattern } = ignoreChange(ctx, envPath, ignore);
  const both: Fix = { title: `${fix.title} and add ${pattern} to .gitignore`, kind: 'suggestion', changes: [...fix.changes, change] };
  return [fix, both];
}

/** The edit that adds a file to the .gitignore that should exclude it (created when missing). */
function ignoreChange(ctx: RuleContext, filePath: string, status: IgnoreStatus): { change: FileEdit; pattern: string } {
  const giDir = path.dirname(status.target);
  const pattern = path.relative(giDir, filePath).split(path.sep).join('/').replace(/^([!#])/, '\\$1');
  const existing = status.targetExists ? ctx.workspace.file(status.target)?.text ?? '' : '';
  const eol = /\r\n/.test(existing) ? '\r\n' : '\n';
  const lead = existing.length > 0 && !/[\r\n]$/.test(existing) ? eol : '';
  const change: FileEdit = { path: status.target, edits: [{ start: existing.length, end: existing.length, newText: `${lead}${pattern}${eol}` }] };
  if (!status.targetExists) change.create = true;
  return { change, pattern };
}

function relativeTo(ctx: RuleContext, p: string): string {
  const root = ctx.workspace.roots.filter((r) => isInside(p, r)).sort((a, b) => b.length - a.length)[0];
  return (root ? path.relative(root, p) : path.basename(p)).split(path.sep).join('/');
}

function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

// ---------------------------------------------------------------------------
// .gitignore

interface IgnoreRule {
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += '\\' + glob[++i];
    else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}

function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (let line of text.split(/\r?\n/)) {
    line = line.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.replace(/\/+$/, '');
    if (!line) continue;
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    const body = globToRegex(line);
    const re = new RegExp(anchored ? `^${body}$` : `(?:^|/)${body}$`);
    rules.push({ re, negate, dirOnly });
  }
  return rules;
}

interface IgnoreStatus {
  ignored: boolean;
  /** The .gitignore to add an entry to (the nearest existing one, else where one should be created). */
  target: string;
  targetExists: boolean;
}

/** Whether git would ignore `filePath`, reading the .gitignore files from the repository (or workspace) root down. */
function gitignoreStatus(ctx: RuleContext, filePath: string): IgnoreStatus {
  const m = memo(ctx);
  let status = m.ignore.get(filePath);
  if (!status) m.ignore.set(filePath, (status = computeIgnoreStatus(ctx, filePath)));
  return status;
}

function computeIgnoreStatus(ctx: RuleContext, filePath: string): IgnoreStatus {
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
    const rules = parseGitignore(text);
    const rel = path.relative(d, filePath).split(path.sep).join('/');
    const parts = rel.split('/');
    // a parent folder that is ignored cannot be re-included
    for (let i = 1; i < parts.length && !ignored; i++) {
      const sub = parts.slice(0, i).join('/');
      let state: boolean | undefined;
      for (const r of rules) if (r.re.test(sub)) state = !r.negate;
      if (state) ignored = true;
    }
    if (ignored) break;
    for (const r of rules) if (!r.dirOnly && r.re.test(rel)) ignored = !r.negate;
  }
  const target = nearest ?? path.join(repo ?? root ?? path.dirname(filePath), '.gitignore');
  return { ignored, target, targetExists: !!nearest };
}

// ---------------------------------------------------------------------------
// Rules

function hsmAdvice(ref: YamlRef): string {
  const p = dotted(ref).toLowerCase();
  if (/(^|\.)vault(\.|$)/.test(p)) {
    return ' It opens the key-management backend: let a Vault agent or a secrets manager inject a short-lived token (THEMIS_VAULT_TOKEN) instead of keeping a static one in a file.';
  }
  if (!/(^|\.)(hsm|pkcs11)(\.|$)/.test(p)) return '';
  if (/(^|_)(pin|password|passwd|passphrase)$/.test(lastKey(ref).toLowerCase())) {
    return ' It unlocks the HSM that guards the master keys: inject it from a secrets manager, or leave it empty so the server takes THEMIS_HSM_PIN from its environment.';
  }
  return ' It gives access to the HSM that guards the master keys: inject it from a secrets manager.';
}

/** Secret-named mapping entries with a literal value (for SEC001 and SEC003). */
function secretEntries(ctx: RuleContext): { ref: YamlRef; value: string }[] {
  const m = memo(ctx);
  m.secrets ??= scalars(ctx).filter(({ ref, value }) => ref.keySpan && value.trim() !== '' && isSecretVar(lastKey(ref)));
  return m.secrets;
}

const sec001 = defineRule('SEC001', (ctx) => {
  for (const { ref, value } of secretEntries(ctx)) {
    if (isReference(value) || isPlaceholder(value) || isIndirect(value) || urlCredential(value)) continue;
    if (isUrl(value) && !urlCarriesSecret(value)) continue;
    const name = freeVarName(ctx, varNameFor(ref.path));
    ctx.report({
      span: valueSpanOf(ctx, ref)!,
      message: `${dotted(ref)} holds a secret in clear text (${maskSecret(value)}); whoever can read this file or its history can use it. Reference an environment variable (\${${name}}) and keep the value in a git-ignored .env.${hsmAdvice(ref)}`,
      fixes: moveToEnvFix(ctx, replaceYamlValue(ctx, ref, `\${${name}}`), name, value, `${lastKey(ref)}`),
    });
  }
});

const sec002 = defineRule('SEC002', (ctx) => {
  for (const { ref, value } of scalars(ctx)) {
    if (isReference(value)) continue;
    const format = credentialIn(value);
    if (!format) continue;
    const name = freeVarName(ctx, varNameFor(ref.path));
    ctx.report({
      span: valueSpanOf(ctx, ref)!,
      message: `${dotted(ref)} holds a credential in a recognisable format (${format}, ${maskSecret(value)}). Such credentials leak with every copy and commit of the config: revoke it, issue a new one and load it from the environment.`,
      fixes: moveToEnvFix(ctx, replaceYamlValue(ctx, ref, `\${${name}}`), name, value, format),
    });
  }
});

/** Known credential formats, minus the documented examples (AWS `…EXAMPLE` keys, `XXXX` webhooks). */
function credentialIn(value: string): string | undefined {
  const f = credentialFormat(value);
  if (!f) return undefined;
  if (f.name === 'AWS access key ID' && /(?:AKIA|ASIA)[0-9A-Z]{0,16}EXAMPLE/.test(value)) return undefined;
  if (f.name === 'Slack webhook URL' && /\/X{6,}(?:$|[/?#])/i.test(value)) return undefined;
  return f.name;
}

const sec003 = defineRule('SEC003', (ctx) => {
  if (ctx.kind === 'env') {
    // a template's secrets are SEC007's business: they should be empty, not strong
    if (isEnvTemplate(ctx.file.path)) return;
    for (const entry of ctx.file.env.entries) {
      if (!isSecretVar(entry.key) || isReference(entry.value) || isUrl(entry.value)) continue;
      const why = weakness(entry.value);
      if (!why) continue;
      ctx.report({ span: entry.valueSpan, message: weakMessage(entry.key, entry.value, why) });
    }
    return;
  }
  for (const { ref, value } of secretEntries(ctx)) {
    const span = valueSpanOf(ctx, ref)!;
    if (isIndirect(value) || isUrl(value) || /^(?:null|none|~|redacted)$/i.test(value.trim())) continue;
    if (isReference(value)) {
      // `${VAR}`: weak when the variable it names is weak and its own .env line is not already reported
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-[^}]*)?\}$/.exec(value.trim());
      const def = m ? ctx.workspace.lookupVar(m[1], ctx.file.path) : undefined;
      if (!def || isSecretVar(def.entry.key) || isEnvTemplate(def.file.path) || isReference(def.entry.value)) continue;
      const why = weakness(def.entry.value);
      if (why) {
        ctx.report({ span, message: `${dotted(ref)} takes its secret from ${m![1]} in ${path.basename(def.file.path)}, and that value (${maskSecret(def.entry.value)}) ${why}. Replace it with a long random value.` });
      }
      continue;
    }
    const why = weakness(value);
    if (why) ctx.report({ span, message: weakMessage(dotted(ref), value, why) });
  }
  // `scheme://user:password@host` with a default or dictionary password
  for (const { ref, value } of scalars(ctx)) {
    const cred = urlCredential(value);
    if (!cred || !(isPlaceholderOrWeakWord(cred.password) || WEAK_STEMS.test(cred.password))) continue;
    const at = findInSource(ctx, ref, `${cred.user}:${cred.password}@`);
    const start = at !== undefined ? at + cred.user.length + 1 : undefined;
    ctx.report({
      span: start !== undefined ? { start, end: start + cred.password.length } : valueSpanOf(ctx, ref)!,
      message: `The password in the URL of ${dotted(ref)} (${maskSecret(cred.password)}) is a well-known default or dictionary word; anyone can guess it. Use a long random password.`,
    });
  }
});

function weakMessage(name: string, value: string, why: string): string {
  return `The secret in ${name} (${maskSecret(value)}) ${why}, so it can be guessed. Replace it with a long random value, e.g. \`openssl rand -base64 32\`.`;
}

/** Offset in the file of `needle` inside the source text of a value, if written verbatim. */
function findInSource(ctx: RuleContext, ref: YamlRef, needle: string): number | undefined {
  const span = ref.valueSpan;
  if (!span) return undefined;
  const i = ctx.file.text.slice(span.start, span.end).indexOf(needle);
  return i >= 0 ? span.start + i : undefined;
}

const sec004 = defineRule('SEC004', (ctx) => {
  for (const { ref, value } of scalars(ctx)) {
    const cred = urlCredential(value);
    if (!cred || /^x+$/i.test(cred.password) || isReference(cred.password)) continue;
    const name = freeVarName(ctx, varNameFor(ref.path, 'password'));
    const at = findInSource(ctx, ref, `${cred.user}:${cred.password}@`);
    let edit: TextEdit | undefined;
    if (at !== undefined) {
      const start = at + cred.user.length + 1;
      edit = { start, end: start + cred.password.length, newText: `\${${name}}` };
    } else {
      edit = replaceYamlValue(ctx, ref, value.slice(0, cred.index) + `\${${name}}` + value.slice(cred.index + cred.password.length));
    }
    ctx.report({
      span: valueSpanOf(ctx, ref)!,
      message: `The URL in ${dotted(ref)} embeds the password of "${cred.user}" (${maskSecret(cred.password)}); URLs end up in logs, process lists and commits. Move the password into an environment variable (\${${name}}).`,
      fixes: moveToEnvFix(ctx, edit, name, cred.password, 'the URL password'),
    });
  }
});

const REF_IN_SOURCE = /(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)((?::?[-?=+])[^}]*)?\}/g;

const sec005 = defineRule('SEC005', (ctx) => {
  for (const ref of ctx.file.yaml.refs) {
    if (typeof ref.value !== 'string' || !ref.value.includes('${') || !ref.valueSpan) continue;
    // scan the source text so the span is exact whatever the quoting
    const raw = ctx.file.text.slice(ref.valueSpan.start, ref.valueSpan.end);
    if (raw.startsWith('*')) continue;
    REF_IN_SOURCE.lastIndex = 0;
    for (let m = REF_IN_SOURCE.exec(raw); m; m = REF_IN_SOURCE.exec(raw)) {
      if (m[1] === '$') continue; // `$${X}`: an escaped dollar, no reference
      if (m[3] !== undefined && /^:?[-=]/.test(m[3])) continue; // `${X:-default}` / `${X-default}`
      const name = m[2];
      if (isDefined(ctx, name)) continue;
      const start = ref.valueSpan.start + m.index;
      ctx.report({
        span: { start, end: start + m[0].length },
        message: `\${${name}} is not defined in any .env file of the workspace, so ${dotted(ref)} ends up empty unless the deployment environment provides it. Define ${name} in the .env next to this file, or give a default with \${${name}:-value}.`,
      });
    }
  }
});

/** Entries of an env file that hold a real secret value. */
function secretValues(file: SourceFile): EnvEntry[] {
  return file.env.entries.filter((e) => {
    const v = e.value.trim();
    if (v === '' || isReference(v)) return false;
    if (isSecretVar(e.key)) return !isTemplated(v) && !isIndirect(v);
    return !!credentialFormat(v) || !!urlCredential(v);
  });
}

const sec006 = defineRule('SEC006', (ctx) => {
  if (isEnvTemplate(ctx.file.path)) return; // templates are meant to be committed
  const secrets = secretValues(ctx.file);
  if (secrets.length === 0) return;
  const status = gitignoreStatus(ctx, ctx.file.path);
  if (status.ignored) return;
  const { change, pattern } = ignoreChange(ctx, ctx.file.path, status);
  const names = secrets.map((e) => e.key);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  const base = path.basename(ctx.file.path);
  ctx.report({
    span: secrets[0].keySpan,
    message: `${base} holds secrets (${shown}) but no .gitignore excludes it, so one \`git add .\` publishes them. Add it to .gitignore (and rotate anything already committed).`,
    fixes: [
      {
        title: `Add ${pattern} to ${status.targetExists ? relativeTo(ctx, status.target) : 'a new .gitignore'}`,
        kind: 'suggestion',
        changes: [change],
        note: `If ${base} was committed before, also run \`git rm --cached ${pattern}\` and rotate its secrets: .gitignore does not remove a tracked file.`,
      },
    ],
  });
});

const sec007 = defineRule('SEC007', (ctx) => {
  if (!isEnvTemplate(ctx.file.path)) return;
  for (const entry of ctx.file.env.entries) {
    const v = entry.value.trim();
    if (!isSecretVar(entry.key) || v === '' || isReference(v) || isTemplated(v) || isIndirect(v)) continue;
    ctx.report({
      span: entry.valueSpan,
      message: `This template is committed, yet it ships a value for the secret ${entry.key} (${maskSecret(entry.value)}); every copy of it starts with the same known secret. Leave it empty here and set it only in the real, git-ignored env file.`,
      fixes: [{ title: `Empty the value of ${entry.key}`, kind: 'fix', changes: [{ path: ctx.file.path, edits: [setEnvValue(entry, '')] }] }],
    });
  }
});

export const secRules: Rule[] = [sec001, sec002, sec003, sec004, sec005, sec006, sec007];
