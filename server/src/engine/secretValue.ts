// The one masking rule for every output (messages, hover, completion, outline, CLI
// formats, diffs, logs): a value is secret when the env catalog or its key's name
// says so, or when its shape does (a known credential format, a URL with a password,
// a long random-looking string). A secret is shown only as maskSecret shows it.
import { EnvModel, findVarRefs } from './documents/envModel';
import { isSecretVar } from './envCatalog';
import { maskSecret } from './mask';
import { entropy, isTemplated, knownCredential, urlPassword } from './secrets';
import { Span } from './types';

// a UUID names a device or an object (`MIG-4f6c1a2e-…`): an identifier, not a secret
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Random-looking: 16+ characters of a token alphabet, mixed case and digits, or 32+ hex digits. */
function looksRandom(token: string): boolean {
  if (UUID.test(token)) return false;
  if (/^[0-9a-f]{32,}$/i.test(token)) return true;
  if (!/^[A-Za-z0-9+/=_.~-]{16,}$/.test(token)) return false;
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token) || !/\d/.test(token)) return false;
  return entropy(token) >= 3.5;
}

/** A value whose shape alone makes it a secret. */
export function looksSecret(value: string): boolean {
  const v = value.trim();
  if (v === '' || isTemplated(v)) return false;
  if (knownCredential(v) || urlPassword(v)) return true;
  return v.split(/[\s"'`,;()[\]{}<>]+/).some(looksRandom);
}

/**
 * Whether a value may not be shown: its variable or key is a secret (catalog, then
 * name), a variable it was substituted from is, or its shape says so.
 */
export function isSecretValue(value: string, names: readonly string[] = []): boolean {
  if (value.trim() === '' || isTemplated(value)) return false;
  if (names.some((n) => n && isSecretVar(n))) return true;
  return looksSecret(value);
}

/** The names of the variables a raw value refers to (`${A}-$B` → A, B). */
export function referencedNames(raw: unknown): string[] {
  return typeof raw === 'string' ? findVarRefs(raw).map((r) => r.name) : [];
}

/** A value as a detail line shows it: masked when secret, else shortened to `max` characters. */
export function detailValue(value: string, names: readonly string[] = [], max = 40): string {
  if (isSecretValue(value, names)) return maskSecret(value);
  const oneLine = value.replace(/\r?\n/g, '⏎');
  return oneLine.length > max ? `${oneLine.slice(0, max - 3)}…` : oneLine;
}

/** Value spans of the secret entries of a .env text. */
function envSecretSpans(text: string): Span[] {
  return new EnvModel(text).entries.filter((e) => isSecretValue(e.value, [e.key])).map((e) => e.valueSpan);
}

/** `key: value` / `- value` / `KEY=value` lines whose value is secret, line by line (any other text). */
function lineSecretSpans(text: string): Span[] {
  const out: Span[] = [];
  // the value is the line up to its last non-blank: a lazy value before `[ \t]*` re-read a run of blanks from each of them
  const re =
    /^([ \t]*(?:-[ \t]+)?(?:export[ \t]+)?(?:["']?([\w.-]+)["']?[ \t]*[:=][ \t]*)?)(.*[^ \t\r\n\u2028\u2029]|)[ \t]*\r?$/gm;
  let inPem = false;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '' && re.lastIndex === m.index) re.lastIndex++;
    const value = m[3];
    const start = m.index + m[1].length;
    const pemStart = /-----BEGIN [A-Z ]*PRIVATE KEY/.test(value);
    if (pemStart || inPem) out.push({ start, end: start + value.length });
    else if (value && isSecretValue(value, m[2] ? [m[2]] : [])) out.push({ start, end: start + value.length });
    if (pemStart) inPem = true;
    if (/-----END [A-Z ]*PRIVATE KEY/.test(value)) inPem = false;
  }
  return out;
}

/**
 * A text with every secret value replaced by its mask, for outputs that quote
 * whole lines (the `--fix-dry-run` diff). A .env is read as dotenv reads it, so a
 * multi-line value is masked as a whole; other text line by line.
 */
export function maskSecretsInText(text: string, isEnv: boolean): string {
  const spans = [...(isEnv ? envSecretSpans(text) : []), ...lineSecretSpans(text)].sort((a, b) => a.start - b.start);
  // overlapping spans (a .env value seen both ways) are masked as one
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  let out = '';
  let at = 0;
  for (const s of merged) {
    const secret = text.slice(s.start, s.end);
    // a multi-line value keeps its line count, so the diff keeps its shape
    const breaks = secret.match(/\r?\n/g) ?? [];
    out += text.slice(at, s.start) + maskSecret(secret.replace(/\r?\n/g, '')) + breaks.join('');
    at = s.end;
  }
  return out + text.slice(at);
}

/** Free text (a log line, an error's message or stack) with every secret-shaped word masked. */
export function maskSecretsInLog(text: string): string {
  return text.replace(/[^\s"'`,;()[\]{}<>]+/g, (word) => (looksSecret(word) ? maskSecret(word) : word));
}
