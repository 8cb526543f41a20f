// Markdown documentation shared by hover and completion: environment variables
// from the env catalog (what the server does with them), schema entries (type,
// default, accepted values, server reads, secrets, unsafe defaults) and where a
// variable is defined, its value masked when it is a secret.
import * as path from 'path';
import { yamlScalar } from '../documents/yamlScalar';
import { ENV_VARS, isSecretVar, varInfo, VarInfo, varPattern } from '../envCatalog';
import { firstSentence } from '../firstSentence';
import { maskSecret } from '../mask';
import { insteadOf, readership } from '../schema/readership';
import { JsonSchema, SchemaName, schemasAt, typesOf } from '../schema/schemaIndex';
import { isSecretKey } from '../secrets';
import { isSecretValue } from '../secretValue';
import { capitalized } from '../rules/shared/wording';

export { isSecretVar };

// ---------------------------------------------------------------- env catalog

/** A catalog row, or the pattern entry (e.g. `^THEMIS_ENABLE_`) a name falls under. */
export type EnvVarInfo = Partial<VarInfo> & { status: string; pattern?: string };

/** Catalog entry of a variable: its own row first, then the first matching pattern. */
export function envVarInfo(name: string): EnvVarInfo | undefined {
  return varInfo(name) ?? varPattern(name);
}

/** Names of the catalog's own rows, in catalog order. */
export function envCatalogNames(): string[] {
  return [...ENV_VARS.keys()];
}

/** One sentence: does themis_server read the variable? */
export function envStatusText(info: EnvVarInfo): string {
  const detail = info.statusDetail && info.statusDetail !== info.status ? ` (${info.statusDetail})` : '';
  switch (info.status) {
    case 'code':
      return `Read by the server${detail}.`;
    case 'docs-only':
      return `**Not read by the server**: only documented${detail}; setting it has no effect on \`themis_server\`.`;
    case 'compose-only':
      return `**Not read by the server**: used by compose files or the Docker entrypoint only${detail}.`;
    case 'build-time':
      return `**Not read by the server**: a build-time option${detail}; it has no effect in the runtime environment.`;
    case 'test':
      return `**Not read by the server**: used by tests only${detail}.`;
    default:
      return `Status: ${info.status}${detail}.`;
  }
}

/** Inline markdown code of a value (double backticks when it holds one). */
export function inlineCode(s: unknown): string {
  const t = String(s);
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

/** Markdown documentation of an environment variable from the catalog. */
export function envVarMarkdown(
  name: string,
  info: EnvVarInfo | undefined = envVarInfo(name),
  /** `status: false`: the hover above already says whether the server reads it. */
  { status = true }: { status?: boolean } = {},
): string | undefined {
  if (!info) return undefined;
  const head = `**${name}**${info.type ? ` · \`${info.type}\`` : ''}${info.pattern ? ` (catalog pattern \`${info.pattern}\`)` : ''}`;
  const parts = [head];
  if (info.description) parts.push(info.description);
  const facts: string[] = status ? [envStatusText(info)] : [];
  if (info.default !== undefined && info.default !== null)
    facts.push(
      `Default: ${inlineCode(info.default)}${info.docsDefault ? ` (the docs claim ${inlineCode(info.docsDefault)}, the code uses ${inlineCode(info.default)})` : ''}.`,
    );
  else if (info.status === 'code') facts.push('Default: unset.');
  if (info.accepted?.length)
    facts.push(
      `Accepted values: ${info.accepted.map(inlineCode).join(', ')}${info.type === 'flag' ? ' (anything else leaves it off)' : ''}${info.caseInsensitive ? ', case-insensitive' : ''}.`,
    );
  if (info.acceptedPattern) facts.push(`The value must match ${inlineCode(info.acceptedPattern)}.`);
  if (info.disabling?.length) facts.push(`Switched off by ${info.disabling.map(inlineCode).join(', ')}.`);
  if (info.secret || info.type === 'secret') facts.push('**Secret**: deliver it from a secret manager; never commit it.');
  if (info.productionUnset) facts.push('**Must be unset in production.**');
  if (info.unsafeDefault) facts.push(`⚠️ **Unsafe default:** ${info.unsafeDefault}`);
  if (info.recommended !== undefined && info.recommended !== null) facts.push(`**Recommended:** ${inlineCode(info.recommended)}`);
  if (info.risk && info.risk !== 'none') facts.push(`Risk: ${info.risk}.`);
  if (facts.length) parts.push(facts.map((f) => `- ${f}`).join('\n'));
  if (info.source) parts.push(`_Source: ${info.source}_`);
  return parts.join('\n\n');
}

/** The first sentence of a variable's description, for short hovers. */
export function envVarSummary(info: EnvVarInfo): string | undefined {
  return info.description ? summary(info.description) : undefined;
}

/** The first sentence of the first paragraph of a Markdown description (a leading list item's text too). */
function summary(markdown: string): string | undefined {
  const para = markdown
    .trim()
    .split(/\n\s*\n/)[0]
    .replace(/^[-*]\s+/, '')
    .replace(/(?<!\s)\s*\n\s*/g, ' ');
  return para ? firstSentence(para) : undefined;
}

// ---------------------------------------------------------------- schema docs

/** A JSON value a YAML scalar can write (null, string, number, boolean). */
export const isScalarValue = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** `mig.instances[].profile` */
export function displayKeyPath(keys: string[]): string {
  return keys.reduce((acc, k) => (/^\d+$/.test(k) ? `${acc}[]` : acc ? `${acc}.${k}` : k), '');
}

function describedBy(all: JsonSchema[]): JsonSchema {
  return all.find((s) => s.markdownDescription || s.description) ?? all[0];
}

export function firstDefined<T>(all: JsonSchema[], key: string): T | undefined {
  for (const s of all) if (s[key] !== undefined) return s[key] as T;
  return undefined;
}

export function allEnums(all: JsonSchema[]): { values: unknown[]; docs: (string | undefined)[] } {
  const values: unknown[] = [];
  const docs: (string | undefined)[] = [];
  for (const s of all) {
    if (!Array.isArray(s.enum)) continue;
    const d = (s.markdownEnumDescriptions ?? s.enumDescriptions) as string[] | undefined;
    s.enum.forEach((v, i) => {
      if (values.some((x) => x === v)) return;
      values.push(v);
      docs.push(d?.[i]);
    });
  }
  return { values, docs };
}

export function allTypes(all: JsonSchema[]): string[] {
  const out: string[] = [];
  for (const s of all) for (const t of typesOf(s)) if (!out.includes(t)) out.push(t);
  if (!out.length && all.some((s) => s.properties)) out.push('object');
  return out;
}

/**
 * Whether the value at a path is a credential: the schema says so (x-secret), or the
 * key's name does and the schema does not rule it out (an enum, a number or a
 * boolean is never a secret: `client_auth: required`).
 */
export function isSecretSchemaKey(name: SchemaName, keys: string[]): boolean {
  const last = keys[keys.length - 1] ?? '';
  const all = schemasAt(name, keys);
  if (all.some((s) => s['x-secret'] === true)) return true;
  if (/^\d+$/.test(last) || !isSecretKey(last)) return false;
  const types = allTypes(all);
  if (all.some((s) => Array.isArray(s.enum)) || (types.length > 0 && !types.includes('string'))) return false;
  return true;
}

/** The first sentence of the key's description, or undefined. */
export function schemaKeySummary(name: SchemaName, keys: string[]): string | undefined {
  const all = schemasAt(name, keys);
  if (!all.length) return undefined;
  const s = describedBy(all);
  const desc = s.markdownDescription ?? s.description;
  return desc ? summary(desc) : undefined;
}

/** Markdown documentation of the key at a schema path, or undefined when the schema does not know it. */
export function schemaKeyMarkdown(name: SchemaName, keys: string[]): string | undefined {
  const all = schemasAt(name, keys);
  if (!all.length) return undefined;
  const s = describedBy(all);
  const desc = s.markdownDescription ?? s.description ?? '';
  const types = allTypes(all);
  const parts = [`**${displayKeyPath(keys)}**${types.length ? ` · \`${types.join(' | ')}\`` : ''}`];
  if (desc) parts.push(desc);
  const facts: string[] = [];
  const def = firstDefined<unknown>(all, 'default');
  if (def !== undefined && isScalarValue(def) && !/(^|\n)Default:/.test(desc))
    facts.push(`Default: ${inlineCode(yamlScalar(def))}.`);
  const codeDefault = firstDefined<string>(all, 'x-code-default');
  if (codeDefault !== undefined) facts.push(`Built-in default when the key is missing: ${codeDefault}.`);
  const { values } = allEnums(all);
  if (values.length) {
    const shown = values
      .slice(0, 12)
      .map((v) => inlineCode(yamlScalar(v)))
      .join(', ');
    facts.push(`Accepted values: ${shown}${values.length > 12 ? `, … (${values.length} in all)` : ''}.`);
  }
  const accepts = firstDefined<unknown[]>(all, 'x-server-accepts');
  if (Array.isArray(accepts))
    facts.push(`The server itself accepts only ${accepts.map((v) => inlineCode(yamlScalar(v))).join(', ')}.`);
  const min = firstDefined<number>(all, 'minimum');
  const max = firstDefined<number>(all, 'maximum');
  if (min !== undefined && max !== undefined) facts.push(`Range: ${min} to ${max}.`);
  else if (min !== undefined) facts.push(`Minimum: ${min}.`);
  else if (max !== undefined) facts.push(`Maximum: ${max}.`);
  const reads = readership(name, keys);
  if (reads === 'read' && !/_Read by/.test(desc)) facts.push('Read by the server (`themis_server`).');
  const instead = reads === 'unread' ? insteadOf(name, keys) : undefined;
  if (instead) facts.push(`**Not read by the server**: setting it has no effect on \`themis_server\`. ${capitalized(instead)}.`);
  const env = firstDefined<string[]>(all, 'x-env-override');
  if (Array.isArray(env) && env.length && !/(^|\n)Environment:/.test(desc))
    facts.push(`Environment override: ${env.map(inlineCode).join(', ')}.`);
  if (isSecretSchemaKey(name, keys))
    facts.push(
      '**Secret**: do not write the value here; reference a variable (`${THEMIS_…}`) and set it in `.env` or a secret manager.',
    );
  const deprecated = firstDefined<string>(all, 'deprecationMessage');
  if (deprecated) facts.push(`**Deprecated:** ${deprecated}`);
  const unsafe = firstDefined<string>(all, 'x-unsafe-default');
  if (unsafe) facts.push(`⚠️ **${def !== undefined ? 'Unsafe default' : 'Unsafe values'}:** ${unsafe}`);
  const rec = firstDefined<unknown>(all, 'x-recommended');
  // on a key the server ignores, the hardened value protects nothing until a build reads the key
  if (rec !== undefined && isScalarValue(rec))
    facts.push(`**Recommended${reads === 'unread' ? ' for a build that reads it' : ''}:** ${inlineCode(yamlScalar(rec))}`);
  if (facts.length) parts.push(facts.map((f) => `- ${f}`).join('\n'));
  return parts.join('\n\n');
}

// ---------------------------------------------------------------- variables

/** `config/.env` relative to the workspace folder (or to the file's folder). */
export function displayFile(p: string, root: string | undefined, from: string): string {
  const base = root && p.startsWith(root + path.sep) ? root : path.dirname(from);
  const rel = path.relative(base, p) || path.basename(p);
  return rel.split(path.sep).join('/');
}

/** A variable's value as it may be shown: masked when it is a secret, shortened otherwise. */
export function shownValue(name: string, value: string): string {
  if (value === '') return 'empty';
  if (isSecretValue(value, [name])) return `${maskSecret(value)} (secret, masked)`;
  const v = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  return inlineCode(v.replace(/\r?\n/g, '⏎'));
}
