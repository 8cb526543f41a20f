// Minimal text edits on YAML that keep everything around them byte for byte:
// comments, key order, quoting style and indentation.
import { isMap, isScalar, parse, Scalar } from 'yaml';
import { YamlRef } from '../documents/yamlModel';
import { SourceFile } from '../sourceFile';
import { TextEdit } from '../types';

type ScalarValue = string | number | boolean;

/** Renders a value for a position where `like` stood, in the same quoting style. */
function render(value: ScalarValue, like: Scalar | undefined): string {
  if (typeof value !== 'string') return String(value);
  const style = like?.type;
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  return plainIsSafe(value) ? value : JSON.stringify(value);
}

/** Whether a string written without quotes reads back as the same string. */
function plainIsSafe(s: string): boolean {
  if (s === '' || /^\s|\s$|[\n\r]|: |\s#|^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  try {
    return parse(s) === s;
  } catch {
    return false;
  }
}

/** Replaces the value of a mapping entry (or fills an empty one). */
export function setValue(file: SourceFile, ref: YamlRef, value: ScalarValue): TextEdit | undefined {
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
 * Adds `key: value` lines under the mapping at `parentPath`, creating missing
 * parent mappings. `lines` are YAML lines relative to the new entries' indent,
 * e.g. ['min_version: "1.3"'] or ['encryption:', '  enabled: true'].
 */
export function insertUnder(file: SourceFile, parentPath: string[], lines: string[]): TextEdit | undefined {
  const model = file.yaml;
  const li = file.lines;
  const eol = li.eol;
  // deepest existing ancestor
  let depth = parentPath.length;
  while (depth > 0 && !model.get(parentPath.slice(0, depth))) depth--;
  const missing = parentPath.slice(depth);
  const block = [...missing.map((k, i) => '  '.repeat(i) + `${k}:`), ...lines.map((l) => '  '.repeat(missing.length) + l)];

  const indentOf = (offset: number): number => li.position(offset).character;
  const indentBlock = (indent: number): string => block.map((l) => ' '.repeat(indent) + l).join(eol);

  if (depth === 0) {
    const roots = model.children('');
    const doc = model.docs[0];
    if (roots.length === 0) {
      if (doc && doc.contents && !isMap(doc.contents)) return undefined;
      const atEnd = file.text.length;
      const needsBreak = atEnd > 0 && !/[\r\n]$/.test(file.text);
      return { start: atEnd, end: atEnd, newText: (needsBreak ? eol : '') + indentBlock(0) + eol };
    }
    if (!isMap(doc?.contents) || (doc.contents as { flow?: boolean }).flow) return undefined;
    const firstIndent = indentOf(roots[0].keySpan!.start);
    const lastOfFirstDoc = roots.filter((r) => r.docIndex === roots[0].docIndex).pop()!;
    return appendAfter(file, lastEntryEnd(file, lastOfFirstDoc.path), indentBlock(firstIndent));
  }

  const parent = model.get(parentPath.slice(0, depth))!;
  if (parent.node && !isMap(parent.node)) return undefined;
  if (parent.node && (parent.node as { flow?: boolean }).flow) return undefined;
  const kids = model.children(parent.path);
  if (kids.length === 0 || !kids[0].keySpan) {
    // `parent:` with an empty value: nest under it
    const parentIndent = parent.keySpan ? indentOf(parent.keySpan.start) : 0;
    const anchor = parent.valueSpan?.end ?? parent.keySpan!.end;
    return appendAfter(file, anchor, indentBlock(parentIndent + 2));
  }
  return appendAfter(file, lastEntryEnd(file, parent.path), indentBlock(indentOf(kids[0].keySpan.start)));
}

/** Offset of the end of the last line that belongs to the entry at `path` (nested content included). */
function lastEntryEnd(file: SourceFile, path: string[]): number {
  const ref = file.yaml.get(path)!;
  let end = ref.valueSpan?.end ?? ref.keySpan?.end ?? 0;
  const kids = file.yaml.children(path);
  if (kids.length) end = Math.max(end, lastEntryEnd(file, kids[kids.length - 1].path));
  return end;
}

/** Inserts `text` as new line(s) right after the line holding `offset`. */
function appendAfter(file: SourceFile, offset: number, text: string): TextEdit {
  const li = file.lines;
  const line = li.position(Math.max(0, offset - 1)).line;
  const at = li.lineEnd(line);
  return { start: at, end: at, newText: li.eol + text };
}

/** Deletes the whole line(s) of an entry, line break included. */
export function deleteEntryLines(file: SourceFile, ref: YamlRef): TextEdit {
  const li = file.lines;
  const first = li.position(ref.keySpan?.start ?? ref.valueSpan!.start).line;
  const last = li.position(Math.max(0, lastEntryEnd(file, ref.path) - 1)).line;
  const start = li.lineStart(first);
  const end = last + 1 < li.lineCount ? li.lineStart(last + 1) : li.text.length;
  return { start, end, newText: '' };
}
