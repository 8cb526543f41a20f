// Where the cursor is in the environment of a deployment file: a compose
// `environment:` entry (list `- NAME=value` or map `NAME: value`), a Kubernetes or
// Helm `env:` item (`name:` / `value:`), or a systemd `Environment=` assignment.
// Read line by line around the cursor, like completion of configs: the file is
// usually incomplete while the user types.
import { SourceFile } from '../sourceFile';
import { Span } from '../types';

export type DeployEnvForm = 'compose-list' | 'compose-map' | 'k8s-name' | 'k8s-value' | 'systemd';

export interface DeployEnvAt {
  form: DeployEnvForm;
  /** The variable's name as written so far (may be empty). */
  name: string;
  nameSpan: Span;
  /** The value's text without its quotes, when the line has a value part. */
  value?: string;
  valueSpan?: Span;
  /** The value is inside quotes (nothing to add around a completed value). */
  quoted: boolean;
  /** The cursor is on the name or on the value. */
  part: 'name' | 'value';
}

const indentOf = (s: string) => /^ */.exec(s)![0].length;
const isBlank = (s: string) => /^\s*(#.*)?$/.test(s);
const ENV_KEY = /^\s*(?:-\s+)?(environment|env):\s*(#.*)?$/;
/** A comment after blanks, from the first blank of its run (a run is not tried once per blank). */
const TRAILING_COMMENT = /(?<!\s)\s+#.*$/;

/** The nearest line above `line` that holds the block `line` is in (its parent key). */
function parentLine(file: SourceFile, line: number): string | undefined {
  const text = file.lines.lineText(line);
  const indent = indentOf(text);
  const isItem = /^\s*-(\s|$)/.test(text);
  for (let l = line - 1; l >= 0; l--) {
    const t = file.lines.lineText(l);
    if (isBlank(t)) continue;
    const i = indentOf(t);
    // a sequence may sit at its key's indentation: `env:` then `- name: …` below it
    if (i < indent || (isItem && i === indent && !/^\s*-(\s|$)/.test(t))) return t;
  }
  return undefined;
}

function unquoted(raw: string, start: number): { text: string; span: Span; quoted: boolean } {
  // blanks are tried from the first of a run only (linear on a value of 100,000 spaces)
  const m = /^(["'])(.*?)(\1)?(?<!\s)\s*(#.*)?$/.exec(raw);
  if (m) return { text: m[2], span: { start: start + 1, end: start + 1 + m[2].length }, quoted: true };
  const bare = raw.replace(TRAILING_COMMENT, '').trimEnd();
  return { text: bare, span: { start, end: start + bare.length }, quoted: false };
}

function composeOrK8s(file: SourceFile, line: number, offset: number): DeployEnvAt | undefined {
  const lineStart = file.lines.lineStart(line);
  const text = file.lines.lineText(line);
  const col = offset - lineStart;
  const parent = parentLine(file, line);
  const parentKey = parent && ENV_KEY.exec(parent)?.[1];

  // `- NAME=value` / `- "NAME=value"` under environment:
  const list = /^(\s*-\s+)(["']?)([A-Za-z0-9_.-]*)(=?)(.*)$/.exec(text);
  if (list && parentKey === 'environment' && !/^[A-Za-z0-9_.-]*\s*:/.test(text.slice(list[1].length))) {
    const nameStart = lineStart + list[1].length + list[2].length;
    const nameSpan = { start: nameStart, end: nameStart + list[3].length };
    if (!list[4]) return { form: 'compose-list', name: list[3], nameSpan, quoted: !!list[2], part: 'name' };
    let raw = list[5].replace(TRAILING_COMMENT, '');
    if (list[2] && raw.endsWith(list[2])) raw = raw.slice(0, -1);
    const valueSpan = { start: nameSpan.end + 1, end: nameSpan.end + 1 + raw.length };
    const part = offset <= nameSpan.end ? 'name' : 'value';
    return { form: 'compose-list', name: list[3], nameSpan, value: raw, valueSpan, quoted: !!list[2], part };
  }

  // Kubernetes/Helm env item: `- name: NAME` or `value: …` below it
  const item = /^(\s*(?:-\s+)?)(name|value):(\s*)(.*)$/.exec(text);
  if (item) {
    const itemLine = item[1].includes('-') ? line : itemStart(file, line);
    if (itemLine !== undefined && ENV_KEY.exec(parentLine(file, itemLine) ?? '')?.[1] === 'env') {
      const at = lineStart + item[1].length + item[2].length + 1 + item[3].length;
      const v = unquoted(item[4], at);
      if (item[2] === 'name') return { form: 'k8s-name', name: v.text, nameSpan: v.span, quoted: v.quoted, part: 'name' };
      const nameLine = nameOfItem(file, itemLine, line);
      if (!nameLine || col < item[1].length + item[2].length + 1) return undefined;
      return { form: 'k8s-value', ...nameLine, value: v.text, valueSpan: v.span, quoted: v.quoted, part: 'value' };
    }
  }

  // `NAME: value` (or a name being typed) under environment:
  const map = /^(\s*)([A-Za-z0-9_.-]*)(:?)(\s*)(.*)$/.exec(text);
  if (map && parentKey === 'environment' && !/^\s*-/.test(text)) {
    const nameStart = lineStart + map[1].length;
    const nameSpan = { start: nameStart, end: nameStart + map[2].length };
    if (!map[3] || offset <= nameSpan.end) return { form: 'compose-map', name: map[2], nameSpan, quoted: false, part: 'name' };
    const v = unquoted(map[5], nameSpan.end + 1 + map[4].length);
    return { form: 'compose-map', name: map[2], nameSpan, value: v.text, valueSpan: v.span, quoted: v.quoted, part: 'value' };
  }
  return undefined;
}

/** The `- ` line that starts the sequence item `line` belongs to. */
function itemStart(file: SourceFile, line: number): number | undefined {
  const indent = indentOf(file.lines.lineText(line));
  for (let l = line - 1; l >= 0; l--) {
    const t = file.lines.lineText(l);
    if (isBlank(t)) continue;
    const i = indentOf(t);
    if (/^\s*-\s/.test(t) && i < indent) return l;
    if (i < indent) return undefined;
  }
  return undefined;
}

/** The `name:` of the env item that starts at `itemLine`, looked for up to `line`. */
function nameOfItem(file: SourceFile, itemLine: number, line: number): { name: string; nameSpan: Span } | undefined {
  for (let l = itemLine; l < Math.min(line + 8, file.lines.lineCount); l++) {
    if (l > itemLine && /^\s*-\s/.test(file.lines.lineText(l))) break;
    const m = /^(\s*(?:-\s+)?name:\s*)(["']?)([A-Za-z0-9_.-]+)/.exec(file.lines.lineText(l));
    if (m) {
      const start = file.lines.lineStart(l) + m[1].length + m[2].length;
      return { name: m[3], nameSpan: { start, end: start + m[3].length } };
    }
  }
  return undefined;
}

/** `Environment=A=1 "B=two words"`: the assignment the cursor is in. */
function systemd(file: SourceFile, line: number, offset: number): DeployEnvAt | undefined {
  const lineStart = file.lines.lineStart(line);
  const text = file.lines.lineText(line);
  const head = /^(\s*Environment\s*=\s*)/.exec(text);
  if (!head) return undefined;
  const col = offset - lineStart;
  let i = head[1].length;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) {
      // after the last assignment: a new name starts at the cursor
      return col === text.length && /\s$|=$/.test(text.slice(0, col))
        ? { form: 'systemd', name: '', nameSpan: { start: offset, end: offset }, quoted: false, part: 'name' }
        : undefined;
    }
    const quote = text[i] === '"' || text[i] === "'" ? text[i] : '';
    let end = quote ? text.indexOf(quote, i + 1) : -1;
    end = quote ? (end < 0 ? text.length : end + 1) : i + /^\S*/.exec(text.slice(i))![0].length;
    if (col >= i && col <= end) {
      const inner = text.slice(i + quote.length, quote && text[end - 1] === quote && end - 1 > i ? end - 1 : end);
      const eq = inner.indexOf('=');
      const nameStart = lineStart + i + quote.length;
      const name = eq < 0 ? inner : inner.slice(0, eq);
      const nameSpan = { start: nameStart, end: nameStart + name.length };
      if (eq < 0 || offset <= nameSpan.end) return { form: 'systemd', name, nameSpan, quoted: !!quote, part: 'name' };
      const value = inner.slice(eq + 1);
      const valueSpan = { start: nameSpan.end + 1, end: nameSpan.end + 1 + value.length };
      return { form: 'systemd', name, nameSpan, value, valueSpan, quoted: !!quote, part: 'value' };
    }
    i = end;
  }
}

/** The environment entry at an offset of a deployment file, or undefined outside one. */
export function deployEnvAt(file: SourceFile, offset: number, systemdFile: boolean): DeployEnvAt | undefined {
  const line = file.lines.position(offset).line;
  const text = file.lines.lineText(line);
  if (/^\s*#/.test(text)) return undefined;
  return systemdFile ? systemd(file, line, offset) : composeOrK8s(file, line, offset);
}
