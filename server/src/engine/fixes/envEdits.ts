// Minimal edits on .env files: change a value, drop an entry, append one.
import { EnvEntry, hasBracedRef } from '../documents/envModel';
import { lineBreakOf } from '../documents/lineIndex';
import { SourceFile } from '../sourceFile';
import { FileEdit, TextEdit } from '../types';

/** Quotes a value only when dotenv would otherwise read it differently. */
export function envValueText(value: string): string {
  if (value === '' || /^[A-Za-z0-9_./:@%+,=-]+$/.test(value)) return value;
  if (!value.includes("'") && !value.includes('\n')) return `'${value}'`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * Whether a fix may overwrite this entry's value: not one built from `${VAR}`
 * references (dotenv expands them outside single quotes), whose value is set where
 * the referenced variable is. The same policy as `isEditable` for YAML.
 */
export function isEnvValueEditable(entry: EnvEntry): boolean {
  return entry.quote === "'" || !(hasBracedRef(entry.value) || /\$[A-Za-z_]/.test(entry.value));
}

/** Replaces an entry's value, keeping its quote style when it has one; undefined when `isEnvValueEditable` says no. */
export function setEnvValue(entry: EnvEntry, value: string): TextEdit | undefined {
  if (!isEnvValueEditable(entry)) return undefined;
  const q = entry.quote;
  const text = q === "'" && !value.includes("'") ? `'${value}'` : q === '"' ? JSON.stringify(value) : envValueText(value);
  return { ...entry.valueSpan, newText: text };
}

/** Removes an entry's whole line(s), line break included. */
export function removeEnvEntry(file: SourceFile, entry: EnvEntry): TextEdit {
  const li = file.lines;
  const endLine = li.position(entry.lineSpan.end).line;
  const end = endLine + 1 < li.lineCount ? li.lineStart(endLine + 1) : file.text.length;
  return { start: li.lineStart(entry.line), end, newText: '' };
}

/** Appends `KEY=value` at the end of a file (text may be '' for a new file). */
export function appendEnvEntry(text: string, key: string, value: string, comment?: string): TextEdit {
  const eol = lineBreakOf(text);
  const lead = text.length > 0 && !/[\r\n]$/.test(text) ? eol : '';
  const lines = (comment ? `# ${comment}${eol}` : '') + `${key}=${envValueText(value)}${eol}`;
  return { start: text.length, end: text.length, newText: lead + lines };
}

/**
 * The edits that change one environment's variables, in the syntax of the file that
 * sets them: a .env here, a deployment file's own syntax for a service (deploy/envEdits.ts).
 * Undefined: this entry cannot be changed from the file being analyzed (it is set in
 * another file, through `${VAR}`, or the value would be a secret written into a manifest).
 */
export interface EnvEdits {
  /** The tool that starts the service these variables belong to; undefined for a .env read alone. */
  readonly tool?: 'compose' | 'kubernetes' | 'helm' | 'systemd';
  set(entry: EnvEntry, value: string): TextEdit | FileEdit | undefined;
  remove(entry: EnvEntry): TextEdit | FileEdit | undefined;
  rename(entry: EnvEntry, name: string): TextEdit | FileEdit | undefined;
  /** Defines a variable that is missing. */
  add(name: string, value: string): TextEdit | FileEdit | undefined;
}

/** The edits of a .env file's own entries. */
export function dotenvEdits(file: SourceFile): EnvEdits {
  return {
    set: (e, value) => setEnvValue(e, value),
    remove: (e) => removeEnvEntry(file, e),
    rename: (e, name) => ({ ...e.keySpan, newText: name }),
    add: (name, value) => appendEnvEntry(file.text, name, value),
  };
}
