// ENV — posture of the ThemisDB server environment (.env family files).
// Facts: reference/env_vars.tsv and the research report (section b), through the
// catalog schemas/themisdb-env.json. Values are compared the way the server
// compares them: exact, case-sensitive strings (ProductionMode::isEnabled takes
// 1/true/True/TRUE/yes/Yes/on/On; THEMIS_PII_STRICT and THEMIS_HSM_ENABLED only "1").
import { randomBytes } from 'node:crypto';
import * as path from 'path';
import { ENV_PATTERNS, ENV_VARS, VarInfo, VarStatus } from '../envCatalog';
import { EnvEntry, expandVars, findVarRefs } from '../documents/envModel';
import { asBool, isSeqRef } from '../documents/yamlModel';
import { isEnvTemplate } from '../fileKinds';
import { appendEnvEntry, removeEnvEntry, setEnvValue } from '../fixes/envEdits';
import { maskSecret } from '../mask';
import { isPlaceholderOrWeakWord, isTooRegular } from '../secrets';
import { Fix, FixKind, Span, TextEdit } from '../types';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';

// ---------------------------------------------------------------------------
// Catalog
// ---------------------------------------------------------------------------

const VARS = ENV_VARS;
const PATTERNS = ENV_PATTERNS;
/** Names the server reads: the only sensible rename targets. */
const EFFECTIVE_NAMES = [...VARS.entries()].filter(([, v]) => v.status === 'code').map(([k]) => k);

function info(name: string): VarInfo | undefined {
  return VARS.get(name);
}

// ---------------------------------------------------------------------------
// Values as the server reads them
// ---------------------------------------------------------------------------

/** ProductionMode::isEnabled (include/core/production_mode.h): exact, case-sensitive. */
const PRODUCTION_MODE_ON = new Set(['1', 'true', 'True', 'TRUE', 'yes', 'Yes', 'on', 'On']);
const ENVIRONMENT_PRODUCTION = new Set(['production', 'prod']);
/** What a person writes when they mean "on" / "off" (any case). */
const INTENT_ON = /^(?:1|y|yes|t|true|on|enable|enabled|production|prod)$/i;
const INTENT_OFF = /^(?:0|n|no|f|false|off|disable|disabled|none)$/i;

function acceptedOn(name: string): string[] {
  return info(name)?.accepted ?? [];
}

/** The value written for a flag the user clearly wants on, in a spelling the server ignores. */
function misspelledOn(name: string, value: string | undefined): boolean {
  if (value === undefined || acceptedOn(name).includes(value)) return false;
  return INTENT_ON.test(value.trim());
}

/** A value that turns a flag on, as the server reads it (empty or unknown: no). */
function flagOn(name: string, value: string | undefined): boolean {
  return value !== undefined && acceptedOn(name).includes(value);
}

/** A switch a person meant to turn on (any usual spelling, any case). */
function looksOn(value: string | undefined): boolean {
  return value !== undefined && INTENT_ON.test(value.trim());
}

function looksOff(value: string | undefined): boolean {
  return value !== undefined && INTENT_OFF.test(value.trim());
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function entry(ctx: RuleContext, key: string): EnvEntry | undefined {
  return ctx.file.env.get(key);
}

function entriesOf(ctx: RuleContext, key: string): EnvEntry[] {
  return ctx.file.env.entries.filter((e) => e.key === key);
}

/**
 * The value the server sees: `${VAR}` references expanded from this file or the
 * workspace's .env files (dotenv-expand); undefined when a reference is unknown.
 */
function valueOf(ctx: RuleContext, e: EnvEntry | undefined): string | undefined {
  if (!e) return undefined;
  if (e.quote === "'" || !e.value.includes('$')) return e.value;
  const refs = findVarRefs(e.value);
  const lookup = (name: string): string | undefined => {
    const local = ctx.file.env.get(name);
    if (local && local !== e) return local.value;
    return ctx.workspace.lookupVar(name, ctx.file.path)?.entry.value;
  };
  if (refs.some((r) => r.fallback === undefined && lookup(r.name) === undefined)) return undefined;
  return expandVars(e.value, lookup);
}

/** Whether production mode is on, as ProductionMode::isEnabled decides. */
function productionOn(ctx: RuleContext): boolean {
  const pm = valueOf(ctx, entry(ctx, 'THEMIS_PRODUCTION_MODE'));
  const env = valueOf(ctx, entry(ctx, 'THEMIS_ENVIRONMENT'));
  return (pm !== undefined && PRODUCTION_MODE_ON.has(pm)) || (env !== undefined && ENVIRONMENT_PRODUCTION.has(env));
}

/** Where to report a variable that is missing: the key of the first entry (0..0 in an empty file). */
function absentSpan(ctx: RuleContext): Span {
  const first = ctx.file.env.entries[0];
  return first ? first.keySpan : { start: 0, end: 0 };
}

/** The value, or the key when the value is empty. */
function valueSpan(e: EnvEntry): Span {
  return e.valueSpan.end > e.valueSpan.start ? e.valueSpan : e.keySpan;
}

function lineOf(ctx: RuleContext, e: EnvEntry): number {
  return ctx.file.lines.position(e.keySpan.start).line + 1;
}

function fix(ctx: RuleContext, title: string, kind: FixKind, edits: TextEdit[], note?: string): Fix[] {
  return edits.length ? [{ title, kind, changes: [{ path: ctx.file.path, edits }], ...(note ? { note } : {}) }] : [];
}

function provideFix(ctx: RuleContext, name: string, value: string, kind: FixKind, keepValue?: (v: string) => boolean, note?: string, shown = value): Fix[] {
  const p = provide(ctx, name, value, keepValue, shown);
  return fix(ctx, p.title, kind, p.edits, note);
}

function removeAll(ctx: RuleContext, key: string): TextEdit[] {
  return entriesOf(ctx, key).map((e) => removeEnvEntry(ctx.file, e));
}

/** A variable with no value (or only blanks) is unset as far as the server's checks go. */
function isEmpty(value: string | undefined): boolean {
  return value !== undefined && value.trim() === '';
}

function unknownThemisName(name: string): boolean {
  return /^THEMIS_/i.test(name) && !info(name) && !info(name.toUpperCase()) && !PATTERNS.some((p) => p.re.test(name));
}

/**
 * Whether this file is (part of) the server's environment. A compose-only .env
 * (ports and image settings the server never reads) or a file of unrelated
 * variables is not, and the "missing variable" rules stay quiet there.
 */
function configuresServer(ctx: RuleContext): boolean {
  const entries = ctx.file.env.entries;
  if (entries.length === 0) return true;
  return entries.some((e) => info(e.key)?.status === 'code' || unknownThemisName(e.key));
}

/**
 * The variable a misspelled name was meant to be: the upper-case form of a known
 * name written in another case, or the one name the server reads within edit
 * distance 2 of an unknown THEMIS_* name.
 */
function renameTarget(key: string): string | undefined {
  const upper = key.toUpperCase();
  if (upper !== key && info(upper)) return upper;
  if (!unknownThemisName(key)) return undefined;
  if (!renameCache.has(key)) {
    const near = closest(upper, EFFECTIVE_NAMES);
    if (renameCache.size > 1000) renameCache.clear();
    renameCache.set(key, near.distance <= 2 && near.names.length === 1 ? near.names[0] : undefined);
  }
  return renameCache.get(key);
}

const renameCache = new Map<string, string | undefined>();

/** The (last) entry of this file whose name is a misspelling of `name`. */
function typoOf(ctx: RuleContext, name: string): EnvEntry | undefined {
  const hits = ctx.file.env.entries.filter((e) => renameTarget(e.key) === name);
  return hits[hits.length - 1];
}

function typoNote(ctx: RuleContext, name: string): string {
  const t = typoOf(ctx, name);
  return t ? ` (${t.key} on line ${lineOf(ctx, t)} looks like a misspelling of it)` : '';
}

/**
 * Edits that give `name` the value `value`: set it where it is defined, rename a
 * misspelled definition of it (setting the value too), or append it.
 */
function provide(ctx: RuleContext, name: string, value: string, keepValue?: (v: string) => boolean, shown = value): { title: string; edits: TextEdit[] } {
  const e = entry(ctx, name);
  if (e) return { title: `Set ${name} to ${shown}`, edits: [setEnvValue(e, value)] };
  const t = typoOf(ctx, name);
  if (t) {
    const v = valueOf(ctx, t);
    const keep = v !== undefined && (keepValue ? keepValue(v) : v === value);
    return { title: `Rename ${t.key} to ${name}${keep ? '' : ` and set it to ${shown}`}`, edits: [{ ...t.keySpan, newText: name }, ...(keep ? [] : [setEnvValue(t, value)])] };
  }
  return { title: `Add ${name}=${shown}`, edits: [appendEnvEntry(ctx.file.text, name, value)] };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = [];
  for (let i = 0; i <= m; i++) d.push([i, ...new Array<number>(n).fill(0)]);
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/** The closest names to `name` among `candidates` (all at the same, smallest distance). */
function closest(name: string, candidates: readonly string[]): { names: string[]; distance: number } {
  let best = Infinity;
  let names: string[] = [];
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < best) {
      best = d;
      names = [c];
    } else if (d === best) names.push(c);
  }
  return { names, distance: best };
}

// ---------------------------------------------------------------------------
// ENV001 production-mode-off
// ---------------------------------------------------------------------------

const env001 = defineRule('ENV001', (ctx) => {
  const e = entry(ctx, 'THEMIS_PRODUCTION_MODE');
  if (!e) {
    if (!configuresServer(ctx)) return;
    const envNote = ENVIRONMENT_PRODUCTION.has(valueOf(ctx, entry(ctx, 'THEMIS_ENVIRONMENT')) ?? '')
      ? ' THEMIS_ENVIRONMENT alone is not enough: older checks (the HSM provider among them) look only at THEMIS_PRODUCTION_MODE.'
      : ' Without it the server starts in development mode and tolerates the stub HSM, mock keys and an unauthenticated admin API.';
    ctx.report({
      span: absentSpan(ctx),
      message: `THEMIS_PRODUCTION_MODE is not set${typoNote(ctx, 'THEMIS_PRODUCTION_MODE')}.${envNote} Set it to 1.`,
      fixes: provideFix(ctx, 'THEMIS_PRODUCTION_MODE', '1', 'fix', (v) => PRODUCTION_MODE_ON.has(v)),
    });
    return;
  }
  const v = valueOf(ctx, e);
  if (v === undefined || PRODUCTION_MODE_ON.has(v)) return;
  if (misspelledOn('THEMIS_PRODUCTION_MODE', v)) return; // ENV016 explains the spelling
  const shown = isEmpty(v) ? 'empty' : `"${v}"`;
  ctx.report({
    span: valueSpan(e),
    message: `THEMIS_PRODUCTION_MODE is ${shown}, so the server runs in development mode and its fail-closed production checks are off. Set it to 1.`,
    fixes: fix(ctx, 'Set THEMIS_PRODUCTION_MODE to 1', 'fix', [setEnvValue(e, '1')]),
  });
});

// ---------------------------------------------------------------------------
// ENV002 environment-mismatch
// ---------------------------------------------------------------------------

const env002 = defineRule('ENV002', (ctx) => {
  const pmEntry = entry(ctx, 'THEMIS_PRODUCTION_MODE');
  const envEntry = entry(ctx, 'THEMIS_ENVIRONMENT');
  const pm = valueOf(ctx, pmEntry);
  const env = valueOf(ctx, envEntry);
  const pmOn = pm !== undefined && PRODUCTION_MODE_ON.has(pm);
  const envProd = env !== undefined && ENVIRONMENT_PRODUCTION.has(env);
  if (pmOn && !envProd) {
    if (!envEntry) {
      ctx.report({
        span: absentSpan(ctx),
        message: `THEMIS_PRODUCTION_MODE is on but THEMIS_ENVIRONMENT is not set${typoNote(ctx, 'THEMIS_ENVIRONMENT')}, so modules that look at the environment name still see development. Set THEMIS_ENVIRONMENT=production as well.`,
        fixes: provideFix(ctx, 'THEMIS_ENVIRONMENT', 'production', 'fix', (v) => ENVIRONMENT_PRODUCTION.has(v)),
      });
      return;
    }
    if (env === undefined || productionSpelling(env)) return; // unknown, or ENV016's "Production"
    ctx.report({
      span: valueSpan(envEntry),
      message: `THEMIS_PRODUCTION_MODE is on but THEMIS_ENVIRONMENT is ${isEmpty(env) ? 'empty' : `"${env}"`}: the two switches disagree, and modules that read the environment name behave as in development. Set it to production.`,
      fixes: fix(ctx, 'Set THEMIS_ENVIRONMENT to production', 'fix', [setEnvValue(envEntry, 'production')]),
    });
    return;
  }
  if (envProd && !pmOn && envEntry) {
    if (pm === undefined && pmEntry) return; // value not known here
    if (pmEntry && misspelledOn('THEMIS_PRODUCTION_MODE', pm)) return; // ENV016
    const pmState = pmEntry ? `THEMIS_PRODUCTION_MODE is ${isEmpty(pm) ? 'empty' : `"${pm}"`}` : `THEMIS_PRODUCTION_MODE is not set${typoNote(ctx, 'THEMIS_PRODUCTION_MODE')}`;
    ctx.report({
      span: valueSpan(envEntry),
      message: `THEMIS_ENVIRONMENT says ${env} but ${pmState}: checks that read only THEMIS_PRODUCTION_MODE still run in development mode. Set THEMIS_PRODUCTION_MODE=1 too.`,
      fixes: provideFix(ctx, 'THEMIS_PRODUCTION_MODE', '1', 'fix', (v) => PRODUCTION_MODE_ON.has(v)),
    });
  }
});

/** "Production", "PROD": meant production, but the server compares case-sensitively. */
function productionSpelling(value: string): boolean {
  return !ENVIRONMENT_PRODUCTION.has(value) && ENVIRONMENT_PRODUCTION.has(value.trim().toLowerCase());
}

// ---------------------------------------------------------------------------
// ENV003 hsm-stub-allowed
// ---------------------------------------------------------------------------

const env003 = defineRule('ENV003', (ctx) => {
  const e = entry(ctx, 'THEMIS_ALLOW_HSM_STUB');
  const v = valueOf(ctx, e);
  if (!e || v === undefined || isEmpty(v) || looksOff(v)) return;
  const prod = productionOn(ctx);
  ctx.report({
    span: valueSpan(e),
    severity: prod ? 'error' : 'warning',
    message: prod
      ? 'THEMIS_ALLOW_HSM_STUB is set while production mode is on: the server refuses the software HSM stub in production and will not start. Remove the line and use a real HSM or Vault.'
      : 'THEMIS_ALLOW_HSM_STUB lets the server keep its keys in the software HSM stub, where they can be read from memory. Remove the line outside throwaway development setups.',
    fixes: fix(ctx, 'Remove THEMIS_ALLOW_HSM_STUB', 'fix', removeAll(ctx, 'THEMIS_ALLOW_HSM_STUB')),
  });
});

// ---------------------------------------------------------------------------
// ENV004 admin-token-missing, ENV005 admin-token-weak
// ---------------------------------------------------------------------------

function freshToken(): string {
  return randomBytes(32).toString('base64');
}

const TOKEN_NOTE = 'the token is written into this file: keep the file out of version control';

const env004 = defineRule('ENV004', (ctx) => {
  if (isEnvTemplate(ctx.file.path)) return; // templates leave secrets empty on purpose
  const e = entry(ctx, 'THEMIS_TOKEN_ADMIN');
  if (!e) {
    if (!configuresServer(ctx)) return;
    ctx.report({
      span: absentSpan(ctx),
      message: `THEMIS_TOKEN_ADMIN is not set${typoNote(ctx, 'THEMIS_TOKEN_ADMIN')}, so the admin API (config writes, PII reveal, audit reads) does not ask for a token. Set a random token of at least 32 bytes.`,
      fixes: typoOf(ctx, 'THEMIS_TOKEN_ADMIN')
        ? provideFix(ctx, 'THEMIS_TOKEN_ADMIN', freshToken(), 'suggestion', (v) => !isEmpty(v), TOKEN_NOTE, 'a freshly generated 32-byte token')
        : fix(ctx, 'Add THEMIS_TOKEN_ADMIN with a freshly generated 32-byte token', 'suggestion', [appendEnvEntry(ctx.file.text, 'THEMIS_TOKEN_ADMIN', freshToken())], TOKEN_NOTE),
    });
    return;
  }
  const v = valueOf(ctx, e);
  if (v === undefined || !isEmpty(v)) return;
  ctx.report({
    span: e.keySpan,
    message: 'THEMIS_TOKEN_ADMIN is empty, so the admin API (config writes, PII reveal, audit reads) does not ask for a token. Set a random token of at least 32 bytes.',
    fixes: fix(ctx, 'Set THEMIS_TOKEN_ADMIN to a freshly generated 32-byte token', 'suggestion', [setEnvValue(e, freshToken())], TOKEN_NOTE),
  });
});

/** Bits of strength of a token, from its length and the alphabet it is written in. */
function tokenBits(v: string): number {
  if (/^[0-9a-f]+$/i.test(v)) return v.length * 4;
  const b64 = /^[A-Za-z0-9+/_-]+(={0,2})$/.exec(v);
  if (b64) return (v.length - b64[1].length) * 6;
  return v.length * Math.log2(95);
}

const env005 = defineRule('ENV005', (ctx) => {
  if (isEnvTemplate(ctx.file.path)) return; // SEC007 empties secrets in templates
  const e = entry(ctx, 'THEMIS_TOKEN_ADMIN');
  const v = valueOf(ctx, e);
  if (!e || v === undefined || isEmpty(v)) return;
  const t = v.trim();
  let why: string | undefined;
  if (isPlaceholderOrWeakWord(t)) why = 'is a placeholder or a common word';
  else if (tokenBits(t) < 256) why = `holds only about ${Math.floor(tokenBits(t) / 8)} bytes of randomness`;
  else if (isTooRegular(t)) why = 'repeats too few distinct characters to be random';
  if (!why) return;
  ctx.report({
    span: valueSpan(e),
    message: `The admin token ${maskSecret(t)} ${why}; anyone who guesses it gets full admin rights. Use 32 random bytes, base64-encoded (44 characters).`,
    fixes: fix(ctx, 'Replace THEMIS_TOKEN_ADMIN with a freshly generated 32-byte token', 'suggestion', [setEnvValue(e, freshToken())], TOKEN_NOTE),
  });
});

// ---------------------------------------------------------------------------
// ENV006 debug-enabled
// ---------------------------------------------------------------------------

const DEBUG_VARS: Record<string, string> = {
  THEMIS_DEBUG_ENC_DIR: 'makes field encryption write JSON dumps, including key fingerprints, into that folder',
  THEMIS_DEBUG_PKI: 'prints the bodies of PKI REST responses to stderr, where logs collect them',
  THEMIS_PII_FORCE_INIT_FAIL: 'is a test hook that makes PII redaction fail to initialise',
};

const env006 = defineRule('ENV006', (ctx) => {
  for (const [name, what] of Object.entries(DEBUG_VARS)) {
    const e = entry(ctx, name);
    const v = valueOf(ctx, e);
    if (!e || v === undefined || isEmpty(v)) continue;
    // THEMIS_DEBUG_PKI only reacts to values starting with 1; an explicit off is harmless
    if (name === 'THEMIS_DEBUG_PKI' && looksOff(v)) continue;
    ctx.report({
      span: valueSpan(e),
      message: `${name} ${what}. It is a debugging aid that must not be set outside development: remove the line.`,
      fixes: fix(ctx, `Remove ${name}`, 'fix', removeAll(ctx, name)),
    });
  }
});

// ---------------------------------------------------------------------------
// ENV007 pii-strict-off, ENV008 auto-download-on
// ---------------------------------------------------------------------------

function requireOn(ctx: RuleContext, name: string, what: string): void {
  const e = entry(ctx, name);
  if (!e) {
    if (!configuresServer(ctx)) return;
    ctx.report({
      span: absentSpan(ctx),
      message: `${name} is not set${typoNote(ctx, name)}: ${what}. Set ${name}=1.`,
      fixes: provideFix(ctx, name, '1', 'fix', (v) => flagOn(name, v)),
    });
    return;
  }
  const v = valueOf(ctx, e);
  if (v === undefined || flagOn(name, v) || misspelledOn(name, v)) return; // on, unknown, or ENV016
  ctx.report({
    span: valueSpan(e),
    message: `${name} is ${isEmpty(v) ? 'empty' : `"${v}"`}: ${what}. Set it to 1.`,
    fixes: fix(ctx, `Set ${name} to 1`, 'fix', [setEnvValue(e, '1')]),
  });
}

const env007 = defineRule('ENV007', (ctx) =>
  requireOn(ctx, 'THEMIS_PII_STRICT', 'PII redaction fails open, so personal data can reach logs and query results'),
);

const env008 = defineRule('ENV008', (ctx) =>
  requireOn(ctx, 'THEMIS_DISABLE_AUTO_DOWNLOAD', 'the server may fetch LLM models from the network at runtime, a supply-chain and SSRF risk'),
);

// ---------------------------------------------------------------------------
// ENV009 no-key-management
// ---------------------------------------------------------------------------

const env009 = defineRule('ENV009', (ctx) => {
  const vault = entry(ctx, 'THEMIS_VAULT_ADDR');
  const hsm = entry(ctx, 'THEMIS_HSM_ENABLED');
  const vaultValue = valueOf(ctx, vault);
  const hsmValue = valueOf(ctx, hsm);
  if (vault && (vaultValue === undefined || !isEmpty(vaultValue))) return;
  if (hsm && (hsmValue === undefined || flagOn('THEMIS_HSM_ENABLED', hsmValue) || misspelledOn('THEMIS_HSM_ENABLED', hsmValue))) return;
  if (!vault && !hsm && !configuresServer(ctx)) return;
  const notes: string[] = [];
  if (entry(ctx, 'VAULT_ADDR')) notes.push(' VAULT_ADDR is only read by the demo tool, not by the server\'s key management.');
  const partial = ['THEMIS_VAULT_TOKEN', 'THEMIS_HSM_PIN'].filter((n) => entry(ctx, n));
  if (partial.length) notes.push(` ${partial.join(' and ')} alone ${partial.length === 1 ? 'does' : 'do'} not turn key management on.`);
  const fallback = notes.join('');
  const span = hsm && !isEmpty(hsmValue) ? valueSpan(hsm) : vault ? vault.keySpan : hsm ? hsm.keySpan : absentSpan(ctx);
  ctx.report({
    span,
    message: `No key management is configured: neither THEMIS_VAULT_ADDR nor THEMIS_HSM_ENABLED=1 is set, so keys come from a mock or local provider stored next to the data and signing falls back to a mock.${fallback} Point THEMIS_VAULT_ADDR at Vault or enable a real HSM.`,
  });
});

// ---------------------------------------------------------------------------
// ENV010 vault-plaintext
// ---------------------------------------------------------------------------

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::1' || /^(?:0{1,4}:){7}0{0,3}1$/.test(h);
}

const env010 = defineRule('ENV010', (ctx) => {
  for (const name of ['THEMIS_VAULT_ADDR', 'VAULT_ADDR']) {
    const e = entry(ctx, name);
    const v = valueOf(ctx, e);
    if (!e || v === undefined) continue;
    const m = /^\s*http:\/\/(\[[^\]]*\]|[^:/?#\s]+)/i.exec(v);
    if (!m || isLoopback(m[1])) continue;
    const edit = e.value === v ? [setEnvValue(e, v.replace(/^(\s*)http:/i, '$1https:'))] : [];
    ctx.report({
      span: valueSpan(e),
      message: `${name} reaches Vault at ${m[1]} over plain http, so the Vault token and every key it hands out cross the network unencrypted. Use https.`,
      fixes: fix(ctx, `Use https:// for ${name}`, 'fix', edit),
    });
  }
});

// ---------------------------------------------------------------------------
// ENV011 static-vault-token
// ---------------------------------------------------------------------------

const env011 = defineRule('ENV011', (ctx) => {
  if (isEnvTemplate(ctx.file.path)) return; // SEC007 keeps secrets out of templates
  const e = entry(ctx, 'THEMIS_VAULT_TOKEN');
  if (!e || isEmpty(e.value) || /^\$\{[^}]+\}$|^\$[A-Za-z_]\w*$/.test(e.value.trim())) return;
  ctx.report({
    span: valueSpan(e),
    message: `THEMIS_VAULT_TOKEN holds a static Vault token (${maskSecret(e.value)}) that lives as long as this file. Prefer a Vault agent, AppRole or Kubernetes auth, which hand out short-lived tokens.`,
  });
});

// ---------------------------------------------------------------------------
// ENV012 wal-mtls-off, ENV013 wal-mtls-paths
// ---------------------------------------------------------------------------

const MTLS = 'THEMIS_WAL_GRPC_ENABLE_MTLS';
const CLIENT_CERT = 'THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT';
const CLIENT_CERT_OFF = new Set(['false', '0', 'no']);

function numberOf(v: string | undefined): number | undefined {
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}

/** Why this deployment has more than one node, or undefined. */
function multiNodeReason(ctx: RuleContext): string | undefined {
  const val = (k: string) => valueOf(ctx, entry(ctx, k));
  const set = (k: string) => {
    const v = val(k);
    return v !== undefined && !isEmpty(v);
  };
  if (looksOn(val('THEMIS_ENABLE_SHARDING'))) return 'THEMIS_ENABLE_SHARDING';
  const shards = val('THEMIS_SHARDS');
  if (shards !== undefined && !isEmpty(shards) && (numberOf(shards) ?? 2) > 1) return 'THEMIS_SHARDS';
  const size = numberOf(val('CLUSTER_SIZE'));
  if (size !== undefined && size > 1) return 'CLUSTER_SIZE';
  for (const e of ctx.file.env.entries) {
    if (/^THEMIS_WAL_GRPC_/.test(e.key) || /^THEMIS_CLUSTER_DISCOVERY_/.test(e.key)) return e.key;
  }
  for (const k of ['THEMIS_MIRROR_PEER', 'THEMIS_ROLE', 'THEMIS_BOOTSTRAP_SHARD', 'THEMIS_WAL_SHARED_SECRET', 'THEMIS_WAL_HMAC_SECRET']) if (set(k)) return k;
  const single = size === 1 || numberOf(shards) === 1;
  for (const k of ['SHARD_ID', 'THEMIS_SHARD_ID']) if (set(k) && !single) return k;
  // a sibling config.yaml speaks for this file only when the file is the server's environment
  if (!configuresServer(ctx)) return undefined;
  for (const cfg of ctx.workspace.siblingConfigs(ctx.file.path)) {
    const y = cfg.yaml;
    const on = (p: string) => asBool(ctx.resolved(y.get(p))) === true;
    const num = (p: string) => Number(ctx.resolved(y.get(p)));
    const where = (p: string) => `${p} in ${path.basename(cfg.path)}`;
    for (const p of ['sharding.enabled', 'replication.enabled', 'replication.shipper_enabled', 'multi_primary.enabled', 'raid.enabled']) if (on(p)) return where(p);
    for (const p of ['sharding.cluster_size', 'sharding.total_shards']) if (num(p) > 1) return where(p);
    for (const p of ['replication.replicas', 'replication.replica_endpoints']) {
      const r = y.get(p);
      if (isSeqRef(r) && y.children(p).length > 0) return where(p);
    }
  }
  return undefined;
}

const env012 = defineRule('ENV012', (ctx) => {
  const reason = multiNodeReason(ctx);
  if (!reason) return;
  const mtls = entry(ctx, MTLS);
  const mtlsValue = valueOf(ctx, mtls);
  const because = `This is a multi-node deployment (${reason})`;
  if (!mtls) {
    ctx.report({
      span: absentSpan(ctx),
      message: `${because}, but ${MTLS} is not set${typoNote(ctx, MTLS)}, so WAL replication between nodes runs over plaintext gRPC that anyone on the network can read or alter. Set ${MTLS}=1.`,
      fixes: provideFix(ctx, MTLS, '1', 'fix', (v) => flagOn(MTLS, v)),
    });
  } else if (mtlsValue !== undefined && !flagOn(MTLS, mtlsValue) && !misspelledOn(MTLS, mtlsValue)) {
    ctx.report({
      span: valueSpan(mtls),
      message: `${because}, but ${MTLS} is ${isEmpty(mtlsValue) ? 'empty' : `"${mtlsValue}"`}, so WAL replication runs over plaintext gRPC. Set it to 1.`,
      fixes: fix(ctx, `Set ${MTLS} to 1`, 'fix', [setEnvValue(mtls, '1')]),
    });
  }
  const cc = entry(ctx, CLIENT_CERT);
  const ccValue = valueOf(ctx, cc);
  if (cc && ccValue !== undefined && CLIENT_CERT_OFF.has(ccValue)) {
    ctx.report({
      span: valueSpan(cc),
      message: `${CLIENT_CERT} is "${ccValue}": WAL peers no longer have to prove who they are, so any host that reaches the port can join replication. Require client certificates.`,
      fixes: fix(ctx, `Set ${CLIENT_CERT} to 1`, 'fix', [setEnvValue(cc, '1')]),
    });
  }
});

const env013 = defineRule('ENV013', (ctx) => {
  const mtls = entry(ctx, MTLS);
  if (!mtls || !flagOn(MTLS, valueOf(ctx, mtls))) return;
  const ccValue = valueOf(ctx, entry(ctx, CLIENT_CERT));
  const clientCerts = ccValue === undefined || !CLIENT_CERT_OFF.has(ccValue);
  const needed = [
    ['THEMIS_WAL_GRPC_CERT_PATH', 'server certificate'],
    ['THEMIS_WAL_GRPC_KEY_PATH', 'private key'],
    ...(clientCerts ? [['THEMIS_WAL_GRPC_CA_CERT_PATH', 'CA that signs peer certificates']] : []),
  ];
  const missing: string[] = [];
  for (const [name, what] of needed) {
    const e = entry(ctx, name);
    if (!e) {
      missing.push(name);
    } else if (isEmpty(valueOf(ctx, e))) {
      ctx.report({ span: e.keySpan, message: `WAL mTLS is on but ${name} (the ${what}) is empty, so the WAL gRPC service cannot start. Give the path of the file.` });
    }
  }
  if (missing.length) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    ctx.report({
      span: mtls.keySpan,
      message: `WAL mTLS is on but ${list} ${missing.length === 1 ? 'is' : 'are'} not set, so the WAL gRPC service cannot start with TLS. Add the certificate, key${clientCerts ? ' and CA' : ''} paths.`,
    });
  }
});

// ---------------------------------------------------------------------------
// ENV014 pki-paths-missing
// ---------------------------------------------------------------------------

const env014 = defineRule('ENV014', (ctx) => {
  const names = ['THEMIS_PKI_CERTIFICATE', 'THEMIS_PKI_PRIVATE_KEY'];
  const absent = names.filter((n) => !entry(ctx, n));
  for (const n of names) {
    const e = entry(ctx, n);
    if (e && isEmpty(valueOf(ctx, e))) {
      ctx.report({ span: e.keySpan, message: `${n} is empty: the server has no ${n.endsWith('KEY') ? 'private key' : 'certificate'} for its PKI and audit signing. Give the path of the file.` });
    }
  }
  if (!absent.length || !configuresServer(ctx)) return;
  const other = ['THEMIS_PKI_CERT', 'THEMIS_PKI_KEY'].some((n) => entry(ctx, n))
    ? ' THEMIS_PKI_CERT and THEMIS_PKI_KEY configure a different client (the HTTP audit PKI) and do not replace them.'
    : '';
  ctx.report({
    span: absentSpan(ctx),
    message: `${absent.join(' and ')} ${absent.length === 1 ? 'is' : 'are'} not set, so the server runs without its PKI certificate and key.${other} Set both to the certificate and key files.`,
  });
});

// ---------------------------------------------------------------------------
// ENV015 unknown-variable
// ---------------------------------------------------------------------------

function noEffectReason(name: string, v: { status: VarStatus; statusDetail?: string }): string {
  const detail = v.statusDetail ?? '';
  if (/entrypoint/.test(detail)) return 'only the Docker entrypoint reads it (to rewrite the config file); the themis_server process ignores it';
  if (/client/.test(detail)) return 'only client adapters read it; the server ignores it';
  switch (v.status) {
    case 'build-time':
      return 'it is a build-time (CMake/preprocessor) setting, not something the running server reads';
    case 'test':
      return 'only the unit tests read it';
    case 'compose-only':
      return 'only compose files use it; the server itself never reads it';
    default:
      return `ThemisDB documents it, but the server never reads ${name}`;
  }
}

/** Where the setting really lives, for names that point people the wrong way. */
const INSTEAD: Record<string, string> = {
  THEMIS_SHARD_ID: 'the server reads SHARD_ID (or sharding.shard_id in config.yaml)',
  THEMIS_SHARDS: 'the server reads CLUSTER_SIZE (or sharding.cluster_size in config.yaml)',
  THEMIS_ENABLE_SHARDING: 'use sharding.enabled in config.yaml',
  THEMIS_WORKER_THREADS: 'use server.worker_threads in config.yaml',
  THEMIS_MEMTABLE_SIZE_MB: 'use storage.memtable_size_mb in config.yaml',
  THEMIS_BLOCK_CACHE_SIZE_MB: 'use storage.block_cache_size_mb in config.yaml',
  THEMIS_PKI_SIGNING_ALGORITHM: 'the server reads THEMIS_PKI_SIG_ALG',
  THEMIS_HTTP_PORT: 'use server.port in config.yaml',
  THEMIS_SERVER_PORT: 'use server.port in config.yaml',
  THEMIS_DB_PATH: 'use storage.rocksdb_path in config.yaml',
  THEMIS_STORAGE_PATH: 'use storage.rocksdb_path in config.yaml',
  THEMIS_HSM_PROVIDER: 'use hsm.provider in security.yaml',
  THEMIS_HSM_LIBRARY: 'use hsm.pkcs11.library_path in security.yaml',
  THEMIS_HSM_SLOT: 'use hsm.pkcs11.slot_id in security.yaml',
  THEMIS_HSM_KEY_LABEL: 'use hsm.pkcs11.key_label in security.yaml',
  THEMIS_CLOUDHSM_PIN: 'the server reads THEMIS_HSM_PIN',
  THEMIS_SECRET_TOKENS_ADMIN: 'the server reads THEMIS_TOKEN_ADMIN',
  THEMIS_TLS_ENABLED: 'configure TLS in config.yaml (server.enable_tls)',
  THEMIS_TLS_CERT: 'configure TLS in config.yaml (server.tls_cert_path)',
  THEMIS_TLS_KEY: 'configure TLS in config.yaml (server.tls_key_path)',
  THEMIS_TLS_MIN_VERSION: 'configure TLS in config.yaml (server.tls_min_version)',
};

const env015 = defineRule('ENV015', (ctx) => {
  for (const e of ctx.file.env.entries) {
    const name = e.key;
    if (!/^THEMIS_/i.test(name)) continue;
    const known = info(name);
    if (known) {
      if (known.status === 'code') continue;
      const instead = INSTEAD[name] ? ` Instead, ${INSTEAD[name]}.` : '';
      ctx.report({ span: e.keySpan, severity: 'hint', message: `${name} has no effect on the server: ${noEffectReason(name, known)}.${instead}` });
      continue;
    }
    const upper = name.toUpperCase();
    if (upper !== name && info(upper)) {
      const target = entry(ctx, upper);
      ctx.report({
        span: e.keySpan,
        message: `Environment variable names are case-sensitive: the server reads ${upper}, not ${name}, so this line has no effect.${target ? ` ${upper} is already set on line ${lineOf(ctx, target)}; remove this line.` : ''}`,
        fixes: target ? [] : fix(ctx, `Rename to ${upper}`, 'fix', [{ ...e.keySpan, newText: upper }]),
      });
      continue;
    }
    const pattern = PATTERNS.find((p) => p.re.test(name));
    if (pattern) {
      ctx.report({ span: e.keySpan, severity: 'hint', message: `${name} has no effect on the server: ${noEffectReason(name, pattern)}.` });
      continue;
    }
    reportUnknown(ctx, e);
  }
});

/** What a misspelled security variable leaves behind. */
const CONSEQUENCE: Record<string, string> = {
  THEMIS_PRODUCTION_MODE: 'production mode stays off and the server starts with its fail-open development defaults',
  THEMIS_ENVIRONMENT: 'the environment stays development',
  THEMIS_TOKEN_ADMIN: 'the admin API has no token',
  THEMIS_PII_STRICT: 'PII redaction stays fail-open',
  THEMIS_DISABLE_AUTO_DOWNLOAD: 'automatic model downloads stay on',
  THEMIS_HSM_ENABLED: 'the HSM key provider stays off',
  THEMIS_WAL_GRPC_ENABLE_MTLS: 'WAL replication stays on plaintext gRPC',
};

function reportUnknown(ctx: RuleContext, e: EnvEntry): void {
  const name = e.key.toUpperCase();
  const effective = closest(name, EFFECTIVE_NAMES);
  const any = closest(name, [...VARS.keys()]);
  const near = (d: number) => d <= Math.max(2, Math.floor(name.length / 4));
  let hint = ' No known ThemisDB variable is close to this name; check the spelling against the ThemisDB documentation.';
  let fixes: Fix[] = [];
  if (near(effective.distance) && effective.distance <= any.distance) {
    const [best] = effective.names;
    hint = effective.names.length === 1 ? ` Did you mean ${best}?` : ` Did you mean ${effective.names.join(' or ')}?`;
    const target = renameTarget(e.key);
    const existing = target && entry(ctx, target);
    if (existing) hint += ` ${target} is already set on line ${lineOf(ctx, existing)}, so this line can go.`;
    else if (target) {
      const d = info(target)?.default;
      const consequence =
        target === 'THEMIS_PRODUCTION_MODE' && productionOn(ctx)
          ? 'the checks that read only THEMIS_PRODUCTION_MODE (the HSM provider among them) stay in development mode'
          : CONSEQUENCE[target] ?? `${target} stays unset${d ? ` (default ${d})` : ''}`;
      hint += ` As written, ${consequence}.`;
      fixes = fix(ctx, `Rename to ${target}`, 'fix', [{ ...e.keySpan, newText: target }]);
    }
  } else if (near(any.distance)) {
    const best = any.names[0];
    hint = ` The closest documented name, ${best}, is not read by the server either${INSTEAD[best] ? `: ${INSTEAD[best]}` : ''}.`;
  }
  ctx.report({ span: e.keySpan, message: `${e.key} is not a variable ThemisDB knows, so the server ignores this line.${hint}`, fixes });
}

// ---------------------------------------------------------------------------
// ENV016 value-not-recognized
// ---------------------------------------------------------------------------

/** Flags whose wrong values the posture rules (ENV001/007/008/009/012) already report. */
const POSTURE_FLAGS = new Set(['THEMIS_PRODUCTION_MODE', 'THEMIS_HSM_ENABLED', 'THEMIS_PII_STRICT', 'THEMIS_DISABLE_AUTO_DOWNLOAD', MTLS]);
/** Turning these on weakens security: point out the spelling, offer no fix. */
const NO_ENABLE_FIX = new Set(['THEMIS_CORS_ALLOW_CREDENTIALS', 'THEMIS_AUTO_UPDATE_ENABLED']);

function quoteList(values: string[]): string {
  const q = values.map((v) => `"${v}"`);
  return q.length <= 2 ? q.join(' or ') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

const env016 = defineRule('ENV016', (ctx) => {
  for (const e of ctx.file.env.entries) {
    if (ctx.file.env.get(e.key) !== e) continue; // only the definition that takes effect
    const v = info(e.key);
    if (!v || v.status !== 'code' || v.productionUnset) continue;
    const value = valueOf(ctx, e);
    if (value === undefined || isEmpty(value)) continue;
    const r = checkValue(e.key, v, value);
    if (!r) continue;
    ctx.report({
      span: valueSpan(e),
      message: r.message,
      fixes: r.fixTo !== undefined && e.value === value ? fix(ctx, `Set ${e.key} to ${r.fixTo}`, 'fix', [setEnvValue(e, r.fixTo)]) : [],
    });
  }
});

function checkValue(name: string, v: VarInfo, value: string): { message: string; fixTo?: string } | undefined {
  if (name === 'THEMIS_ENVIRONMENT') {
    if (!productionSpelling(value)) return undefined;
    return {
      message: `THEMIS_ENVIRONMENT is "${value}", but the server compares it case-sensitively with "production" and "prod", so this counts as development. Write production in lower case.`,
      fixTo: 'production',
    };
  }
  if (v.disabling) {
    // on by default; only the listed spellings switch it off
    if (v.disabling.includes(value) || !looksOff(value)) return undefined;
    const fixTo = v.recommended ?? 'true';
    return {
      message: `${name}="${value}" does not switch it off: the server only recognises ${quoteList(v.disabling)}, so it stays on. Write ${fixTo} to say what actually happens.`,
      fixTo,
    };
  }
  if (v.accepted && (v.type === 'flag' || v.type === 'boolean')) {
    if (v.accepted.includes(value)) return undefined;
    const on = v.recommended ?? (v.accepted.includes('1') ? '1' : v.accepted[0]);
    if (looksOn(value)) {
      return {
        message: `${name}="${value}" is not a value the server recognises: it only accepts ${quoteList(v.accepted.filter((a) => a !== '0'))} for on, so this leaves the setting off. Write ${on}.`,
        fixTo: NO_ENABLE_FIX.has(name) ? undefined : on,
      };
    }
    if (v.accepted.includes('0') && looksOff(value)) {
      return { message: `${name}="${value}" is not a value the server recognises; write 0 to switch it off.`, fixTo: '0' };
    }
    if (looksOff(value) || POSTURE_FLAGS.has(name)) return undefined;
    return { message: `${name}="${value}" is not a value the server recognises (it accepts ${quoteList(v.accepted)}), so the setting stays at its default.` };
  }
  if (v.accepted && v.type === 'enum') {
    const ci = !!v.caseInsensitive;
    const norm = ci ? value.trim().toLowerCase() : value;
    if (v.accepted.some((a) => (ci ? a.toLowerCase() : a) === norm)) return undefined;
    const near = closest(norm, v.accepted.map((a) => (ci ? a.toLowerCase() : a)));
    const fixTo = near.distance <= 2 && near.names.length === 1 ? v.accepted.find((a) => (ci ? a.toLowerCase() : a) === near.names[0]) : undefined;
    return {
      message: `${name}="${value}" is not one of the values the server accepts (${quoteList(v.accepted)}), so it falls back to its default.${fixTo ? ` Did you mean ${fixTo}?` : ''}`,
      fixTo,
    };
  }
  if (v.type === 'integer' || v.type === 'port') {
    if (!/^\s*-?\d+\s*$/.test(value)) {
      return { message: `${name} must be a whole number, but it is "${value}": the server cannot parse it and either fails at startup or ignores it.` };
    }
    const n = Number(value);
    if (v.type === 'port' && (n < 1 || n > 65535)) {
      return { message: `${name}=${value} is not a TCP port: use a number from 1 to 65535.` };
    }
    return undefined;
  }
  if (v.type === 'url' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) {
    return { message: `${name} must be a URL with its scheme (https://host:port), but it is "${value}".` };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// ENV017 cors-allow-all, ENV018 tls-verify-off-env, ENV019 shard-mtls-disabled,
// ENV020 health-bind-all
// ---------------------------------------------------------------------------

const env017 = defineRule('ENV017', (ctx) => {
  const e = entry(ctx, 'THEMIS_CORS_ALLOW_ALL');
  const v = valueOf(ctx, e);
  if (!e || !looksOn(v)) return;
  const creds = looksOn(valueOf(ctx, entry(ctx, 'THEMIS_CORS_ALLOW_CREDENTIALS')));
  ctx.report({
    span: valueSpan(e),
    message: `THEMIS_CORS_ALLOW_ALL answers every origin with "Access-Control-Allow-Origin: *", so any web page can call the API from a visitor's browser${creds ? ', and with THEMIS_CORS_ALLOW_CREDENTIALS on it can do so with their credentials' : ''}. Remove it and list the allowed origins in THEMIS_CORS_ALLOWED_ORIGINS.`,
    fixes: fix(ctx, 'Remove THEMIS_CORS_ALLOW_ALL', 'fix', removeAll(ctx, 'THEMIS_CORS_ALLOW_ALL')),
  });
});

const VERIFY_NAME = /(?:_TLS|_SSL)_VERIFY$/;
const SKIP_VERIFY_NAME = /(?:^|_)(?:TLS_|SSL_)?(?:INSECURE_)?SKIP_(?:TLS_|SSL_)?VERIFY(?:_?CERTS?)?$|_TLS_INSECURE$/;

const env018 = defineRule('ENV018', (ctx) => {
  for (const e of ctx.file.env.entries) {
    if (ctx.file.env.get(e.key) !== e) continue;
    const v = valueOf(ctx, e);
    if (v === undefined) continue;
    const disabling = info(e.key)?.disabling;
    let off = false;
    // `…_SKIP_TLS_VERIFY` ends like `…_TLS_VERIFY` but means the opposite: test it first
    if (SKIP_VERIFY_NAME.test(e.key)) off = looksOn(v);
    else if (VERIFY_NAME.test(e.key)) off = disabling ? disabling.includes(v) : /^\s*(?:0|false|no|off)\s*$/i.test(v);
    if (!off) continue;
    ctx.report({
      span: valueSpan(e),
      message: `${e.key}=${v} turns off TLS certificate verification, so anyone who can intercept the connection can impersonate the server on the other end. Remove it and trust the right CA instead.`,
      fixes: fix(ctx, `Remove ${e.key}`, 'fix', removeAll(ctx, e.key)),
    });
  }
});

const env019 = defineRule('ENV019', (ctx) => {
  const e = entry(ctx, 'THEMIS_SHARD_MTLS_DISABLED');
  if (!e || !looksOn(valueOf(ctx, e))) return;
  ctx.report({
    span: valueSpan(e),
    message: `THEMIS_SHARD_MTLS_DISABLED turns off mutual TLS between shards, so shard RPC can be read and spoofed on the network. Production mode ignores it, but every other environment honours it: remove the line.`,
    fixes: fix(ctx, 'Remove THEMIS_SHARD_MTLS_DISABLED', 'fix', removeAll(ctx, 'THEMIS_SHARD_MTLS_DISABLED')),
  });
});

const ALL_INTERFACES = /^\s*(?:0\.0\.0\.0|::|\[::\]|\*)\s*$/;

const env020 = defineRule('ENV020', (ctx) => {
  const e = entry(ctx, 'THEMIS_HEALTH_BIND_ADDRESS');
  const v = valueOf(ctx, e);
  if (!e || v === undefined || !ALL_INTERFACES.test(v)) return;
  ctx.report({
    span: valueSpan(e),
    message: `THEMIS_HEALTH_BIND_ADDRESS=${v.trim()} exposes the health and error service on every network interface, leaking internal state to anyone who can reach the host. Bind it to 127.0.0.1 for local probes.`,
    fixes: fix(ctx, 'Bind the health service to 127.0.0.1', 'fix', [setEnvValue(e, '127.0.0.1')]),
  });
});

export const envRules: Rule[] = [
  env001, env002, env003, env004, env005, env006, env007, env008, env009, env010,
  env011, env012, env013, env014, env015, env016, env017, env018, env019, env020,
];
