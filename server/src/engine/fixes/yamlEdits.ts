// Minimal text edits on YAML that keep everything around them byte for byte:
// comments, key order, quoting style and indentation.
import { isMap, isScalar, parse, Scalar } from 'yaml';
import { YamlRef } from '../documents/yamlModel';
import { yamlScalarLike } from '../documents/yamlScalar';
import { SourceFile } from '../sourceFile';
import { TextEdit } from '../types';

type ScalarValue = string | number | boolean;

/** Renders a value for a position where `like` stood, in the same quoting style. */
function render(value: ScalarValue, like: Scalar | undefined): string {
  return yamlScalarLike(value, like?.type);
}

/**
 * Whether a fix may edit this entry's value in place. Not a `${VAR}` value (the
 * value lives in the .env and is fixed there), not a mapping or sequence, and not a
 * value reached through an alias (it is written at the anchor, for every user).
 */
export function isEditable(ref: YamlRef): boolean {
  if (ref.viaAlias) return false;
  if (ref.node && !isScalar(ref.node)) return false;
  return !(typeof ref.value === 'string' && ref.value.includes('${'));
}

/** Replaces the value of a mapping entry (or fills an empty one); undefined when `isEditable` says no. */
export function setValue(file: SourceFile, ref: YamlRef, value: ScalarValue): TextEdit | undefined {
  if (!isEditable(ref)) return undefined;
  const scalar = isScalar(ref.node) ? ref.node : undefined;
  if (ref.valueSpan && scalar) {
    return { ...ref.valueSpan, newText: render(value, scalar) };
  }
  if (!ref.valueSpan && ref.keySpan) {
    const colon = file.text.indexOf(':', ref.keySpan.end);
    if (colon < 0) return undefined;
    return { start: colon + 1, end: colon + 1, newText: ` ${render(value, undefined)}` };
  }
  return undefined;
}

/**
 * Adds `key: value` lines under the mapping at `parentPath` of one document
 * (the first by default), creating missing parent mappings. `lines` are YAML
 * lines relative to the new entries' indent, e.g. ['min_version: "1.3"'] or
 * ['encryption:', '  enabled: true']. Flow mappings (`{a: 1}`) get flow entries.
 */
export function insertUnder(file: SourceFile, parentPath: string[], lines: string[], docIndex?: number): TextEdit | undefined {
  const model = file.yaml;
  const li = file.lines;
  const eol = li.eol;
  const doc = docIndex ?? model.documents()[0]?.index ?? 0;
  const at = (p: string[]) => model.getIn(doc, p);
  // deepest existing ancestor
  let depth = parentPath.length;
  while (depth > 0 && !at(parentPath.slice(0, depth))) depth--;
  const missing = parentPath.slice(depth);
  const parent = depth > 0 ? at(parentPath.slice(0, depth)) : undefined;
  if (parent?.viaAlias) return undefined;
  if (parent && isFlow(parent.node)) return isMap(parent.node) ? insertIntoFlowMap(file, doc, parent, missing, lines) : undefined;
  if (parent?.node && !isMap(parent.node) && !(isScalar(parent.node) && parent.node.value === null)) return undefined;

  const block = [...missing.map((k, i) => '  '.repeat(i) + `${k}:`), ...lines.map((l) => '  '.repeat(missing.length) + l)];
  const indentBlock = (indent: number): string => block.map((l) => ' '.repeat(indent) + l).join(eol);
  const kids = model.childrenIn(doc, parentPath.slice(0, depth)).filter((k) => k.keySpan);

  if (!parent) {
    if (kids.length === 0) {
      const contents = model.docs[doc]?.contents;
      if (contents && !(isMap(contents) && !isFlow(contents))) return undefined;
      const end = file.text.length;
      const needsBreak = end > 0 && !/[\r\n]$/.test(file.text);
      return { start: end, end, newText: (needsBreak ? eol : '') + indentBlock(0) + eol };
    }
    if (isFlow(model.docs[doc]?.contents)) return undefined;
  }
  if (kids.length === 0) {
    // `parent:` with an empty value: nest under it
    const parentIndent = li.position(parent!.keySpan!.start).character;
    return appendAfter(file, parent!.valueSpan?.end ?? parent!.keySpan!.end, indentBlock(parentIndent + 2));
  }
  const indent = li.position(kids[0].keySpan!.start).character;
  return appendAfter(file, lastEntryEnd(file, kids[kids.length - 1]), indentBlock(indent));
}

function isFlow(node: unknown): boolean {
  return !!(node as { flow?: boolean } | null)?.flow;
}

/** `{ a: 1 }` + `b: {c: true}`: adds the entries, written as flow, before the closing brace. */
function insertIntoFlowMap(
  file: SourceFile,
  doc: number,
  map: YamlRef,
  missing: string[],
  lines: string[],
): TextEdit | undefined {
  let value: unknown;
  try {
    value = parse(lines.join('\n'));
  } catch {
    return undefined;
  }
  for (let i = missing.length - 1; i >= 0; i--) value = { [missing[i]]: value };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${flowText(v)}`);
  const kids = file.yaml.childrenIn(doc, map.path);
  const lastKid = kids[kids.length - 1];
  if (lastKid?.valueSpan)
    return { start: lastKid.valueSpan.end, end: lastKid.valueSpan.end, newText: entries.map((e) => `, ${e}`).join('') };
  const span = map.valueSpan;
  if (!span || kids.length > 0) return undefined;
  const close = file.text.lastIndexOf('}', span.end);
  if (close < span.start) return undefined;
  return { start: close, end: close, newText: entries.join(', ') };
}

function flowText(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v))
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}: ${flowText(x)}`)
      .join(', ')}}`;
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  if (typeof v === 'string' && !/^[\w./-]+$/.test(v)) return JSON.stringify(v);
  return String(v);
}

/** Offset of the end of the last line that belongs to an entry (nested content included). */
function lastEntryEnd(file: SourceFile, ref: YamlRef): number {
  const kids = file.yaml.childrenIn(ref.docIndex, ref.path);
  if (kids.length) return Math.max(ref.valueSpan?.end ?? 0, lastEntryEnd(file, kids[kids.length - 1]));
  return ref.valueSpan?.end ?? ref.keySpan?.end ?? 0;
}

/** Inserts `text` as new line(s) right after the line holding `offset`. */
function appendAfter(file: SourceFile, offset: number, text: string): TextEdit {
  const li = file.lines;
  const line = li.position(Math.max(0, offset - 1)).line;
  const at = li.lineEnd(line);
  return { start: at, end: at, newText: li.eol + text };
}

/** Deletes the whole line(s) of an entry, line break included (not an entry reached through an alias). */
export function deleteEntryLines(file: SourceFile, ref: YamlRef): TextEdit | undefined {
  if (ref.viaAlias) return undefined;
  const li = file.lines;
  const first = li.position(ref.keySpan?.start ?? ref.valueSpan!.start).line;
  const last = li.position(Math.max(0, lastEntryEnd(file, ref) - 1)).line;
  const start = li.lineStart(first);
  const end = last + 1 < li.lineCount ? li.lineStart(last + 1) : li.text.length;
  return { start, end, newText: '' };
}
