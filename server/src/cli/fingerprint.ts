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
import { createHash } from 'crypto';
import { LineIndex } from '../engine/documents/lineIndex';
import { isSecretKey, knownCredential, urlPassword } from '../engine/secrets';
import { Finding } from '../engine/types';

const YAML_KEY = /^\s*(?:-\s+)*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]}][^#]*?)\s*:(?=\s|$)/;
const ENV_KEY = /^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*=/;

/** The part of the finding's line that identifies it, with values masked. */
export function fingerprintText(lines: LineIndex, finding: Finding): string {
  const line = lines.position(finding.span.start).line;
  const text = lines.lineText(line);
  // `key: value` / `KEY=value`: the key alone, whatever part of the line the finding marks
  const key = ENV_KEY.exec(text) ?? YAML_KEY.exec(text);
  if (key) {
    const value = valueText(text.slice(key[0].length));
    const name = key[0].replace(/^\s*(?:-\s+)*(?:export\s+)?/, '').replace(/\s*[:=]$/, '');
    return mayBeSecret(finding.ruleId, name, value) ? key[0].trim() : `${key[0].trim()} ${value}`;
  }
  // a finding anchored on a comment or blank line (e.g. the top of the file for a missing
  // section) is identified by its rule alone: comments above it may change freely
  if (/^\s*(?:#|$)/.test(text)) return '';
  // anything else (list items, flow collections): the line without the marked text and quoted strings
  const start = lines.lineStart(line);
  const a = Math.max(0, finding.span.start - start);
  const b = Math.min(text.length, finding.span.end - start);
  const masked = b > a ? `${text.slice(0, a)}\u2026${text.slice(b)}` : text;
  return masked.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, (q) => `${q[0]}\u2026${q[0]}`).trim();
}

/** The value part of a line after its key: without a trailing comment and surrounding blanks. */
function valueText(rest: string): string {
  return rest.replace(/(^|\s)#.*$/, '').trim();
}

/** Whether a value must stay out of the hash. */
function mayBeSecret(ruleId: string, keyName: string, value: string): boolean {
  const unquoted = value.replace(/^(["'])(.*)\1$/, '$2');
  return (
    ruleId.startsWith('SEC') ||
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
  const order = findings.map((_f, i) => i).sort((i, j) => findings[i].span.start - findings[j].span.start || i - j);
  const out = new Array<string>(findings.length);
  for (const i of order) {
    const f = findings[i];
    const hash = createHash('sha256')
      .update(`${f.ruleId}\0${fingerprintText(lines, f)}`)
      .digest('hex')
      .slice(0, 16);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    out[i] = `${hash}:${n}`;
  }
  return out;
}
