// Completion in the YAML files (config.yaml family, security.yaml, mig.yaml):
// keys, whole-section snippets (the schema's defaultSnippets) and values (enum,
// recommended, default, examples) from the JSON Schemas, at the key path the line
// scanner (documents/yamlLines.ts) finds from indentation.
import { YamlLines } from '../documents/yamlLines';
import { doubleQuoted, needsQuotes, singleQuoted, unquoteScalar, yamlScalar } from '../documents/yamlScalar';
import { insteadOf, readership } from '../schema/readership';
import { JsonSchema, propertiesAt, SchemaName, SCHEMAS, schemasAt, variants } from '../schema/schemaIndex';
import { capitalized } from '../rules/shared/wording';
import { SourceFile } from '../sourceFile';
import { Span } from '../types';
import { CompletionEntry, pad } from './completionEntry';
import { allEnums, allTypes, displayKeyPath, firstDefined, inlineCode, isScalarValue, schemaKeyMarkdown } from './docs';

/** Keys or values at a line of a YAML file. */
export function yamlCompletion(
  file: SourceFile,
  schema: SchemaName,
  lineNo: number,
  col: number,
  lineText: string,
  lineStart: number,
): CompletionEntry[] {
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
    const endCol = Math.max(col, l.valueCol !== undefined && l.valueCol <= col ? (l.valueEnd ?? col) : col);
    const partial = lineText.slice(startCol, col);
    const prefix = col === l.colonCol + 1 ? ' ' : '';
    const siblingValue = (key: string): string | undefined => {
      // an item's inline key: the item's other keys follow it; otherwise the enclosing mapping
      const sibs =
        l.kind === 'item'
          ? lines.siblings(lineNo, l.keyCol!, lineNo, false)
          : lines.siblings(lineNo, l.keyCol!, kp.ancestry.parentLine, kp.ancestry.parentIsItem);
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
    // the keys the server reads first, unread ones last in the same section
    const reads = readership(schema, keys);
    const group = reads === 'read' ? 0 : reads === 'unknown' ? 1 : 2;
    const doc = schemaKeyMarkdown(schema, keys);
    const { values } = allEnums(all);
    const def = firstDefined<unknown>(all, 'default');
    const detailParts = [types.join(' | ') || 'key'];
    if (def !== undefined && isScalarValue(def) && def !== '') detailParts.push(`default ${yamlScalar(def)}`);
    if (reads === 'unread') detailParts.push('⚠ not read by the server');
    const written = needsQuotes(key) ? doubleQuoted(key) : key;
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
        documentation: [
          sn.description
            ? `Inserts a whole \`${displayKeyPath(keys)}\` section: ${sn.description}.`
            : `Inserts a whole \`${displayKeyPath(keys)}\` section.`,
          '```yaml\n' + stripSnippet(text) + '\n```',
          doc,
        ]
          .filter(Boolean)
          .join('\n\n'),
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
  return s
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** A scalar of a snippet body as YAML; strings are snippet text already (`${1:x}`, `\$`). */
function snippetScalar(v: unknown): string {
  if (typeof v !== 'string') return yamlScalar(v).replace(/\$/g, '\\$');
  if (!needsQuotes(stripSnippet(v))) return v;
  return /["\\]/.test(v) ? singleQuoted(v) : `"${v}"`;
}

/**
 * A defaultSnippets body as YAML lines at `indent`: either a block (starting with
 * spaces, one entry per line) or a single flow/scalar value.
 */
function renderSnippetBody(body: unknown, indent: number, unit: number, eol: string): string {
  if (isScalarValue(body)) return snippetScalar(body);
  if (Array.isArray(body) && body.length === 0) return '[]';
  if (!Array.isArray(body) && typeof body === 'object' && Object.keys(body as object).length === 0) return '{}';
  return renderBlock(body, indent, unit).join(eol);
}

function renderBlock(value: unknown, indent: number, unit: number): string[] {
  const pre = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (
        isScalarValue(item) ||
        (Array.isArray(item) && !item.length) ||
        (typeof item === 'object' && item && !Object.keys(item).length)
      ) {
        lines.push(`${pre}- ${isScalarValue(item) ? snippetScalar(item) : Array.isArray(item) ? '[]' : '{}'}`);
        continue;
      }
      const inner = renderBlock(item, indent + 2, unit);
      lines.push(`${pre}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
    }
    return lines;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = needsQuotes(stripSnippet(k)) ? singleQuoted(k) : k;
    if (isScalarValue(v)) lines.push(`${pre}${key}: ${snippetScalar(v)}`);
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
  // a value of a key the server ignores protects nothing, the recommended one included: each says so
  const unread = readership(schema, keys) === 'unread';
  const rec = firstDefined<unknown>(all, 'x-recommended');
  const def = firstDefined<unknown>(all, 'default');
  const unsafe = firstDefined<string>(all, 'x-unsafe-default');
  const accepts = firstDefined<unknown[]>(all, 'x-server-accepts');
  const insecure = firstDefined<unknown[]>(all, 'x-insecure-values') ?? [];
  const memory =
    firstDefined<Record<string, number>>(all, 'x-profile-memory-gb') ??
    (schema === 'mig' && keys[keys.length - 1] === 'profile'
      ? (SCHEMAS.mig['x-profile-memory-gb'] as Record<string, number>)
      : undefined);
  const keyName = displayKeyPath(keys);
  const instead = unread ? insteadOf(schema, keys) : undefined;
  const noEffect =
    unread &&
    `⚠️ **The server does not read \`${keyName}\`**: no value here has an effect on \`themis_server\`.${instead ? ` ${capitalized(instead)}.` : ''}`;

  interface Candidate {
    value: unknown;
    doc?: string;
    order: number;
    notes: string[];
  }
  const candidates: Candidate[] = [];
  const add = (value: unknown, order: number, doc?: string, note?: string) => {
    if (!isScalarValue(value) || value === null) return;
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
  const listRec = /^\d+$/.test(keys[keys.length - 1] ?? '')
    ? firstDefined<unknown>(schemasAt(schema, keys.slice(0, -1)), 'x-recommended')
    : undefined;
  const recommendedItems = Array.isArray(listRec) ? listRec.filter(isScalarValue) : [];
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
    const weak = insecure.includes(c.value);
    if (weak) notes.unshift('⚠ insecure');
    if (unread) notes.push('no effect');
    const docParts: string[] = [];
    if (c.doc) docParts.push(c.doc);
    const gb = typeof c.value === 'string' ? memory?.[c.value] : undefined;
    if (gb !== undefined && !(c.doc ?? '').includes(`${gb} GB`)) docParts.push(`${gb} GB of VRAM.`);
    if (isRec)
      docParts.push(
        recommendedItems.includes(c.value)
          ? `In the **recommended** list of \`${displayKeyPath(keys.slice(0, -1))}\`.`
          : `**Recommended** value of \`${keyName}\`.`,
      );
    if (isDef) docParts.push(unsafe && !isRec ? `Default of \`${keyName}\`. ⚠️ ${unsafe}` : `Default of \`${keyName}\`.`);
    if (!isRec && !isDef && unsafe && typeof rec === 'boolean' && typeof c.value === 'boolean') docParts.push(`⚠️ ${unsafe}`);
    if (rejected)
      docParts.push(`Documented, but the server accepts only ${accepts!.map((a) => inlineCode(yamlScalar(a))).join(', ')}.`);
    const written = yamlScalar(c.value);
    const insert =
      quoted && typeof c.value === 'string' && !/^["']/.test(written) ? `${partial[0]}${c.value}${partial[0]}` : written;
    if (weak) docParts.unshift(`⚠️ **Insecure**: do not use ${inlineCode(yamlScalar(c.value))} for \`${keyName}\`.`);
    if (noEffect) docParts.unshift(noEffect);
    const order = isRec ? Math.min(c.order, 99) : rejected || weak ? 900 + c.order : c.order;
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
      insecure: weak || undefined,
    };
  });
}
