// Hover for ThemisDB files: what a YAML key does (schema), what its value means
// (enum text, recommended or unsafe), what a .env variable does (env catalog),
// and where a `${VAR}` is defined, its value masked when it is a secret. A value's
// hover is one short block (the findings' first sentences, what the value means, the
// fix, one line about the key) that fits VS Code's hover without scrolling; the full
// key documentation is on the key, the rule's on its page.
// Like completion, it reads YAML only on the hovered line and the lines above it
// (documents/yamlLines.ts), and a .env file as dotenv reads it (the EnvModel).
import { findVarRefs, hasBracedRef } from '../documents/envModel';
import { asBool } from '../documents/yamlModel';
import { inComment, YamlLines } from '../documents/yamlLines';
import { unquoteScalar, yamlScalar } from '../documents/yamlScalar';
import { insteadOf } from '../schema/readership';
import { SchemaName, SCHEMAS, schemaFor, schemasAt } from '../schema/schemaIndex';
import { SourceFile } from '../sourceFile';
import { FileKind, Finding, Span } from '../types';
import { firstSentence } from '../firstSentence';
import { isTemplated } from '../secrets';
import { isSecretValue } from '../secretValue';
import { Workspace } from '../workspace/workspace';
import { capitalized } from '../rules/shared/wording';
import {
  displayFile,
  displayKeyPath,
  envStatusText,
  EnvVarInfo,
  envVarInfo,
  envVarMarkdown,
  envVarSummary,
  inlineCode as code,
  isSecretSchemaKey,
  isSecretVar,
  schemaKeyMarkdown,
  schemaKeySummary,
  shownValue,
} from './docs';
import { EnvEntryAt, envPosition } from './envPosition';

export interface HoverEntry {
  /** Markdown. */
  markdown: string;
  /** What the hover is about (key, value or `${VAR}`). */
  span: Span;
}

export interface HoverOptions {
  kind: FileKind;
  workspace?: Workspace;
  /** Workspace folder, for relative paths. */
  root?: string;
  /** The file's findings: those on the hovered key or value lead the hover. */
  findings?: readonly Finding[];
  /** The address of a rule's documentation page, to link the findings to (none for an engine notice). */
  ruleLink?: (ruleId: string) => string | undefined;
}

/** At most this many findings lead a hover (one line each). */
const HOVER_FINDINGS = 2;

const KEY_DOCS_HINT = '_Hover the key for its full documentation._';

/** Hover at an offset of a ThemisDB file, or undefined when there is nothing to say. */
export function hover(file: SourceFile, offset: number, options: HoverOptions): HoverEntry | undefined {
  const on = (span: Span) => findingsOn(file, span, options.findings);
  const h = options.kind === 'env' ? envHover(file, offset, options, on) : yamlFileHover(file, offset, options, on);
  if (!h) return undefined;
  const lead = on(h.span).map((f) => {
    const link = options.ruleLink?.(f.ruleId);
    const id = link ? `[${f.ruleId}](${link})` : f.ruleId;
    return `${f.severity === 'error' || f.severity === 'warning' ? '⚠️' : 'ℹ️'} **${id}** ${firstSentence(f.message)}`;
  });
  return lead.length ? { ...h, markdown: `${lead.join('\n\n')}\n\n---\n\n${h.markdown}` } : h;
}

/** The findings on the hovered key or value, on its line (not file-wide ones), one a rule. */
function findingsOn(file: SourceFile, span: Span, findings: readonly Finding[] = []): Finding[] {
  const line = file.lines.position(span.start).line;
  const from = file.lines.lineStart(line);
  const to = file.lines.lineEnd(line);
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.span.start < from || f.span.end > to || f.span.start > span.end || f.span.end < span.start) continue;
    if (!out.some((o) => o.ruleId === f.ruleId) && out.length < HOVER_FINDINGS) out.push(f);
  }
  return out;
}

type FindingsOn = (span: Span) => Finding[];

function yamlFileHover(file: SourceFile, offset: number, options: HoverOptions, on: FindingsOn): HoverEntry | undefined {
  const pos = file.lines.position(offset);
  const lineText = file.lines.lineText(pos.line);
  const lineStart = file.lines.lineStart(pos.line);
  const col = pos.character;
  if (/^[ \t]*#/.test(lineText)) return undefined;

  const ref = findVarRefs(lineText).find((r) => r.start <= col && col <= r.end && !inComment(lineText, r.start));
  if (ref && !hidesReferences(lineText)) {
    return {
      markdown: variableMarkdown(ref.name, ref.fallback, file, options),
      span: { start: lineStart + ref.start, end: lineStart + ref.end },
    };
  }
  const schema = schemaFor(options.kind, file.path);
  return schema ? yamlHover(file, schema, pos.line, col, lineStart, on) : undefined;
}

// ---------------------------------------------------------------- YAML

function yamlHover(
  file: SourceFile,
  schema: SchemaName,
  lineNo: number,
  col: number,
  lineStart: number,
  on: FindingsOn,
): HoverEntry | undefined {
  const lines = new YamlLines(file);
  const l = lines.at(lineNo);
  if (l.key !== undefined) {
    const onKey = col >= l.keyCol! && col <= l.keyEnd!;
    const onValue = l.valueCol !== undefined && col >= l.valueCol && col <= l.valueEnd!;
    if (!onKey && !onValue) return undefined;
    const kp = lines.keyPath(lineNo)!;
    if (kp.ancestry.inBlockScalar) return undefined;
    const keyDoc = schemaKeyMarkdown(schema, kp.path);
    if (!keyDoc) return undefined;
    if (onKey) return { markdown: keyDoc, span: { start: lineStart + l.keyCol!, end: lineStart + l.keyEnd! } };
    const span = { start: lineStart + l.valueCol!, end: lineStart + l.valueEnd! };
    return { markdown: valueMarkdown(schema, kp.path, l.value!, on(span).length > 0), span };
  }
  if (l.kind === 'item' && l.valueCol !== undefined && col >= l.valueCol && col <= l.valueEnd!) {
    // a scalar sequence item (`- TLS_AES_256_GCM_SHA384`)
    const anc = lines.ancestry(lineNo, l.dashCol!, true);
    if (anc.inBlockScalar) return undefined;
    const keys = [...anc.path, '0'];
    if (!schemaKeyMarkdown(schema, keys)) return undefined;
    const span = { start: lineStart + l.valueCol, end: lineStart + l.valueEnd! };
    return { markdown: valueMarkdown(schema, keys, l.value!, on(span).length > 0), span };
  }
  return undefined;
}

function matches(value: string, target: unknown): boolean {
  if (typeof target === 'boolean') return asBool(value) === target;
  if (typeof target === 'number') return value.trim() !== '' && Number(value) === target;
  return value === String(target);
}

/**
 * What the value written at a key means (its enum text, whether it is recommended or unsafe),
 * the fix, and one line about the key. With a finding on the value (`flagged`), the finding
 * says what is wrong and the block only names the fix.
 */
function valueMarkdown(schema: SchemaName, keys: string[], raw: string, flagged: boolean): string {
  const about = [schemaKeySummary(schema, keys), KEY_DOCS_HINT].filter(Boolean).join(' ');
  const all = schemasAt(schema, keys);
  if (!all.length || /^[|>&*!{[]/.test(raw)) return `**${displayKeyPath(keys)}**\n\n${about}`;
  const value = unquoteScalar(raw);
  const secret = isSecretSchemaKey(schema, keys) || isSecretValue(value);
  const templated = hasBracedRef(value, true);
  const shown = secret ? 'The value' : code(raw);
  const out: string[] = [];
  if (secret)
    out.push(
      templated
        ? 'The value comes from the environment.'
        : value === ''
          ? 'The value is empty here.'
          : '**Secret**: the value is not shown. ⚠️ A literal secret in the file is readable by everyone who can read the file; reference a variable instead.',
    );

  const first = <T>(key: string) => all.find((s) => s[key] !== undefined)?.[key] as T | undefined;
  const enumSchema = all.find((s) => Array.isArray(s.enum));
  if (enumSchema && !secret && !templated) {
    const i = enumSchema.enum!.findIndex((e) => matches(value, e) && (typeof e !== 'string' || e === value));
    const docs = (enumSchema.markdownEnumDescriptions ?? enumSchema.enumDescriptions) as string[] | undefined;
    if (i >= 0) out.push(docs?.[i] ? `${shown}: ${docs[i]}` : `${shown} is one of the accepted values.`);
    else
      out.push(
        `⚠️ ${shown} is not one of the accepted values (${enumSchema
          .enum!.slice(0, 12)
          .map((v) => code(yamlScalar(v)))
          .join(', ')}${enumSchema.enum!.length > 12 ? ', …' : ''}).`,
      );
    const accepts = first<unknown[]>('x-server-accepts');
    if (i >= 0 && Array.isArray(accepts) && !accepts.some((a) => matches(value, a)))
      out.push(`⚠️ Documented, but the server accepts only ${accepts.map((a) => code(yamlScalar(a))).join(', ')}.`);
  }
  const memory = (first<Record<string, number>>('x-profile-memory-gb') ??
    (schema === 'mig' ? (SCHEMAS.mig['x-profile-memory-gb'] as Record<string, number> | undefined) : undefined))?.[value];
  if (memory !== undefined && keys[keys.length - 1] === 'profile' && !out.some((o) => o.includes(`${memory} GB`)))
    out.push(`${code(value)}: ${memory} GB of VRAM.`);

  const last = keys[keys.length - 1] ?? '';
  const listRec = /^\d+$/.test(last)
    ? schemasAt(schema, keys.slice(0, -1)).find((s) => s['x-recommended'] !== undefined)?.['x-recommended']
    : undefined;
  if (Array.isArray(listRec) && !secret && !templated) {
    const listName = displayKeyPath(keys.slice(0, -1));
    out.push(
      listRec.some((r) => matches(value, r))
        ? `✓ ${shown} is in the recommended list of \`${listName}\`.`
        : `Recommended list of \`${listName}\`: ${listRec.map((r) => code(yamlScalar(r))).join(', ')}.`,
    );
  }
  const rec = first<unknown>('x-recommended');
  const def = first<unknown>('default');
  const unsafe = first<string>('x-unsafe-default');
  const instead = insteadOf(schema, keys);
  // one story per key: the value of an unread key protects nothing, whatever it is (no ✓, and
  // the fix is what works instead, not another value here)
  if (instead && !secret)
    out.push(
      `⚠️ **The server does not read this key**: ${shown} here has no effect on \`themis_server\`. ${capitalized(instead)}.`,
    );
  else if (!secret && !templated && rec !== undefined) {
    if (matches(value, rec)) out.push(`✓ ${shown} is the recommended value.`);
    else if (unsafe && ((def !== undefined && matches(value, def)) || (typeof rec === 'boolean' && asBool(value) === !rec)))
      out.push(
        flagged ? `**Fix:** set ${code(yamlScalar(rec))}.` : `⚠️ **Unsafe:** ${unsafe} **Set instead:** ${code(yamlScalar(rec))}`,
      );
    else out.push(`Recommended: ${code(yamlScalar(rec))}.`);
  } else if (!secret && !templated && !flagged && unsafe && def !== undefined && matches(value, def)) {
    out.push(`⚠️ ${shown} is the default, which is unsafe: ${unsafe}`);
  }
  const head = `**${displayKeyPath(keys)}** = ${secret ? '…' : code(raw)}`;
  // `**key** = `v`: what v means` on one line
  const means = out[0]?.startsWith(`${shown}: `) ? out.shift()!.slice(shown.length) : '';
  return [head + means, ...out, about].join('\n\n');
}

/**
 * A secret written with `$` in it (`passphrase: "p4$word…"`): the `$word` is part of
 * the secret, not a reference, so its name is never shown. A value that is only a
 * reference (`${THEMIS_PIN}`) is no secret and keeps its hover.
 */
function secretText(value: string, key: string | undefined): boolean {
  return !isTemplated(value) && (isSecretValue(value, key ? [key] : []) || (key !== undefined && isSecretVar(key)));
}

/** A YAML line `key: value` (or `- value`) whose value is secret text. */
function hidesReferences(lineText: string): boolean {
  // the value up to its last non-blank, and a comment from the first blank of its run: linear
  // on a line of 100,000 blanks (the value never fails to match, so no blank before it is tried again)
  const m = /^[ \t]*(?:-[ \t]+)?(?:["']?([\w.-]+)["']?[ \t]*:[ \t]+)?(.*[^ \t]|)[ \t]*$/s.exec(lineText);
  return !!m && secretText(unquoteScalar(m[2].replace(/(?<![ \t])[ \t]+#.*$/, '')), m[1]);
}

// ---------------------------------------------------------------- .env

/**
 * A .env file: a `${VAR}` in a value, a key, or a value (what it means for the
 * variable). On the later lines of a multi-line quoted value the hover is about that
 * value, never about a `KEY=` the line seems to hold.
 */
function envHover(file: SourceFile, offset: number, options: HoverOptions, on: FindingsOn): HoverEntry | undefined {
  const at = envPosition(file, offset);
  const e = at.entry;
  if (at.commentLine || at.inComment || !e) return undefined;
  const value = file.text.slice(e.valueSpan.start, e.valueSpan.end);
  const ref = findVarRefs(value).find((r) => e.valueSpan.start + r.start <= offset && offset <= e.valueSpan.start + r.end);
  if (ref && !secretText(e.value, e.key)) {
    const span = { start: e.valueSpan.start + ref.start, end: e.valueSpan.start + ref.end };
    return { markdown: variableMarkdown(ref.name, ref.fallback, file, options), span };
  }
  const info = envVarInfo(e.key);
  if (!at.continuationLine && offset >= e.keySpan.start && offset <= e.keySpan.end) {
    const md = info
      ? envVarMarkdown(e.key, info)!
      : e.key.startsWith('THEMIS_')
        ? `**${e.key}**\n\nNot in the ThemisDB environment catalog: no known server, compose file or build script reads it. Check the spelling.`
        : undefined;
    return md ? { markdown: md, span: e.keySpan } : undefined;
  }
  if (offset < e.valueSpan.start || offset > e.valueSpan.end || !info) return undefined;
  return { markdown: envValueMarkdown(e, info, on(e.valueSpan).length > 0), span: e.valueSpan };
}

/**
 * What a variable's value means and one line about the variable (the catalog docs are on
 * the name); with a finding on the value (`flagged`) the unsafe-default explanation is the finding's.
 */
function envValueMarkdown(e: EnvEntryAt, info: EnvVarInfo, flagged: boolean): string {
  const { key: name, value } = e;
  const secret = isSecretVar(name) || isSecretValue(value);
  const about = [envVarSummary(info), '_Hover the name for its full documentation._'].filter(Boolean).join(' ');
  // a long or multi-line value (a PEM block) is not repeated in the heading
  const head =
    value === '' && !secret
      ? `**${name}** is empty here.`
      : secret
        ? `**${name}**${value ? ' = …' : ''}`
        : value.length <= 40 && !value.includes('\n')
          ? `**${name}** = ${code(value)}`
          : `**${name}**`;
  return [head, ...envValueNotes(name, value, info, flagged), about].join('\n\n');
}

/** What a variable's value means: recommended, accepted, switching the feature off, an unsafe default (deployment hovers too). */
export function envValueNotes(name: string, value: string, info: EnvVarInfo, flagged = false): string[] {
  const shown = code(value.replace(/\r?\n/g, '⏎'));
  const out: string[] = [];
  if (isSecretVar(name) || isSecretValue(value)) {
    out.push(value ? '**Secret**: the value is not shown.' : 'The secret is empty here.');
  } else if (value !== '') {
    const accepted = info.accepted ?? undefined;
    const eq = (a: string) => (info.caseInsensitive ? a.toLowerCase() === value.toLowerCase() : a === value);
    if (info.recommended !== undefined && info.recommended !== null && eq(info.recommended))
      out.push(`✓ ${shown} is the recommended value.`);
    else if (accepted?.length && !accepted.some(eq)) {
      out.push(
        `⚠️ ${shown} is not an accepted value${info.type === 'flag' ? ': the server treats it as off' : ''}. Accepted: ${accepted.map(code).join(', ')}.`,
      );
    } else if (info.disabling?.some(eq)) out.push(`⚠️ ${shown} switches the feature off.`);
    if (info.acceptedPattern && !new RegExp(info.acceptedPattern).test(value))
      out.push(`⚠️ ${shown} does not match ${code(info.acceptedPattern)}.`);
    if (info.default !== undefined && info.default !== null && eq(info.default) && info.unsafeDefault && !flagged)
      out.push(`⚠️ This is the default, which is unsafe: ${info.unsafeDefault}`);
    if (info.recommended && !eq(info.recommended) && !out.some((o) => o.startsWith('✓')))
      out.push(`Recommended: ${code(info.recommended)}.`);
  }
  if (info.status !== 'code') out.push(envStatusText(info));
  return out;
}

// ---------------------------------------------------------------- ${VAR}

/** Where a referenced variable is defined (value masked when secret) and what it does. */
export function variableMarkdown(name: string, fallback: string | undefined, file: SourceFile, options: HoverOptions): string {
  const own = options.kind === 'env' ? file.env.get(name) : undefined;
  const def = own ? { file, entry: own } : options.workspace?.lookupVar(name, file.path);
  const parts: string[] = [];
  if (def) {
    const where = displayFile(def.file.path, options.root, file.path);
    parts.push(
      `**\${${name}}** is defined in \`${where}\` line ${def.file.lines.position(def.entry.keySpan.start).line + 1}: ${shownValue(name, def.entry.value)}`,
    );
  } else {
    parts.push(
      fallback !== undefined
        ? `**\${${name}}** is not defined in any .env file of the workspace; the fallback ${fallback === '' ? 'empty value' : shownValue(name, fallback)} applies unless the process environment sets it.`
        : `**\${${name}}** is not defined in any .env file of the workspace: unless the process environment sets it, the server reads an empty value.`,
    );
  }
  const doc = envVarMarkdown(name);
  if (doc) parts.push('---', doc);
  return parts.join('\n\n');
}
