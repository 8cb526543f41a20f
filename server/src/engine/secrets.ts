// Secret detection shared by the SEC and ENV rules: which key names hold secrets,
// which values are placeholders, which are weak, and known credential formats.
import { detached } from './detached';

// A secret word anywhere in a name is too loose for real ThemisDB files
// (`auth_method: token`, `client_auth`, `pin_l0_filter_and_index_blocks_in_cache`):
// the name must end in the secret noun.
const SECRET_WORD =
  /(?:^|[_.-])(?:password|passwd|pwd|pin|token|secret|api_?key|apikey|private_?key|passphrase|credentials?|webhook(?:_url)?|hec_token|access_key|secret_key|client_secret|bearer|auth)(?:$|[_.-])/i;
const SECRET_NOUNS = new Set([
  'password',
  'passwd',
  'pwd',
  'pin',
  'token',
  'secret',
  'apikey',
  'passphrase',
  'credential',
  'credentials',
  'webhook',
  'bearer',
]);
const SECRET_PAIRS = new Set(['api key', 'private key', 'access key', 'secret key', 'webhook url', 'client secret', 'secret id']);

// The rules ask about the same few names many times per file: answers are kept by name.
const secretKeys = new Map<string, boolean>();
const MAX_NAMES = 10_000;

/** A key or variable name whose value is a secret (`password`, `hec_token`, `pkcs11.pin`, `secret_id`, `THEMIS_TOKEN_ADMIN`). */
export function isSecretKey(name: string): boolean {
  let answer = secretKeys.get(name);
  if (answer === undefined) {
    if (secretKeys.size >= MAX_NAMES) secretKeys.clear();
    secretKeys.set(detached(name), (answer = secretKeyByWords(name)));
  }
  return answer;
}

function secretKeyByWords(name: string): boolean {
  const words = name
    .toLowerCase()
    .split(/[_.-]+/)
    .filter(Boolean);
  const pair = words.slice(-2).join(' ');
  if (pair === 'secret id') return true; // Vault AppRole SecretID
  if (!SECRET_WORD.test(name)) return false;
  return SECRET_NOUNS.has(words[words.length - 1] ?? '') || SECRET_PAIRS.has(pair);
}

/** `${X}`, `$X`, `<x>`, `{{x}}`, `%X%`, empty, `***`: not a literal secret. */
export function isTemplated(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^\$\{[^}]+\}$|^\$[A-Za-z_]\w*$|^<[^>]*>$|^\{\{.*\}\}$|^%[A-Za-z_]\w*%$|^\*+$|^(?:null|none|~|redacted|REDACTED)$/.test(v)
  );
}

const WEAK_WORDS = new Set([
  'changeme',
  'change-me',
  'change_me',
  'changeit',
  'password',
  'passw0rd',
  'admin',
  'secret',
  'root',
  'default',
  'test',
  'example',
  'xxx',
  'xxxx',
  'xxxxxx',
  '123456',
  '12345678',
  'qwerty',
  'letmein',
  'token',
  'mytoken',
  'your-token',
  'your_token',
  'replace-me',
  'replace_me',
  'todo',
  'tbd',
  'dummy',
  'foobar',
  'demo',
  'pin',
  '1234',
  '0000',
  'themis',
  'themisdb',
]);

/** A well-known placeholder or weak word (`changeme`, `<strong-secret>`, `xxx`, `123456`). */
export function isPlaceholderOrWeakWord(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (WEAK_WORDS.has(v)) return true;
  if (/^<.*>$/.test(v) || /^x+$/.test(v) || /^(.)\1+$/.test(v)) return true;
  return /^(?:change[-_]?me|replace[-_]?me|your[-_].*|insert[-_].*|put[-_].*here)/.test(v);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Too regular to be random for its length and alphabet. A random string of n
 * characters over k symbols shows k(1-(1-1/k)^n) distinct characters on average;
 * fewer than half of that, or a Shannon entropy below 0.35 of log2(min(n, k)),
 * is not random (over 50,000 random strings per length, the 0.1 % quantile is
 * 0.43 or more from 8 characters on; false positives stay at or below 0.07 %).
 * detect-secrets' 4.5 (base64) and 3.0 (hex) bits per character are detection
 * thresholds that short strings cannot reach, so they are not used here.
 * Repeated units and runs (`abcd…`, `1234…`, keyboard rows) are weak too.
 */
export function isTooRegular(v: string): boolean {
  const n = v.length;
  const k = /^\d+$/.test(v)
    ? 10
    : /^[0-9a-f]+$/i.test(v)
      ? 16
      : /^[a-z]+$/.test(v) || /^[A-Z]+$/.test(v)
        ? 26
        : /^[A-Za-z0-9]+$/.test(v)
          ? 62
          : 94;
  const expected = k * (1 - Math.pow(1 - 1 / k, n));
  if (new Set(v).size < expected / 2) return true;
  if (entropy(v) < 0.35 * Math.log2(Math.min(n, k))) return true;
  if (isRepetition(v)) return true;
  return isRun(v);
}

/**
 * A unit written twice or more (`abcabc`), what `/^(.+?)\1+$/s` tests, in linear time: the
 * shortest period from the prefix function (KMP), which must divide the length.
 */
function isRepetition(v: string): boolean {
  const border = new Array<number>(v.length).fill(0);
  for (let i = 1, k = 0; i < v.length; i++) {
    while (k > 0 && v[i] !== v[k]) k = border[k - 1];
    if (v[i] === v[k]) k++;
    border[i] = k;
  }
  const period = v.length - (border[v.length - 1] ?? 0);
  return period < v.length && v.length % period === 0;
}

/** Consecutive characters with a constant step (`abcdefgh`, `98765432`) or a keyboard row. */
function isRun(v: string): boolean {
  const s = v.toLowerCase();
  if (['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'].some((row) => row.includes(s))) return true;
  const step = s.charCodeAt(1) - s.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== step) return false;
  return true;
}

export interface CredentialFormat {
  name: string;
  re: RegExp;
  /** Text every match holds: `re` runs only on values that hold it (a pattern without a literal start is slow to search). */
  holds?: string;
}

// Formats that are credentials wherever they appear.
export const CREDENTIAL_FORMATS: CredentialFormat[] = [
  { name: 'private key (PEM)', re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/ },
  { name: 'AWS access key ID', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b/ },
  { name: 'Slack token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'Slack webhook URL', re: /hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/ },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'Stripe live key', re: /\b(?:sk|rk)_live_[0-9A-Za-z]{16,}\b/ },
  // `\beyJ[A-Za-z0-9_-]{8,}\.eyJ…\b`, tried once per run of token characters (from each `eyJ`
  // of a run, the run was read again: 5 s on 100 KB of `eyJ-`)
  {
    name: 'JSON Web Token',
    holds: '.eyJ',
    re: /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b)(?:[A-Za-z0-9_-]*-)?eyJ[A-Za-z0-9_-]{8}/,
  },
];

export function knownCredential(value: string): CredentialFormat | undefined {
  return CREDENTIAL_FORMATS.find((f) => (!f.holds || value.includes(f.holds)) && f.re.test(value));
}

const USER_PASSWORD = /([^:/@\s]+):([^@/\s]+)@/y;
const isSchemeChar = (c: string) => /[a-z0-9+.-]/i.test(c);

/**
 * `scheme://user:password@host`: the password and its offset in `value`, or undefined. The
 * first `://` after a scheme (a letter at a word boundary, then letters, digits, `+`, `.`, `-`)
 * with `user:password@` behind it, as `\b[a-z][a-z0-9+.-]*:\/\/…` finds it; found from each
 * `://` instead, so a value of 100,000 `a.` is not re-read from each of its word starts.
 */
export function urlPassword(value: string): { user: string; password: string; index: number } | undefined {
  for (let at = value.indexOf('://'); at >= 0; at = value.indexOf('://', at + 1)) {
    let start = at;
    while (start > 0 && isSchemeChar(value[start - 1])) start--;
    while (start < at && !(/[a-z]/i.test(value[start]) && (start === 0 || !/\w/.test(value[start - 1])))) start++;
    if (start === at) continue;
    USER_PASSWORD.lastIndex = at + 3;
    const m = USER_PASSWORD.exec(value);
    if (!m) continue;
    if (isTemplated(m[2])) return undefined;
    return { user: m[1], password: m[2], index: at + 3 + m[1].length + 1 };
  }
  return undefined;
}
