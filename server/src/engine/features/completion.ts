// Completion for ThemisDB files: keys, whole-section snippets and values from the
// JSON Schemas (config.yaml family, security.yaml, mig.yaml), `${VAR}` names from
// the workspace .env files and the env catalog, and .env names and values from
// the catalog.
//
// It reads only the lines around the cursor (indentation decides the key path),
// never the YAML parse: the file is usually incomplete while the user types, and
// a 10,000-line file must answer in milliseconds. hover.ts reuses the line
// scanner, the catalog access and the documentation builders exported here.
import * as path from 'path';
import { ENV_VARS, isSecretVar, varInfo, VarInfo, varPattern } from '../envCatalog';
import { maskSecret } from '../mask';
import { JsonSchema, propertiesAt, SchemaName, SCHEMAS, schemaFor, schemasAt, typesOf, variants } from '../schema/schemaIndex';
import { isSecretKey } from '../secrets';
import { SourceFile } from '../sourceFile';
import { FileKind, Span } from '../types';
import { Workspace } from '../workspace/workspace';

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

export { isSecretVar };

const STATUS_ORDER: Record<string, number> = { code: 0, 'compose-only': 1, 'docs-only': 2, test: 3, 'build-time': 4 };

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

const code = (s: unknown) => {
  const t = String(s);
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
};

/** Markdown documentation of an environment variable from the catalog. */
export function envVarMarkdown(name: string, info: EnvVarInfo | undefined = envVarInfo(name)): string | undefined {
  if (!info) return undefined;
  const head = `**${name}**${info.type ? ` · \`${info.type}\`` : ''}${info.pattern ? ` (catalog pattern \`${info.pattern}\`)` : ''}`;
  const parts = [head];
  if (info.description) parts.push(info.description);
  const facts: string[] = [envStatusText(info)];
  if (info.default !== undefined && info.default !== null) facts.push(`Default: ${code(info.default)}${info.docsDefault ? ` (the docs claim ${code(info.docsDefault)}, the code uses ${code(info.default)})` : ''}.`);
  else if (info.status === 'code') facts.push('Default: unset.');
  if (info.accepted?.length) facts.push(`Accepted values: ${info.accepted.map(code).join(', ')}${info.type === 'flag' ? ' (anything else leaves it off)' : ''}${info.caseInsensitive ? ', case-insensitive' : ''}.`);
  if (info.acceptedPattern) facts.push(`The value must match ${code(info.acceptedPattern)}.`);
  if (info.disabling?.length) facts.push(`Switched off by ${info.disabling.map(code).join(', ')}.`);
  if (info.secret || info.type === 'secret') facts.push('**Secret**: deliver it from a secret manager; never commit it.');
  if (info.productionUnset) facts.push('**Must be unset in production.**');
  if (info.unsafeDefault) facts.push(`⚠️ **Unsafe default:** ${info.unsafeDefault}`);
  if (info.recommended !== undefined && info.recommended !== null) facts.push(`**Recommended:** ${code(info.recommended)}`);
  if (info.risk && info.risk !== 'none') facts.push(`Risk: ${info.risk}.`);
  parts.push(facts.map((f) => `- ${f}`).join('\n'));
  if (info.source) parts.push(`_Source: ${info.source}_`);
  return parts.join('\n\n');
}

// ---------------------------------------------------------------- schema docs

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** `mig.instances[].profile` */
export function displayKeyPath(keys: string[]): string {
  return keys.reduce((acc, k) => (/^\d+$/.test(k) ? `${acc}[]` : acc ? `${acc}.${k}` : k), '');
}

function describedBy(all: JsonSchema[]): JsonSchema {
  return all.find((s) => s.markdownDescription || s.description) ?? all[0];
}

/** x-server-reads of the path or its nearest ancestor that says (the flag is inherited). */
export function serverReads(name: SchemaName, keys: string[]): boolean | undefined {
  for (let n = keys.length; n > 0; n--) {
    for (const s of schemasAt(name, keys.slice(0, n))) {
      const v = s['x-server-reads'];
      if (typeof v === 'boolean') return v;
    }
  }
  return undefined;
}

function firstDefined<T>(all: JsonSchema[], key: string): T | undefined {
  for (const s of all) if (s[key] !== undefined) return s[key] as T;
  return undefined;
}

function allEnums(all: JsonSchema[]): { values: unknown[]; docs: (string | undefined)[] } {
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

function allTypes(all: JsonSchema[]): string[] {
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
  if (def !== undefined && isScalar(def) && !/(^|\n)Default:/.test(desc)) facts.push(`Default: ${code(yamlScalar(def))}.`);
  const codeDefault = firstDefined<string>(all, 'x-code-default');
  if (codeDefault !== undefined) facts.push(`Built-in default when the key is missing: ${codeDefault}.`);
  const { values } = allEnums(all);
  if (values.length) {
    const shown = values.slice(0, 12).map((v) => code(yamlScalar(v))).join(', ');
    facts.push(`Accepted values: ${shown}${values.length > 12 ? `, … (${values.length} in all)` : ''}.`);
  }
  const accepts = firstDefined<unknown[]>(all, 'x-server-accepts');
  if (Array.isArray(accepts)) facts.push(`The server itself accepts only ${accepts.map((v) => code(yamlScalar(v))).join(', ')}.`);
  const min = firstDefined<number>(all, 'minimum');
  const max = firstDefined<number>(all, 'maximum');
  if (min !== undefined && max !== undefined) facts.push(`Range: ${min} to ${max}.`);
  else if (min !== undefined) facts.push(`Minimum: ${min}.`);
  else if (max !== undefined) facts.push(`Maximum: ${max}.`);
  const reads = serverReads(name, keys);
  if (reads !== undefined && !/_Read by|_No runtime effect|never reads/.test(desc)) {
    facts.push(reads ? 'Read by the server (`themis_server`).' : '**Not read by the server**: setting it has no effect on `themis_server`.');
  }
  const env = firstDefined<string[]>(all, 'x-env-override');
  if (Array.isArray(env) && env.length && !/(^|\n)Environment:/.test(desc)) facts.push(`Environment override: ${env.map(code).join(', ')}.`);
  if (isSecretSchemaKey(name, keys)) facts.push('**Secret**: do not write the value here; reference a variable (`${THEMIS_…}`) and set it in `.env` or a secret manager.');
  const deprecated = firstDefined<string>(all, 'deprecationMessage');
  if (deprecated) facts.push(`**Deprecated:** ${deprecated}`);
  const unsafe = firstDefined<string>(all, 'x-unsafe-default');
  if (unsafe) facts.push(`⚠️ **${def !== undefined ? 'Unsafe default' : 'Unsafe values'}:** ${unsafe}`);
  const rec = firstDefined<unknown>(all, 'x-recommended');
  if (rec !== undefined && isScalar(rec)) facts.push(`**Recommended:** ${code(yamlScalar(rec))}`);
  if (facts.length) parts.push(facts.map((f) => `- ${f}`).join('\n'));
  return parts.join('\n\n');
}

// ---------------------------------------------------------------- YAML scalars

const NON_STRING_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0x[0-9a-fA-F]+|0o[0-7]+)$/;

/** Whether a string must be quoted to stay a string in YAML (1.2 core and yaml-cpp's 1.1 booleans). */
export function needsQuotes(s: string): boolean {
  return s === '' || NON_STRING_PLAIN.test(s) || /^[\s\-?:,[\]{}#&*!|>'"%@`]|\s$|:(\s|$)|\s#/.test(s);
}

/** A scalar as it is written in YAML (strings quoted only when needed). */
export function yamlScalar(v: unknown): string {
  if (typeof v === 'string') return needsQuotes(v) ? JSON.stringify(v) : v;
  if (v === null || v === undefined) return 'null';
  return String(v);
}

/** The string a written scalar stands for (quotes removed). */
export function unquoteScalar(raw: string): string {
  if (raw.length >= 2 && raw[0] === '"' && raw[raw.length - 1] === '"') {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  if (raw.length >= 2 && raw[0] === "'" && raw[raw.length - 1] === "'") return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

// ---------------------------------------------------------------- YAML lines

export interface YamlLine {
  kind: 'blank' | 'comment' | 'doc' | 'key' | 'item' | 'other';
  indent: number;
  /** Column of the `-` of a sequence item. */
  dashCol?: number;
  key?: string;
  keyCol?: number;
  /** Column after the key as written (quotes included). */
  keyEnd?: number;
  colonCol?: number;
  /** Value (or the scalar of a `- value` item) as written, comment excluded; columns into the line. */
  valueCol?: number;
  valueEnd?: number;
  value?: string;
}

// KEY_RE at a position of the whole text (sticky), for scans that must not slice every line.
const KEY_AT = /(?!-[ \t\r\n])("(?:[^"\\\r\n]|\\.)*"|'(?:[^'\r\n]|'')*'|[^\s#'"{}[\],&*!|>%@`][^#\r\n]*?)[ \t]*:(?=[ \t\r\n]|$)/y;
const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`][^#]*?)[ \t]*:(?=[ \t]|$)/;

function valueRegion(text: string, from: number): { start: number; end: number } | undefined {
  let k = from;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
  if (k >= text.length || text[k] === '#') return undefined;
  let end = text.length;
  const q = text[k];
  if (q === '"' || q === "'") {
    for (let i = k + 1; i < text.length; i++) {
      if (q === '"' && text[i] === '\\') {
        i++;
        continue;
      }
      if (text[i] === q) {
        if (q === "'" && text[i + 1] === "'") {
          i++;
          continue;
        }
        end = i + 1;
        break;
      }
    }
  } else {
    const h = text.slice(k).search(/[ \t]#/);
    if (h >= 0) end = k + h;
  }
  while (end > k && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return { start: k, end };
}

export function parseYamlLine(text: string): YamlLine {
  let i = 0;
  while (i < text.length && text[i] === ' ') i++;
  const indent = i;
  if (i >= text.length || /^\s*$/.test(text)) return { kind: 'blank', indent };
  const c = text[i];
  if (c === '#') return { kind: 'comment', indent };
  if (indent === 0 && /^(?:---|\.\.\.)(?:\s|$)/.test(text)) return { kind: 'doc', indent };
  let dashCol: number | undefined;
  let j = i;
  if (c === '-' && (j + 1 === text.length || text[j + 1] === ' ' || text[j + 1] === '\t')) {
    dashCol = j;
    j++;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
    if (j >= text.length || text[j] === '#') return { kind: 'item', indent, dashCol };
  }
  const m = KEY_RE.exec(text.slice(j));
  if (m) {
    const written = m[1];
    const colonCol = j + m[0].length - 1;
    const v = valueRegion(text, colonCol + 1);
    return {
      kind: dashCol !== undefined ? 'item' : 'key',
      indent,
      dashCol,
      key: unquoteScalar(written),
      keyCol: j,
      keyEnd: j + written.length,
      colonCol,
      valueCol: v?.start,
      valueEnd: v?.end,
      value: v ? text.slice(v.start, v.end) : undefined,
    };
  }
  if (dashCol !== undefined) {
    const v = valueRegion(text, j);
    return { kind: 'item', indent, dashCol, valueCol: v?.start, valueEnd: v?.end, value: v ? text.slice(v.start, v.end) : undefined };
  }
  return { kind: 'other', indent };
}

export interface Ancestry {
  /** Key path of the node's parent (sequence items as '0'). */
  path: string[];
  /** Line of the nearest parent (-1: the document root). */
  parentLine: number;
  /** The nearest parent is a sequence item (its inline key is a sibling). */
  parentIsItem: boolean;
  /** The nearest parent's value is a block scalar (`|`, `>`): the node is text, not a key. */
  inBlockScalar: boolean;
}

/** Lines of a YAML file, parsed on demand; the key path of any line comes from indentation. */
export class YamlLines {
  private readonly parsed = new Map<number, YamlLine>();
  readonly text: string;

  constructor(readonly file: SourceFile) {
    this.text = file.text;
  }

  get count(): number {
    return this.file.lines.lineCount;
  }

  lineText(i: number): string {
    return this.file.lines.lineText(i);
  }

  at(i: number): YamlLine {
    let l = this.parsed.get(i);
    if (!l) this.parsed.set(i, (l = parseYamlLine(this.lineText(i))));
    return l;
  }

  /** Indentation of a line without parsing it; -1 for blank and comment lines. */
  indent(i: number): number {
    const t = this.text;
    const start = this.file.lines.lineStart(i);
    const end = this.file.lines.lineEnd(i);
    let k = start;
    while (k < end && t.charCodeAt(k) === 32) k++;
    let j = k;
    while (j < end && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j++;
    if (j >= end || t.charCodeAt(j) === 35 /* # */) return -1;
    return k - start;
  }

  private isDocMarker(i: number): boolean {
    const t = this.text;
    const s = this.file.lines.lineStart(i);
    return (t.startsWith('---', s) || t.startsWith('...', s)) && this.at(i).kind === 'doc';
  }

  /**
   * The parents of a node on line `lineNo` at column `col`: a mapping key there, or
   * (seq) the `-` of a sequence item there. Walks up to the first line of smaller indentation, and so on.
   */
  ancestry(lineNo: number, col: number, seq = false): Ancestry {
    const out: Ancestry = { path: [], parentLine: -1, parentIsItem: false, inBlockScalar: false };
    let first = true;
    const found = (i: number, item: boolean) => {
      if (!first) return;
      first = false;
      out.parentLine = i;
      out.parentIsItem = item;
    };
    for (let i = lineNo - 1; i >= 0; i--) {
      if (col === 0 && !seq) break;
      const ind = this.indent(i);
      if (ind < 0) continue;
      if (ind === 0 && this.isDocMarker(i)) break;
      if (ind > col || (ind === col && !seq)) continue;
      const l = this.at(i);
      if (l.key !== undefined) {
        const k = l.keyCol!;
        if (k < col || (seq && k === col && l.valueCol === undefined)) {
          if (first && l.value !== undefined && /^[|>]/.test(l.value)) out.inBlockScalar = true;
          out.path.unshift(l.key);
          found(i, false);
          col = k;
          seq = false;
          if (l.kind === 'item') {
            out.path.unshift('0');
            col = l.dashCol!;
            seq = true;
          }
          continue;
        }
      }
      if (l.kind === 'item' && l.dashCol! < col) {
        out.path.unshift('0');
        found(i, true);
        col = l.dashCol!;
        seq = true;
      }
    }
    return out;
  }

  /** Full key path of the key written on a line (undefined when the line has no key). */
  keyPath(lineNo: number): { path: string[]; line: YamlLine; ancestry: Ancestry } | undefined {
    const l = this.at(lineNo);
    if (l.key === undefined) return undefined;
    const ancestry = l.kind === 'item' ? this.ancestry(lineNo, l.dashCol!, true) : this.ancestry(lineNo, l.keyCol!);
    const path = l.kind === 'item' ? [...ancestry.path, '0', l.key] : [...ancestry.path, l.key];
    return { path, line: l, ancestry };
  }

  /**
   * Keys at column `col` in the mapping that contains line `lineNo` (the line itself
   * excluded), with their lines. `from` is the parent's line (-1: document root).
   */
  siblings(lineNo: number, col: number, from: number, parentIsItem: boolean): Map<string, number> {
    const out = new Map<string, number>();
    const take = (i: number) => {
      const key = this.keyStartingAt(i, col);
      if (key !== undefined && !out.has(key)) out.set(key, i);
    };
    for (let i = lineNo - 1; i > from; i--) {
      const ind = this.indent(i);
      if (ind < 0) continue;
      if (ind === 0 && this.isDocMarker(i)) break;
      if (ind < col) break;
      if (ind === col) take(i);
    }
    if (parentIsItem && from >= 0) {
      const l = this.at(from);
      if (l.key !== undefined && l.keyCol === col && !out.has(l.key)) out.set(l.key, from);
    }
    for (let i = lineNo + 1; i < this.count; i++) {
      const ind = this.indent(i);
      if (ind < 0) continue;
      if (ind === 0 && this.isDocMarker(i)) break;
      if (ind < col) break;
      if (ind === col) take(i);
    }
    return out;
  }

  /** The mapping key written at column `col` of a line (no sequence dash), without parsing the rest of the line. */
  private keyStartingAt(i: number, col: number): string | undefined {
    KEY_AT.lastIndex = this.file.lines.lineStart(i) + col;
    const m = KEY_AT.exec(this.text);
    return m ? unquoteScalar(m[1]) : undefined;
  }

  /** Indentation step of the file (smallest positive indentation of its first lines), 2 by default. */
  indentUnit(): number {
    let unit = 0;
    const n = Math.min(this.count, 400);
    for (let i = 0; i < n; i++) {
      const ind = this.indent(i);
      if (ind > 0 && (unit === 0 || ind < unit)) unit = ind;
    }
    return unit >= 2 && unit <= 8 ? unit : 2;
  }
}

// ---------------------------------------------------------------- completion

export type CompletionKind = 'key' | 'section' | 'value' | 'variable';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** Short text next to the label (type, "recommended", "not read by the server"). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text that replaces `span`; multi-line texts carry their full indentation (insert as is). */
  insertText: string;
  /** insertText is snippet syntax (`$0`, `${1:…}`). */
  snippet?: boolean;
  span: Span;
  sortText: string;
  filterText?: string;
  preselect?: boolean;
  /** Open completion again after inserting (a key whose values can be completed). */
  retrigger?: boolean;
}

export interface CompletionOptions {
  /** The family the file is analyzed as. */
  kind: FileKind;
  /** For `${VAR}` names from the workspace .env files. */
  workspace?: Workspace;
  /** Workspace folder, for relative paths in the documentation. */
  root?: string;
}

const pad = (n: number) => String(n).padStart(4, '0');

/** Completion items at an offset of a ThemisDB file. */
export function complete(file: SourceFile, offset: number, options: CompletionOptions): CompletionEntry[] {
  const pos = file.lines.position(offset);
  const lineText = file.lines.lineText(pos.line);
  const lineStart = file.lines.lineStart(pos.line);
  const col = Math.min(pos.character, lineText.length);
  const before = lineText.slice(0, col);
  if (options.kind === 'env' ? /^[ \t]*#/.test(lineText) : inComment(lineText, col)) return [];

  const varCtx = /\$\{([A-Za-z0-9_]*)$/.exec(before);
  if (varCtx) {
    const tail = /^[A-Za-z0-9_]*/.exec(lineText.slice(col))![0];
    const closed = lineText[col + tail.length] === '}';
    const span = { start: lineStart + col - varCtx[1].length, end: lineStart + col + tail.length };
    return variableItems(file, span, closed, options);
  }
  if (options.kind === 'env') return envCompletion(file, col, lineText, lineStart);
  const schema = schemaFor(options.kind, file.path);
  if (!schema) return [];
  return yamlCompletion(file, schema, pos.line, col, lineText, lineStart);
}

/** A `#` comment starts before `col` on this line (outside quotes; YAML and .env). */
export function inComment(text: string, col: number): boolean {
  let quote = '';
  for (let i = 0; i < col; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:=\-[{,]/.test(text[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) return true;
  }
  return false;
}

function yamlCompletion(file: SourceFile, schema: SchemaName, lineNo: number, col: number, lineText: string, lineStart: number): CompletionEntry[] {
  const before = lineText.slice(0, col);
  const lines = new YamlLines(file);
  const eol = file.lines.eol;

  // a key being typed: `  partial`, `  - partial`, or the cursor inside an existing key
  const keyCtx = /^( *)(?:(-)([ \t]+))?([^\s:#'"{}[\],]*)$/.exec(before);
  if (keyCtx) {
    const partial = keyCtx[4];
    const keyCol = col - partial.length;
    const after = lineText.slice(col);
    const tail = /^[^\s:#'"{}[\],]*/.exec(after)![0];
    const keyOnly = /^\s*:/.test(after.slice(tail.length));
    const span = { start: lineStart + keyCol, end: lineStart + col + tail.length };
    if (keyCtx[2]) {
      // a new sequence item: its keys (object items) or its values (scalar items)
      const dashCol = keyCtx[1].length;
      const anc = lines.ancestry(lineNo, dashCol, true);
      if (anc.inBlockScalar) return [];
      const itemPath = [...anc.path, '0'];
      const present = lines.siblings(lineNo, keyCol, lineNo, false);
      const keys = keyItems(schema, itemPath, present, span, keyCol, keyOnly, lines, eol);
      const values = keyOnly ? [] : valueItems(schema, itemPath, span, partial, '', undefined);
      return [...keys, ...values];
    }
    const anc = lines.ancestry(lineNo, keyCol);
    if (anc.inBlockScalar) return [];
    const present = lines.siblings(lineNo, keyCol, anc.parentLine, anc.parentIsItem);
    return keyItems(schema, anc.path, present, span, keyCol, keyOnly, lines, eol);
  }

  // a value after `key:`
  const l = lines.at(lineNo);
  if (l.key !== undefined && l.colonCol !== undefined && col > l.colonCol) {
    const raw = lineText.slice(l.colonCol + 1, col);
    if (/^\s*[|>&*!{[]/.test(raw)) return [];
    const kp = lines.keyPath(lineNo)!;
    if (kp.ancestry.inBlockScalar) return [];
    const startCol = l.valueCol !== undefined && l.valueCol <= col ? l.valueCol : col;
    const endCol = Math.max(col, l.valueCol !== undefined && l.valueCol <= col ? l.valueEnd ?? col : col);
    const partial = lineText.slice(startCol, col);
    const prefix = col === l.colonCol + 1 ? ' ' : '';
    const siblingValue = (key: string): string | undefined => {
      // an item's inline key: the item's other keys follow it; otherwise the enclosing mapping
      const sibs = l.kind === 'item' ? lines.siblings(lineNo, l.keyCol!, lineNo, false) : lines.siblings(lineNo, l.keyCol!, kp.ancestry.parentLine, kp.ancestry.parentIsItem);
      const at = sibs.get(key);
      const v = at !== undefined ? lines.at(at).value : undefined;
      return v !== undefined ? unquoteScalar(v) : undefined;
    };
    return valueItems(schema, kp.path, { start: lineStart + startCol, end: lineStart + endCol }, partial, prefix, siblingValue);
  }
  return [];
}

function schemaDefaultSnippets(all: JsonSchema[]): NonNullable<JsonSchema['defaultSnippets']> {
  const out: NonNullable<JsonSchema['defaultSnippets']> = [];
  for (const s of all) for (const sn of s.defaultSnippets ?? []) if (!out.includes(sn)) out.push(sn);
  return out;
}

function keyItems(
  schema: SchemaName,
  parent: string[],
  present: Map<string, number>,
  span: Span,
  keyCol: number,
  keyOnly: boolean,
  lines: YamlLines,
  eol: string,
): CompletionEntry[] {
  const props = propertiesAt(schema, parent);
  if (!props.size) return [];
  const root = SCHEMAS[schema];
  const unit = lines.indentUnit();
  const childIndent = ' '.repeat(keyCol + unit);
  const out: CompletionEntry[] = [];
  let index = 0;
  for (const [key, propSchema] of props) {
    index++;
    if (present.has(key)) continue;
    const keys = [...parent, key];
    const all = variants(root, propSchema);
    const types = allTypes(all);
    const reads = serverReads(schema, keys);
    const group = reads === true ? 0 : reads === undefined ? 1 : 2;
    const doc = schemaKeyMarkdown(schema, keys);
    const { values } = allEnums(all);
    const def = firstDefined<unknown>(all, 'default');
    const detailParts = [types.join(' | ') || 'key'];
    if (def !== undefined && isScalar(def) && def !== '') detailParts.push(`default ${yamlScalar(def)}`);
    if (reads === false) detailParts.push('not read by the server');
    const written = needsQuotes(key) ? JSON.stringify(key) : key;
    let insertText: string;
    let snippet = false;
    let retrigger = false;
    if (keyOnly) insertText = written;
    else if (types.includes('object') && !types.some((t) => t !== 'object')) {
      insertText = `${written}:${eol}${childIndent}$0`;
      snippet = true;
    } else if (types.includes('array') && types.length === 1) {
      insertText = `${written}:${eol}${childIndent}- $0`;
      snippet = true;
    } else {
      insertText = `${written}: `;
      retrigger = values.length > 0 || types.includes('boolean') || firstDefined(all, 'x-recommended') !== undefined;
    }
    out.push({
      label: key,
      kind: 'key',
      detail: detailParts.join(' · '),
      documentation: doc,
      insertText,
      snippet,
      span,
      sortText: `${group}${pad(index)}`,
      filterText: key,
      retrigger,
    });
    if (keyOnly) continue;
    for (const sn of schemaDefaultSnippets(all)) {
      if (sn.body === undefined) continue; // bodyText is JSON text, not YAML
      const body = renderSnippetBody(sn.body, keyCol + unit, unit, eol);
      const text = body.startsWith(' ') ? `${written}:${eol}${body}` : `${written}: ${body}`;
      out.push({
        label: sn.label ?? `${key} (section)`,
        kind: 'section',
        detail: sn.description ?? `whole ${displayKeyPath(keys)} section`,
        documentation: [sn.description ? `Inserts a whole \`${displayKeyPath(keys)}\` section: ${sn.description}.` : `Inserts a whole \`${displayKeyPath(keys)}\` section.`, '```yaml\n' + stripSnippet(text) + '\n```', doc].filter(Boolean).join('\n\n'),
        insertText: text,
        snippet: true,
        span,
        sortText: `${group}${pad(index)}b`,
        filterText: key,
      });
    }
  }
  return out;
}

/** Snippet syntax removed (placeholders show their default), for documentation. */
function stripSnippet(s: string): string {
  return s.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

/** A scalar of a snippet body as YAML; strings are snippet text already (`${1:x}`, `\$`). */
function snippetScalar(v: unknown): string {
  if (typeof v !== 'string') return yamlScalar(v).replace(/\$/g, '\\$');
  if (!needsQuotes(stripSnippet(v))) return v;
  return /["\\]/.test(v) ? `'${v.replace(/'/g, "''")}'` : `"${v}"`;
}

/**
 * A defaultSnippets body as YAML lines at `indent`: either a block (starting with
 * spaces, one entry per line) or a single flow/scalar value.
 */
function renderSnippetBody(body: unknown, indent: number, unit: number, eol: string): string {
  if (isScalar(body)) return snippetScalar(body);
  if (Array.isArray(body) && body.length === 0) return '[]';
  if (!Array.isArray(body) && typeof body === 'object' && Object.keys(body as object).length === 0) return '{}';
  return renderBlock(body, indent, unit).join(eol);
}

function renderBlock(value: unknown, indent: number, unit: number): string[] {
  const pre = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isScalar(item) || (Array.isArray(item) && !item.length) || (typeof item === 'object' && item && !Object.keys(item).length)) {
        lines.push(`${pre}- ${isScalar(item) ? snippetScalar(item) : Array.isArray(item) ? '[]' : '{}'}`);
        continue;
      }
      const inner = renderBlock(item, indent + 2, unit);
      lines.push(`${pre}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
    }
    return lines;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = needsQuotes(stripSnippet(k)) ? `'${k.replace(/'/g, "''")}'` : k;
    if (isScalar(v)) lines.push(`${pre}${key}: ${snippetScalar(v)}`);
    else if (Array.isArray(v) && !v.length) lines.push(`${pre}${key}: []`);
    else if (!Array.isArray(v) && !Object.keys(v as object).length) lines.push(`${pre}${key}: {}`);
    else lines.push(`${pre}${key}:`, ...renderBlock(v, indent + unit, unit));
  }
  return lines;
}

function valueItems(
  schema: SchemaName,
  keys: string[],
  span: Span,
  partial: string,
  prefix: string,
  siblingValue: ((key: string) => string | undefined) | undefined,
): CompletionEntry[] {
  const all = schemasAt(schema, keys);
  if (!all.length) return [];
  const { values: enumValues, docs: enumDocs } = allEnums(all);
  const types = allTypes(all);
  const rec = firstDefined<unknown>(all, 'x-recommended');
  const def = firstDefined<unknown>(all, 'default');
  const unsafe = firstDefined<string>(all, 'x-unsafe-default');
  const accepts = firstDefined<unknown[]>(all, 'x-server-accepts');
  const memory = firstDefined<Record<string, number>>(all, 'x-profile-memory-gb') ?? (schema === 'mig' && keys[keys.length - 1] === 'profile' ? (SCHEMAS.mig['x-profile-memory-gb'] as Record<string, number>) : undefined);
  const keyName = displayKeyPath(keys);

  interface Candidate {
    value: unknown;
    doc?: string;
    order: number;
    notes: string[];
  }
  const candidates: Candidate[] = [];
  const add = (value: unknown, order: number, doc?: string, note?: string) => {
    if (!isScalar(value) || value === null) return;
    const existing = candidates.find((c) => c.value === value);
    if (existing) {
      if (doc && !existing.doc) existing.doc = doc;
      if (note && !existing.notes.includes(note)) existing.notes.push(note);
      return;
    }
    candidates.push({ value, doc, order, notes: note ? [note] : [] });
  };
  enumValues.forEach((v, i) => add(v, 100 + i, enumDocs[i]));
  if (types.includes('boolean') && !enumValues.length) {
    add(true, 100);
    add(false, 101);
  }
  for (const [i, ex] of (firstDefined<unknown[]>(all, 'examples') ?? []).entries()) add(ex, 300 + i);
  // mig.yaml: a VRAM cap that fits the instance's profile
  if (schema === 'mig' && keys[keys.length - 1] === 'vram_limit' && siblingValue) {
    const profile = siblingValue('profile');
    const gb = profile ? (SCHEMAS.mig['x-profile-memory-gb'] as Record<string, number> | undefined)?.[profile] : undefined;
    if (gb) add(`${gb}gb`, 0, `The whole memory of a \`${profile}\` instance (${gb} GB).`, `fits ${profile}`);
  }
  if (rec !== undefined) add(rec, 1);
  // a sequence item: the entries of the list's recommended value
  const listRec = /^\d+$/.test(keys[keys.length - 1] ?? '') ? firstDefined<unknown>(schemasAt(schema, keys.slice(0, -1)), 'x-recommended') : undefined;
  const recommendedItems = Array.isArray(listRec) ? listRec.filter(isScalar) : [];
  recommendedItems.forEach((v, i) => add(v, 2 + i, undefined, 'recommended'));
  if (def !== undefined && def !== '') add(def, 400);
  if (!candidates.length) return [];

  const quoted = /^["']/.test(partial);
  return candidates.map((c) => {
    const isRec = (rec !== undefined && c.value === rec) || recommendedItems.includes(c.value);
    const isDef = def !== undefined && c.value === def;
    const notes = [...c.notes];
    if (isRec && !notes.includes('recommended')) notes.unshift('recommended');
    if (isDef) notes.push(unsafe && !isRec ? 'default, unsafe' : 'default');
    const rejected = Array.isArray(accepts) && !accepts.some((a) => a === c.value);
    if (rejected) notes.push('not accepted by the server');
    const docParts: string[] = [];
    if (c.doc) docParts.push(c.doc);
    const gb = typeof c.value === 'string' ? memory?.[c.value] : undefined;
    if (gb !== undefined && !(c.doc ?? '').includes(`${gb} GB`)) docParts.push(`${gb} GB of VRAM.`);
    if (isRec) docParts.push(recommendedItems.includes(c.value) ? `In the **recommended** list of \`${displayKeyPath(keys.slice(0, -1))}\`.` : `**Recommended** value of \`${keyName}\`.`);
    if (isDef) docParts.push(unsafe && !isRec ? `Default of \`${keyName}\`. ⚠️ ${unsafe}` : `Default of \`${keyName}\`.`);
    if (!isRec && !isDef && unsafe && typeof rec === 'boolean' && typeof c.value === 'boolean') docParts.push(`⚠️ ${unsafe}`);
    if (rejected) docParts.push(`Documented, but the server accepts only ${accepts!.map((a) => code(yamlScalar(a))).join(', ')}.`);
    const written = yamlScalar(c.value);
    const insert = quoted && typeof c.value === 'string' && !/^["']/.test(written) ? `${partial[0]}${c.value}${partial[0]}` : written;
    const order = isRec ? Math.min(c.order, 99) : rejected ? 900 + c.order : c.order;
    return {
      label: written,
      kind: 'value' as const,
      detail: notes.length ? notes.join(', ') : undefined,
      documentation: docParts.length ? docParts.join('\n\n') : undefined,
      insertText: prefix + insert,
      span,
      sortText: pad(order),
      filterText: quoted ? insert : written,
      preselect: isRec || undefined,
    };
  });
}

// ---------------------------------------------------------------- variables

export interface VarDefinitionInfo {
  name: string;
  file: SourceFile;
  line: number;
  value: string;
}

/** Every variable defined in the workspace's .env files: the current file's own first, then siblings, then the rest. */
export function workspaceVariables(file: SourceFile, ws: Workspace | undefined, isEnv: boolean): Map<string, VarDefinitionInfo> {
  const out = new Map<string, VarDefinitionInfo>();
  const files: SourceFile[] = [];
  if (isEnv) files.push(file);
  if (ws) for (const f of [...ws.siblingEnvFiles(file.path), ...ws.allEnvFiles()]) if (f.path !== file.path && !files.some((x) => x.path === f.path)) files.push(f);
  for (const f of files) {
    // across files the first definition wins; within a file the last one (as dotenv reads it)
    const mine = new Set<string>();
    for (const e of f.env.entries) {
      if (out.has(e.key) && !mine.has(e.key)) continue;
      mine.add(e.key);
      out.set(e.key, { name: e.key, file: f, line: e.line, value: e.value });
    }
  }
  return out;
}

/** `config/.env` relative to the workspace folder (or to the file's folder). */
export function displayFile(p: string, root: string | undefined, from: string): string {
  const base = root && p.startsWith(root + path.sep) ? root : path.dirname(from);
  const rel = path.relative(base, p) || path.basename(p);
  return rel.split(path.sep).join('/');
}

/** A variable's value as it may be shown: masked when it is a secret, shortened otherwise. */
export function shownValue(name: string, value: string): string {
  if (value === '') return 'empty';
  if (isSecretVar(name)) return `${maskSecret(value)} (secret, masked)`;
  const v = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  return code(v.replace(/\r?\n/g, '⏎'));
}

function variableItems(file: SourceFile, span: Span, closed: boolean, options: CompletionOptions): CompletionEntry[] {
  const defined = workspaceVariables(file, options.workspace, options.kind === 'env');
  const out: CompletionEntry[] = [];
  const close = closed ? '' : '}';
  for (const d of defined.values()) {
    const info = envVarInfo(d.name);
    const where = `${displayFile(d.file.path, options.root, file.path)}:${d.line + 1}`;
    const doc = [`Defined in \`${where}\`: ${shownValue(d.name, d.value)}`, envVarMarkdown(d.name, info)].filter(Boolean).join('\n\n');
    out.push({
      label: d.name,
      kind: 'variable',
      detail: `${where} = ${isSecretVar(d.name) ? (d.value ? maskSecret(d.value) : 'empty') : d.value.length > 40 ? `${d.value.slice(0, 37)}…` : d.value}`,
      documentation: doc,
      insertText: d.name + close,
      span,
      sortText: `0${d.name}`,
      filterText: d.name,
    });
  }
  for (const name of envCatalogNames()) {
    if (defined.has(name)) continue;
    const info = envVarInfo(name)!;
    out.push({
      label: name,
      kind: 'variable',
      detail: info.status === 'code' ? 'catalog, not set in any .env' : `catalog (${info.status}), not set in any .env`,
      documentation: envVarMarkdown(name, info),
      insertText: name + close,
      span,
      sortText: `${1 + (STATUS_ORDER[info.status] ?? 5)}${name}`,
      filterText: name,
    });
  }
  return out;
}

// ---------------------------------------------------------------- .env

const ENV_LINE = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*)=[ \t]*/;

function envCompletion(file: SourceFile, col: number, lineText: string, lineStart: number): CompletionEntry[] {
  const before = lineText.slice(0, col);
  const nameCtx = /^[ \t]*(?:export[ \t]+)?([A-Za-z0-9_]*)$/.exec(before);
  if (nameCtx) {
    if (/^[ \t]*#/.test(lineText)) return [];
    const partial = nameCtx[1];
    const after = lineText.slice(col);
    const tail = /^[A-Za-z0-9_]*/.exec(after)![0];
    const hasEquals = /^[ \t]*=/.test(after.slice(tail.length));
    const span = { start: lineStart + col - partial.length, end: lineStart + col + tail.length };
    const present = new Set<string>();
    const re = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=/gm;
    for (let m = re.exec(file.text); m; m = re.exec(file.text)) present.add(m[1]);
    const own = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=/.exec(lineText)?.[1];
    if (own) present.delete(own);
    return envCatalogNames()
      .filter((n) => !present.has(n))
      .map((name) => {
        const info = envVarInfo(name)!;
        const order = STATUS_ORDER[info.status] ?? 5;
        const values = envValueCandidates(info);
        return {
          label: name,
          kind: 'variable' as const,
          detail: info.status === 'code' ? info.type : `${info.type ?? 'variable'} · not read by the server (${info.statusDetail ?? info.status})`,
          documentation: envVarMarkdown(name, info),
          insertText: hasEquals ? name : `${name}=`,
          span,
          sortText: `${order}${name.startsWith('THEMIS_') ? 0 : 1}${name}`,
          filterText: name,
          retrigger: !hasEquals && values.length > 0,
        };
      });
  }
  const m = ENV_LINE.exec(lineText);
  if (!m || col < m[0].length) return [];
  const info = envVarInfo(m[3]);
  if (!info) return [];
  let start = m[0].length;
  let end = lineText.length;
  const quote = /^["'`]/.test(lineText.slice(start)) ? lineText[start] : '';
  if (quote) {
    start++;
    const close = lineText.indexOf(quote, start);
    if (close >= 0) end = close;
  } else {
    const h = lineText.slice(start).search(/[ \t]#/);
    if (h >= 0) end = start + h;
    while (end > start && /[ \t]/.test(lineText[end - 1])) end--;
  }
  if (col < start || col > Math.max(end, start)) return [];
  const span = { start: lineStart + start, end: lineStart + Math.max(col, end) };
  return envValueCandidates(info).map((c, i) => ({
    label: c.value,
    kind: 'value' as const,
    detail: c.notes.join(', ') || undefined,
    documentation: c.doc,
    insertText: c.value,
    span,
    sortText: pad(c.recommended ? 0 : 10 + i),
    filterText: c.value,
    preselect: c.recommended || undefined,
  }));
}

interface EnvValueCandidate {
  value: string;
  recommended: boolean;
  notes: string[];
  doc?: string;
}

function envValueCandidates(info: EnvVarInfo): EnvValueCandidate[] {
  const out: EnvValueCandidate[] = [];
  const add = (value: string, note?: string) => {
    let c = out.find((x) => x.value === value);
    if (!c) out.push((c = { value, recommended: false, notes: [] }));
    if (note && !c.notes.includes(note)) c.notes.push(note);
  };
  if (info.recommended !== undefined && info.recommended !== null) add(info.recommended, 'recommended');
  for (const v of info.accepted ?? []) add(v);
  if (info.type === 'boolean' && !info.accepted?.length) {
    add('true');
    add('false');
  }
  for (const v of info.disabling ?? []) add(v, 'switches it off');
  if (info.default !== undefined && info.default !== null && info.default !== '') add(info.default, info.unsafeDefault ? 'default, unsafe' : 'default');
  for (const c of out) {
    c.recommended = c.notes.includes('recommended');
    const parts: string[] = [];
    if (c.recommended) parts.push('**Recommended.**');
    if (c.notes.includes('default, unsafe')) parts.push(`Default. ⚠️ ${info.unsafeDefault}`);
    else if (c.notes.includes('default')) parts.push('Default.');
    if (c.notes.includes('switches it off')) parts.push('Switches the feature off.');
    if (info.accepted?.length && !info.accepted.includes(c.value) && info.type === 'flag') parts.push('Not an accepted spelling: the server treats it as off.');
    parts.push(envStatusText(info));
    c.doc = parts.join('\n\n');
  }
  return out;
}
