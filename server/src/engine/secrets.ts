// Secret detection shared by the SEC and ENV rules: which key names hold secrets,
// which values are placeholders, which are weak, and known credential formats.

/** Key names that hold secrets (password, api_key, hec_token, pkcs11.pin, …). */
const SECRET_KEY = /(?:^|[_.-])(?:password|passwd|pwd|pin|token|secret|api_?key|apikey|private_?key|passphrase|credentials?|webhook(?:_url)?|hec_token|access_key|secret_key|client_secret|bearer|auth)(?:$|[_.-])/i;
/** Names that contain a secret word but hold no secret (paths, ids, sizes, switches). */
const NOT_SECRET_KEY = /(?:_path|_file|_dir|_url_path|_id|_name|_label|_header|_type|_mode|_enabled|_enable|_ttl|_length|_size|_interval|_days|_rotation|_policy|_algorithm|_slot|_pool|_count|_expiry|_timeout|_limit|_secs|_seconds)$|^(?:enable|require|use|verify)_/i;

export function isSecretKey(name: string): boolean {
  return SECRET_KEY.test(name) && !NOT_SECRET_KEY.test(name);
}

/** `${X}`, `$X`, `<x>`, `{{x}}`, `%X%`, empty, `***`: not a literal secret. */
export function isTemplated(value: string): boolean {
  const v = value.trim();
  return v === '' || /^\$\{[^}]+\}$|^\$[A-Za-z_]\w*$|^<[^>]*>$|^\{\{.*\}\}$|^%[A-Za-z_]\w*%$|^\*+$|^(?:null|none|~|redacted|REDACTED)$/.test(v);
}

const WEAK_WORDS = new Set([
  'changeme', 'change-me', 'change_me', 'changeit', 'password', 'passw0rd', 'admin', 'secret', 'root', 'default', 'test',
  'example', 'xxx', 'xxxx', 'xxxxxx', '123456', '12345678', 'qwerty', 'letmein', 'token', 'mytoken', 'your-token', 'your_token',
  'replace-me', 'replace_me', 'todo', 'tbd', 'dummy', 'foobar', 'demo', 'pin', '1234', '0000', 'themis', 'themisdb',
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
 * Low entropy for its length: a secret that an attacker can guess.
 * Thresholds follow detect-secrets (base64 4.5, hex 3.0 bits per character) but
 * scaled down for short strings, whose entropy cannot reach those values.
 */
export function isLowEntropy(value: string): boolean {
  const v = value.trim();
  if (v.length < 8) return true;
  const hex = /^[0-9a-f]+$/i.test(v);
  const max = Math.log2(Math.min(v.length, hex ? 16 : 64));
  const ratio = entropy(v) / max;
  return ratio < (hex ? 0.7 : 0.6) || isSequential(v);
}

function isSequential(v: string): boolean {
  const s = v.toLowerCase();
  return ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop'].some((seq) => seq.includes(s) && s.length >= 6);
}

/** A weak secret: placeholder word or low entropy. */
export function isWeakSecret(value: string): boolean {
  return isPlaceholderOrWeakWord(value) || isLowEntropy(value);
}

export interface CredentialFormat {
  name: string;
  re: RegExp;
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
  { name: 'JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/ },
];

export function knownCredential(value: string): CredentialFormat | undefined {
  return CREDENTIAL_FORMATS.find((f) => f.re.test(value));
}

/** `scheme://user:password@host`: the password and its offset in `value`, or undefined. */
export function urlPassword(value: string): { user: string; password: string; index: number } | undefined {
  const m = /\b[a-z][a-z0-9+.-]*:\/\/([^:\/@\s]+):([^@\/\s]+)@/i.exec(value);
  if (!m || isTemplated(m[2])) return undefined;
  return { user: m[1], password: m[2], index: m.index + m[0].indexOf('//') + 2 + m[1].length + 1 };
}
