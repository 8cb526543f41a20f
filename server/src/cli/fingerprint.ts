// Line fingerprints of findings, shared by SARIF (partialFingerprints["themisdb/v1"]), baselines
// and the language server's baseline filter. A fingerprint depends on the rule, the text of the
// finding's line and how many earlier findings of the same rule sit on lines with the same
// text -- never on the line number, so findings keep their fingerprint when lines above are
// added or removed.
//
// The value of a `key: value` / `KEY=value` line is part of it, so a baselined `"1.2"` that
// becomes `"1.0"` is a new finding -- except where the value may be a secret (a secret key, a
// SEC rule, a flow collection, a URL with a password, a known credential format): a weak password is exactly
// what a dictionary attack on a short hash recovers, and SARIF files and baselines are
// uploaded and committed. Those lines are identified by their key alone.
//
// On a line over 1,000 characters, a value counts by its digest and a line without a key by the
// 500 characters on each side of the finding: a long line with many findings is read once.
import { createHash } from 'crypto';
import { LineIndex } from '../engine/documents/lineIndex';
import { isSecretKey, knownCredential, urlPassword } from '../engine/secrets';
import { Finding } from '../engine/types';

// A key never starts with `- ` (that is a sequence dash) and a plain key ends in a non-blank: each
// dash and each run of blanks is tried once, so a line of 100,000 `- ` or blanks is read in linear time.
const YAML_KEY = /^\s*(?:-\s+)*(?!-\s)(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]}](?:[^#]*?[^\s#])??)\s*:(?=\s|$)/;
const ENV_KEY = /^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*=/;

/** A `key: value` / `KEY=value` line, read once however many findings sit on it. */
interface KeyLine {
  key: string;
  value: string;
  /** The value may be a secret whatever the rule (SEC rules never hash it). */
  secret: boolean;
}

/** Around the marked text, the part of a long line that identifies a finding on it: a line of 300 KB with a thousand findings is not scanned a thousand times. */
const LINE_WINDOW = 500;

/**
 * The part of the finding's line that identifies it, with values masked. `keyLines`: what is
 * known of the file's key lines so far, by line number (fingerprints() shares it for one file).
 */
export function fingerprintText(lines: LineIndex, finding: Finding, keyLines = new Map<number, KeyLine | null>()): string {
  const line = lines.position(finding.span.start).line;
  const whole = lines.lineText(line);
  if (!keyLines.has(line)) keyLines.set(line, keyLineOf(whole));
  const keyLine = keyLines.get(line);
  // `key: value` / `KEY=value`: the key alone, whatever part of the line the finding marks
  if (keyLine) return keyLine.secret || finding.ruleId.startsWith('SEC') ? keyLine.key : `${keyLine.key} ${keyLine.value}`;
  let text = whole;
  // a finding anchored on a comment or blank line (e.g. the top of the file for a missing
  // section) is identified by its rule alone: comments above it may change freely
  if (/^\s*(?:#|$)/.test(text)) return '';
  // anything else (list items, flow collections): the line without the marked text and quoted strings
  const start = lines.lineStart(line);
  let a = Math.max(0, finding.span.start - start);
  let b = Math.min(text.length, finding.span.end - start);
  if (text.length > 2 * LINE_WINDOW) {
    const from = Math.max(0, a - LINE_WINDOW);
    text = text.slice(from, Math.min(text.length, b + LINE_WINDOW));
    [a, b] = [a - from, Math.min(text.length, b - from)];
  }
  const masked = b > a ? `${text.slice(0, a)}\u2026${text.slice(b)}` : text;
  return masked.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, (q) => `${q[0]}\u2026${q[0]}`).trim();
}

function keyLineOf(text: string): KeyLine | null {
  const key = ENV_KEY.exec(text) ?? YAML_KEY.exec(text);
  if (!key) return null;
  const written = valueText(text.slice(key[0].length));
  const name = key[0].replace(/^\s*(?:-\s+)*(?:export\s+)?/, '').replace(/(?<!\s)\s*[:=]$/, ''); // from a run's first blank only
  // a long value stands in by its digest, taken once: each finding on the line hashes a short text
  const value = written.length > 2 * LINE_WINDOW ? `#${createHash('sha256').update(written).digest('hex')}` : written;
  return { key: key[0].trim(), value, secret: mayBeSecret(name, written) };
}

/** The value part of a line after its key: without a trailing comment and surrounding blanks. */
function valueText(rest: string): string {
  return rest.replace(/(^|\s)#.*$/, '').trim();
}

/** Whether a value must stay out of the hash (whatever the rule). */
function mayBeSecret(keyName: string, value: string): boolean {
  const unquoted = value.replace(/^(["'])(.*)\1$/, '$2');
  return (
    /^[{[]/.test(value) || // a flow collection may hold a secret key of its own
    isSecretKey(keyName.replace(/^["']|["']$/g, '')) ||
    !!urlPassword(unquoted) ||
    !!knownCredential(unquoted)
  );
}

/**
 * Fingerprints of one file's findings, in the order given: `<16 hex digits>:<n>`, where n
 * counts findings of the same rule on lines with the same (masked) text, from 1.
 */
export function fingerprints(lines: LineIndex, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  const keyLines = new Map<number, KeyLine | null>();
  const order = findings.map((_f, i) => i).sort((i, j) => findings[i].span.start - findings[j].span.start || i - j);
  const out = new Array<string>(findings.length);
  for (const i of order) {
    const f = findings[i];
    const hash = createHash('sha256')
      .update(`${f.ruleId}\0${fingerprintText(lines, f, keyLines)}`)
      .digest('hex')
      .slice(0, 16);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    out[i] = `${hash}:${n}`;
  }
  return out;
}
