// TLS — transport security rules.
import { isScalar, isSeq } from 'yaml';
import { asBool, asString, DocView, isMapRef, isSeqRef, YamlRef } from '../documents/yamlModel';
import { insertUnder, setValue } from '../fixes/yamlEdits';
import { Fix, FixKind, TextEdit } from '../types';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { dotted, entriesNamed, keySpanOf, lastKey, parentKey, writtenValue } from './query';

// ---------------------------------------------------------------------------
// Shared helpers (also used by net.ts and kms.ts)
// ---------------------------------------------------------------------------

/** A string value after `${VAR}` substitution, trimmed; undefined for non-strings. */
export function resolvedString(ctx: RuleContext, ref: YamlRef | undefined): string | undefined {
  const v = asString(ctx.resolved(ref));
  return v === undefined ? undefined : v.trim();
}

/** true when a path-like value is empty (absent, null or ""); a `${VAR}` reference counts as set. */
export function isEmptyValue(ctx: RuleContext, ref: YamlRef | undefined): boolean {
  if (!ref) return true;
  if (typeof ref.value === 'string' && ref.value.includes('${')) return false;
  if (ref.node && !isScalar(ref.node)) return false;
  const v = ctx.resolved(ref);
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** One fix from the edits that could be computed (none: no fix). */
export function fixOf(ctx: RuleContext, title: string, kind: FixKind, edits: (TextEdit | undefined)[]): Fix[] {
  const ok = edits.filter((e): e is TextEdit => !!e);
  return ok.length ? [{ title, kind, changes: [{ path: ctx.file.path, edits: ok }] }] : [];
}

/** A fix that sets one entry to a value, in the entry's quoting style. */
export function setFix(ctx: RuleContext, ref: YamlRef, value: string | number | boolean, kind: FixKind, title?: string): Fix[] {
  return fixOf(ctx, title ?? `Set ${lastKey(ref)} to ${typeof value === 'string' ? value : String(value)}`, kind, [setValue(ctx.file, ref, value)]);
}

function q(s: string): string {
  return JSON.stringify(s);
}

// ---------------------------------------------------------------------------
// TLS dialects
// ---------------------------------------------------------------------------

type DialectName = 'network' | 'server' | 'edition' | 'securityYaml' | 'grpc';

interface Dialect {
  name: DialectName;
  /** Path of the mapping that holds the switch, cert and key. */
  block: string[];
  switchKey: string;
  cert: string;
  key: string;
  /** Other names accepted for the certificate / key path. */
  certNames: string[];
  keyNames: string[];
  certPlaceholder: string;
  keyPlaceholder: string;
}

const FILE_CERT = ['cert_file', 'cert_path', 'certificate', 'certificate_file', 'cert'];
const FILE_KEY = ['key_file', 'key_path', 'private_key_file', 'private_key_path', 'key'];

function dialect(name: DialectName, block: string[] = []): Dialect {
  switch (name) {
    case 'network':
      return { name, block: ['network', 'tls'], switchKey: 'enabled', cert: 'cert_file', key: 'key_file', certNames: FILE_CERT, keyNames: FILE_KEY, certPlaceholder: '/etc/themisdb/tls/server.crt', keyPlaceholder: '/etc/themisdb/tls/server.key' };
    case 'server':
      return { name, block: ['server'], switchKey: 'enable_tls', cert: 'tls_cert_path', key: 'tls_key_path', certNames: ['tls_cert_path', 'tls_cert_file', 'tls_cert'], keyNames: ['tls_key_path', 'tls_key_file', 'tls_key'], certPlaceholder: '/etc/themisdb/tls/server.crt', keyPlaceholder: '/etc/themisdb/tls/server.key' };
    case 'edition':
      return { name, block: ['security'], switchKey: 'enable_tls', cert: 'tls_cert', key: 'tls_key', certNames: ['tls_cert', 'tls_cert_path', 'tls_cert_file'], keyNames: ['tls_key', 'tls_key_path', 'tls_key_file'], certPlaceholder: '/etc/themisdb/tls/cert.pem', keyPlaceholder: '/etc/themisdb/tls/key.pem' };
    case 'securityYaml':
      return { name, block: ['tls'], switchKey: 'enabled', cert: 'cert_file', key: 'key_file', certNames: FILE_CERT, keyNames: FILE_KEY, certPlaceholder: '/etc/themisdb/tls/server.crt', keyPlaceholder: '/etc/themisdb/tls/server.key' };
    case 'grpc':
      return { name, block, switchKey: 'enabled', cert: 'cert_file', key: 'key_file', certNames: FILE_CERT, keyNames: FILE_KEY, certPlaceholder: '/etc/themisdb/tls/grpc-server.crt', keyPlaceholder: '/etc/themisdb/tls/grpc-server.key' };
  }
}

/** The main (non-gRPC) TLS switches of a document: seed, core, edition and security.yaml dialects. */
const MAIN_DIALECTS: DialectName[] = ['network', 'server', 'edition', 'securityYaml'];

interface Switch {
  dialect: Dialect;
  ref: YamlRef;
  /** true / false as the server reads it; undefined when not a boolean (an unresolved `${VAR}`…). */
  on: boolean | undefined;
}

function mainSwitches(ctx: RuleContext, doc: DocView): Switch[] {
  const out: Switch[] = [];
  for (const n of MAIN_DIALECTS) {
    const d = dialect(n);
    const ref = doc.get([...d.block, d.switchKey]);
    if (ref && ref.keySpan) out.push({ dialect: d, ref, on: asBool(ctx.resolved(ref)) });
  }
  return out;
}

/** Every `…grpc.tls` block of a document (root `grpc`, `network.grpc`, `protocols.grpc`). */
function grpcTlsBlocks(doc: DocView): YamlRef[] {
  return doc.refs.filter((r) => r.keySpan && lastKey(r) === 'tls' && parentKey(r) === 'grpc' && isMapRef(r));
}

/**
 * Whether TLS is (or may be) on for the main listener of a document: a switch
 * that is true or not a readable boolean. Only explicit false or no switch at all
 * count as off.
 */
export function mainTlsOff(ctx: RuleContext, doc: DocView, listenerPath: string[] = []): boolean {
  const switches = mainSwitches(ctx, doc);
  // a listener's own dialect decides when it has a switch: server.host <-> server.enable_tls, network.* <-> network.tls.enabled
  const own = switches.find((s) => s.dialect.block[0] === listenerPath[0] && (s.dialect.name === 'server' || s.dialect.name === 'network'));
  if (own) return own.on === false;
  return switches.every((s) => s.on === false);
}

/** Whether the gRPC block at `grpcPath` has TLS on (or unknown). */
export function grpcTlsOff(ctx: RuleContext, doc: DocView, grpcPath: string[]): boolean {
  const ref = doc.get([...grpcPath, 'tls', 'enabled']);
  if (!ref) return true;
  return asBool(ctx.resolved(ref)) === false;
}

const LISTEN_KEYS = /^(?:host|port|listen|listen_address|listen_addr|bind|bind_address|bind_addr|bind_host)$/;

/** A listener setting in the guide's `network` section (outside its tls block). */
function networkListener(doc: DocView): YamlRef | undefined {
  return doc.refs.find((r) => r.keySpan && r.path[0] === 'network' && r.path[1] !== 'tls' && r.path.length > 1 && LISTEN_KEYS.test(lastKey(r)));
}

/** What makes this document configure a network listener (for messages), or undefined. */
function mainListener(doc: DocView): string | undefined {
  for (const k of ['host', 'port']) if (doc.get(['server', k])?.keySpan) return `server.${k}`;
  const inNetwork = networkListener(doc);
  if (inNetwork) return dotted(inNetwork);
  if (isMapRef(doc.get(['security'])) && (doc.has(['server']) || doc.has(['network']))) return doc.has(['server']) ? 'server' : 'network';
  return undefined;
}

function isEditionLike(doc: DocView): boolean {
  if (doc.has(['edition'])) return true;
  return doc.children(['security']).some((r) => /^(?:enable_|tls_)/.test(lastKey(r)));
}

/** Cert/key entries of a dialect's block that are absent or empty, with what to do about each. */
interface CertGap {
  name: 'certificate' | 'private key';
  /** The entry when it exists but is empty. */
  ref?: YamlRef;
  key: string;
  placeholder: string;
}

function certGaps(ctx: RuleContext, doc: DocView, d: Dialect): CertGap[] {
  const gaps: CertGap[] = [];
  const pick = (names: string[]) => names.map((n) => doc.get([...d.block, n])).filter((r): r is YamlRef => !!r && !!r.keySpan);
  const check = (names: string[], name: CertGap['name'], key: string, placeholder: string) => {
    const found = pick(names);
    if (found.some((r) => !isEmptyValue(ctx, r))) return;
    gaps.push({ name, ref: found[0], key: found[0] ? lastKey(found[0]) : key, placeholder });
  };
  check(d.certNames, 'certificate', d.cert, d.certPlaceholder);
  check(d.keyNames, 'private key', d.key, d.keyPlaceholder);
  return gaps;
}

/** Edits that fill the gaps: placeholders for empty values, new lines for missing keys. */
function fillGaps(ctx: RuleContext, doc: DocView, d: Dialect, gaps: CertGap[], extraLines: string[] = []): (TextEdit | undefined)[] {
  const edits: (TextEdit | undefined)[] = [];
  const lines = [...extraLines];
  for (const g of gaps) {
    if (g.ref) edits.push(setValue(ctx.file, g.ref, g.placeholder));
    else lines.push(`${g.key}: ${q(g.placeholder)}`);
  }
  if (lines.length) edits.push(insertUnder(ctx.file, d.block, lines, doc.index));
  return edits;
}

// ---------------------------------------------------------------------------
// TLS001 tls-disabled
// ---------------------------------------------------------------------------

const tls001 = defineRule('TLS001', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const switches = mainSwitches(ctx, doc);
    for (const s of switches) {
      if (s.on !== false || !s.ref.valueSpan) continue;
      const gaps = certGaps(ctx, doc, s.dialect);
      const fill = fillGaps(ctx, doc, s.dialect, gaps);
      const filled = fill.length > 0 && fill.every((e) => e);
      ctx.report({
        span: s.ref.valueSpan,
        message: `TLS is switched off (${dotted(s.ref)} is false), so bearer tokens, queries and results reach ThemisDB in clear text. Turn TLS on and give it a certificate and key.`,
        fixes: fixOf(ctx, filled ? `Set ${lastKey(s.ref)} to true and add certificate/key placeholders` : `Set ${lastKey(s.ref)} to true`, 'suggestion', [setValue(ctx.file, s.ref, true), ...fill]),
      });
    }
    if (switches.length) continue;

    // no switch at all: only a file that defines a listener needs one
    const listener = mainListener(doc);
    const grpc = doc.get(['grpc']);
    if (!listener && !(grpc?.keySpan && isMapRef(grpc) && doc.children(['grpc']).length)) continue;
    let d: Dialect;
    let at: YamlRef | undefined;
    if (listener) {
      const networkTls = doc.get(['network', 'tls']);
      if (networkTls?.keySpan) [d, at] = [dialect('network'), networkTls];
      else if (isEditionLike(doc)) [d, at] = [dialect('edition'), doc.get(['security']) ?? doc.get(['server'])];
      else if (networkListener(doc)) [d, at] = [dialect('network'), doc.get(['network'])];
      else [d, at] = [dialect('server'), doc.get(['server'])];
    } else {
      if (grpcTlsBlocks(doc).some((b) => b.path.length === 2)) continue; // gRPC has its own TLS block (TLS008)
      [d, at] = [dialect('grpc', ['grpc', 'tls']), grpc];
    }
    at = at?.keySpan ? at : doc.firstRoot;
    if (!at) continue;
    const gaps = certGaps(ctx, doc, d);
    const edits = fillGaps(ctx, doc, d, gaps, [`${d.switchKey}: true`]);
    const where = d.block.join('.');
    ctx.report({
      span: keySpanOf(at),
      message: `This file configures a listener (${listener ?? 'grpc'}) but never turns TLS on (${where}.${d.switchKey} is missing), so it serves plaintext. Enable TLS with a certificate and key.`,
      fixes: fixOf(ctx, `Add ${where}.${d.switchKey}: true${gaps.length ? ' with certificate/key placeholders' : ''}`, 'suggestion', edits),
    });
  }
});

// ---------------------------------------------------------------------------
// TLS003 tls-weak-cipher
// ---------------------------------------------------------------------------

const TLS13_SUITES = new Set(['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_CCM_SHA256', 'TLS_AES_128_CCM_8_SHA256']);
const RECOMMENDED = ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
/** OpenSSL aliases that pull in non-AEAD, export, anonymous or NULL suites. */
const WEAK_ALIASES = new Set(['ALL', 'COMPLEMENTOFALL', 'COMPLEMENTOFDEFAULT', 'LOW', 'MEDIUM', 'EXPORT', 'EXP', 'ENULL', 'ANULL', 'NULL', 'ADH', 'AECDH', 'RC4', 'DES', '3DES', 'MD5', 'SHA', 'SHA1', 'IDEA', 'SEED', 'RC2', 'CBC']);

/** Why a cipher suite name is unacceptable, or undefined when it is fine (or not a suite). */
export function weakCipherReason(raw: string): string | undefined {
  const name = raw.trim();
  if (!name || /^[!\-+@]/.test(name)) return undefined; // exclusions and directives
  const u = name.toUpperCase();
  if (WEAK_ALIASES.has(u)) return `the "${name}" group includes non-AEAD suites`;
  const tokens = u.split(/[-_+]/);
  const has = (...t: string[]) => t.some((x) => tokens.includes(x));
  if (has('NULL', 'ENULL', 'ANULL')) return 'NULL cipher or no authentication';
  if (has('ANON', 'ADH', 'AECDH')) return 'anonymous key exchange';
  if (has('EXPORT', 'EXP', 'EXPORT40', 'EXPORT1024')) return 'export-grade';
  if (has('RC4', 'RC2')) return 'RC4/RC2';
  if (has('3DES', 'DES', 'DES40', 'CBC3', 'EDE') || /DES-CBC3|DES_EDE|3DES/.test(u)) return '3DES/DES';
  if (has('MD5')) return 'MD5 MAC';
  if (has('CBC') || /_CBC_|-CBC-/.test(u)) return 'CBC mode';
  if (u.startsWith('TLS_') && !u.includes('_WITH_')) return TLS13_SUITES.has(u) ? undefined : 'unknown';
  if (/GCM|CHACHA20|POLY1305|CCM/.test(u)) return undefined;
  // an explicit suite (OpenSSL `ECDHE-RSA-AES128-SHA`, IANA `TLS_RSA_WITH_AES_128_CBC_SHA`) without an AEAD cipher
  if (u.includes('_WITH_') || /^[A-Z0-9]+(?:-[A-Z0-9]+)+$/.test(u)) return /CAMELLIA|ARIA|AES|SEED|IDEA/.test(u) ? 'CBC mode' : 'not an AEAD cipher';
  return undefined;
}

const CIPHER_KEYS = /^(?:cipher_suites|ciphersuites|tls_cipher_suites|tls_ciphersuites|ciphers|tls_ciphers|cipher_list|tls_cipher_list)$/;

function replaceListFix(ctx: RuleContext, listRef: YamlRef): Fix[] {
  const title = `Use only ${RECOMMENDED.join(' and ')}`;
  const node = listRef.node;
  if (isSeq(node)) {
    const items = ctx.file.yaml.children(listRef.path).filter((r) => r.docIndex === listRef.docIndex);
    if ((node as { flow?: boolean }).flow) {
      return listRef.valueSpan ? fixOf(ctx, title, 'fix', [{ ...listRef.valueSpan, newText: `[${RECOMMENDED.join(', ')}]` }]) : [];
    }
    const first = listRef.valueSpan?.start;
    const last = items[items.length - 1]?.valueSpan?.end;
    if (first === undefined || last === undefined) return [];
    const indent = ' '.repeat(ctx.file.lines.position(first).character);
    return fixOf(ctx, title, 'fix', [{ start: first, end: last, newText: RECOMMENDED.map((s, i) => (i ? indent : '') + `- ${s}`).join(ctx.file.lines.eol) }]);
  }
  return setFix(ctx, listRef, RECOMMENDED.join(':'), 'fix', title);
}

function cipherMessage(name: string, reason: string): string {
  if (reason === 'unknown') return `"${name}" is not one of the five TLS 1.3 cipher suites, so the TLS library ignores or rejects it and the suites in use differ from the ones reviewed. List ${RECOMMENDED.join(' and ')}.`;
  return `Cipher suite "${name}" is not authenticated encryption (${reason}); such suites are open to padding-oracle, keystream or downgrade attacks. Allow only ${RECOMMENDED.join(' and ')}.`;
}

const tls003 = defineRule('TLS003', (ctx) => {
  for (const ref of entriesNamed(ctx, CIPHER_KEYS)) {
    const k = lastKey(ref);
    // bare `ciphers` / `cipher_list` only inside a TLS block
    if (!/^tls_/.test(k) && k !== 'cipher_suites' && !ref.path.slice(0, -1).some((p) => /tls|ssl/i.test(p))) continue;
    if (isSeqRef(ref)) {
      for (const item of ctx.file.yaml.children(ref.path).filter((r) => r.docIndex === ref.docIndex)) {
        const name = resolvedString(ctx, item);
        const reason = name === undefined ? undefined : weakCipherReason(name);
        if (!reason || !item.valueSpan) continue;
        ctx.report({ span: item.valueSpan, message: cipherMessage(name!, reason), fixes: replaceListFix(ctx, ref) });
      }
      continue;
    }
    const value = resolvedString(ctx, ref);
    if (!value || !ref.valueSpan) continue;
    const bad = value
      .split(/[:,\s]+/)
      .map((n) => [n, weakCipherReason(n)] as const)
      .filter(([, r]) => r);
    if (!bad.length) continue;
    const [name, reason] = bad[0];
    const message =
      bad.length === 1
        ? cipherMessage(name, reason!)
        : `The cipher list allows suites without authenticated encryption or unknown TLS 1.3 names (${bad.map(([n]) => n).join(', ')}). Allow only ${RECOMMENDED.join(' and ')}.`;
    ctx.report({ span: ref.valueSpan, message, fixes: replaceListFix(ctx, ref) });
  }
});

// ---------------------------------------------------------------------------
// TLS004 tls-session-tickets
// ---------------------------------------------------------------------------

const tls004 = defineRule('TLS004', (ctx) => {
  for (const ref of entriesNamed(ctx, /^(?:tls_)?session_tickets$/)) {
    if (asBool(ctx.resolved(ref)) !== true || !ref.valueSpan) continue;
    ctx.report({
      span: ref.valueSpan,
      message: 'TLS session tickets are on: anyone who obtains the ticket key can decrypt the recorded sessions it protected, which defeats forward secrecy. Set session_tickets to false.',
      fixes: setFix(ctx, ref, false, 'fix'),
    });
  }
});

// ---------------------------------------------------------------------------
// TLS005 tls-client-auth
// ---------------------------------------------------------------------------

const CLIENT_CA = /^(?:client_ca|client_ca_file|client_ca_path|client_ca_cert|tls_ca|tls_ca_cert|tls_ca_file|tls_ca_path|tls_ca_cert_path|tls_client_ca)$/;
const TLS_CA = /^(?:ca|ca_file|ca_cert|ca_path|ca_cert_file|ca_cert_path)$/;

/** Why this document sets up mutual TLS or a cluster (for the message), or undefined. */
function mtlsContext(ctx: RuleContext, doc: DocView): string | undefined {
  for (const r of doc.refs) {
    if (!r.keySpan || r.path.includes('hsm') || r.path.includes('vault')) continue;
    const k = lastKey(r);
    const inTls = r.path.slice(0, -1).some((p) => /tls|ssl/i.test(p));
    if ((CLIENT_CA.test(k) || (TLS_CA.test(k) && inTls)) && !isEmptyValue(ctx, r)) return `a CA for client certificates is set in ${dotted(r)}`;
    if (k === 'client_cert_verification' && isMapRef(r)) return `${dotted(r)} is configured`;
  }
  for (const section of ['replication', 'sharding', 'multi_primary', 'raid']) {
    for (const flag of ['enabled', 'shipper_enabled']) {
      const f = doc.get([section, flag]);
      if (f && asBool(ctx.resolved(f)) === true) return `${section} is enabled`;
    }
    for (const list of ['replicas', 'nodes', 'shards', 'peers']) {
      const l = doc.get([section, list]);
      if (l && isSeqRef(l) && doc.children(l.path).length > 0) return `${section}.${list} lists other nodes`;
    }
  }
  return undefined;
}

const tls005 = defineRule('TLS005', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    let why: string | undefined | null = null; // computed once, lazily
    const context = () => (why === null ? (why = mtlsContext(ctx, doc)) : why);
    for (const ref of doc.refs) {
      if (!ref.keySpan || !ref.valueSpan) continue;
      const k = lastKey(ref);
      if (k === 'client_auth') {
        if (ref.path.length >= 3 && parentKey(ref) === 'tls' && ref.path[ref.path.length - 3] === 'grpc') continue; // TLS008
        const v = resolvedString(ctx, ref)?.toLowerCase();
        if (v !== 'none' && v !== 'optional') continue;
        const c = context();
        if (!c) continue;
        ctx.report({
          span: ref.valueSpan,
          message: `client_auth is "${writtenValue(ctx.file, ref)}" although ${c}: a peer that presents no client certificate is still served. Require client certificates.`,
          fixes: setFix(ctx, ref, 'required', 'fix'),
        });
      } else if (/^(?:verify_client_cert|tls_require_client_cert|require_client_cert|tls_verify_client_cert|verify_client)$/.test(k)) {
        if (asBool(ctx.resolved(ref)) !== false) continue;
        const c = context();
        if (!c) continue;
        ctx.report({
          span: ref.valueSpan,
          message: `${dotted(ref)} is false although ${c}: ThemisDB never asks peers for a certificate, so any host that reaches the port is served. Set it to true.`,
          fixes: setFix(ctx, ref, true, 'fix'),
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// TLS006 tls-missing-cert
// ---------------------------------------------------------------------------

const tls006 = defineRule('TLS006', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const checks: { d: Dialect; sw: YamlRef }[] = [];
    for (const s of mainSwitches(ctx, doc)) if (s.on === true) checks.push({ d: s.dialect, sw: s.ref });
    for (const block of grpcTlsBlocks(doc)) {
      const sw = doc.get([...block.path, 'enabled']);
      if (sw && asBool(ctx.resolved(sw)) === true) checks.push({ d: dialect('grpc', block.path), sw });
    }
    for (const { d, sw } of checks) {
      const gaps = certGaps(ctx, doc, d);
      if (!gaps.length) continue;
      const fix = fixOf(ctx, `Add placeholder ${gaps.map((g) => g.key).join(' and ')}`, 'suggestion', fillGaps(ctx, doc, d, gaps));
      const block = doc.get(d.block);
      const absent = gaps.filter((g) => !g.ref);
      if (absent.length && block?.keySpan) {
        const what = absent.map((g) => `${g.name} path (${g.key})`).join(' and ');
        ctx.report({
          span: block.keySpan,
          message: `TLS is on (${dotted(sw)}) but the ${what} ${absent.length > 1 ? 'are' : 'is'} missing: no TLS handshake can complete without a certificate and its private key. Point ${absent.map((g) => g.key).join(' and ')} at the PEM files.`,
          fixes: fix,
        });
      }
      for (const g of gaps.filter((x) => x.ref)) {
        ctx.report({
          span: g.ref!.valueSpan ?? keySpanOf(g.ref!),
          message: `TLS is on (${dotted(sw)}) but the ${g.name} path ${dotted(g.ref!)} is empty: no TLS handshake can complete without it. Point it at the PEM file.`,
          fixes: fix,
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// TLS007 tls-revocation-off
// ---------------------------------------------------------------------------

const tls007 = defineRule('TLS007', (ctx) => {
  for (const ref of entriesNamed(ctx, /^(?:crl_check|ocsp_stapling|tls_crl_check|tls_ocsp_stapling)$/)) {
    if (asBool(ctx.resolved(ref)) !== false || !ref.valueSpan) continue;
    const ocsp = /ocsp/.test(lastKey(ref));
    ctx.report({
      span: ref.valueSpan,
      message: ocsp
        ? 'OCSP stapling is off, so clients cannot learn promptly that the server certificate was revoked. Turn stapling on.'
        : 'Certificate revocation (CRL) checking is off: a stolen and revoked client certificate keeps working until it expires. Turn the CRL check on.',
      fixes: setFix(ctx, ref, true, 'fix'),
    });
  }
});

// ---------------------------------------------------------------------------
// TLS008 grpc-tls
// ---------------------------------------------------------------------------

const tls008 = defineRule('TLS008', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const block of grpcTlsBlocks(doc)) {
      const sw = doc.get([...block.path, 'enabled']);
      if (sw?.valueSpan && asBool(ctx.resolved(sw)) === false) {
        ctx.report({
          span: sw.valueSpan,
          message: `gRPC runs without TLS (${dotted(sw)} is false): replication, shard and API calls between nodes can be read and altered on the wire. Enable TLS for gRPC.`,
          fixes: setFix(ctx, sw, true, 'fix'),
        });
      }
      const auth = doc.get([...block.path, 'client_auth']);
      if (!auth) {
        ctx.report({
          span: keySpanOf(block),
          message: `${dotted(block)} does not require client certificates (client_auth is missing), so any host that reaches the gRPC port can call it. Set client_auth to required.`,
          fixes: fixOf(ctx, 'Add client_auth: required', 'fix', [insertUnder(ctx.file, block.path, ['client_auth: required'], doc.index)]),
        });
      } else if (auth.valueSpan && resolvedString(ctx, auth)?.toLowerCase() !== 'required') {
        ctx.report({
          span: auth.valueSpan,
          message: `gRPC client_auth is "${writtenValue(ctx.file, auth)}", so callers without a client certificate are accepted on a channel meant for machines. Set it to required.`,
          fixes: setFix(ctx, auth, 'required', 'fix'),
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// TLS009 tls-wildcard-peer
// ---------------------------------------------------------------------------

const tls009 = defineRule('TLS009', (ctx) => {
  for (const ref of entriesNamed(ctx, /^(?:allowed_cn_patterns|allowed_organizations|allowed_cns|allowed_common_names|allowed_orgs)$/)) {
    const items = isSeqRef(ref) ? ctx.file.yaml.children(ref.path).filter((r) => r.docIndex === ref.docIndex) : [ref];
    const what = /org/.test(lastKey(ref)) ? 'organization' : 'common name';
    for (const item of items) {
      if (resolvedString(ctx, item) !== '*' || !item.valueSpan) continue;
      ctx.report({
        span: item.valueSpan,
        message: `A bare "*" in ${lastKey(ref)} accepts a client certificate with any ${what} from the CA, so the filter lets everything through while looking restrictive. List the patterns your clients really use.`,
      });
    }
  }
});

// ---------------------------------------------------------------------------
// TLS010 tls-verify-off
// ---------------------------------------------------------------------------

/** Keys that must be true (false turns verification off). */
const VERIFY_TRUE = /^(?:tls_verify|ssl_verify|verify_ssl|verify_tls|verify_certificate|verify_certs|verify_server_cert|[a-z0-9_]+_tls_verify|[a-z0-9_]+_ssl_verify)$/;
/** Keys that must be false (true turns verification off). */
const VERIFY_FALSE = /^(?:insecure_skip_verify|tls_insecure_skip_verify|insecure_skip_tls_verify|skip_tls_verify|tls_skip_verify|skip_verify|ssl_skip_verify)$/;
/** Where a bare `verify` is about a remote TLS peer. */
const VERIFY_CONTEXT = /tls|ssl|https?|vault|kms|cert|connection|client|proxy|remote|endpoint|s3|webhook|siem|splunk|elastic|ldap|oidc|ranger|pki|syslog/i;
const VERIFY_SIBLING = /^(?:url|uri|address|addr|endpoint|host|server|ca_file|ca_cert|ca_path|ca_bundle)$/;

const tls010 = defineRule('TLS010', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const ref of doc.refs) {
      if (!ref.keySpan || !ref.valueSpan) continue;
      const k = lastKey(ref);
      let want: boolean;
      if (VERIFY_FALSE.test(k)) want = false;
      else if (VERIFY_TRUE.test(k)) want = true;
      else if (k === 'verify') {
        const parents = ref.path.slice(0, -1);
        const siblings = doc.children(parents).map(lastKey);
        if (!parents.some((p) => VERIFY_CONTEXT.test(p)) && !siblings.some((s) => VERIFY_SIBLING.test(s))) continue;
        want = true;
      } else continue;
      const v = asBool(ctx.resolved(ref));
      if (v === undefined || v === want) continue;
      const target = ref.path.slice(0, -1).join('.') || 'this connection';
      ctx.report({
        span: ref.valueSpan,
        message: `${dotted(ref)} is ${writtenValue(ctx.file, ref)}: certificates are not verified, so anyone who can intercept ${target} can pose as the remote side and read or alter the traffic. Verify certificates (trust a private CA if needed).`,
        fixes: setFix(ctx, ref, want, 'fix'),
      });
    }
  }
});

// ---------------------------------------------------------------------------
// TLS011 weak-key-size
// ---------------------------------------------------------------------------

const SHA1_SIG = /^(?:(?:RSA|ECDSA|DSA|RSASSA[-_]PKCS1[-_]V1[-_]5|RSASSA[-_]PSS|RSA[-_]PSS)[-_ ]?(?:WITH[-_ ]?)?(?:SHA[-_]?1|MD5)|(?:SHA[-_]?1|MD5)[-_ ]?(?:WITH)?[-_ ]?(?:RSA|ECDSA|DSA)(?:ENCRYPTION)?|RS1|ES1)$/i;

/** What is weak about a key-type / algorithm value, or undefined. */
export function weakKeyReason(value: string): { kind: 'size'; bits: number } | { kind: 'hash'; hash: string } | undefined {
  const v = value.trim();
  const m = /^RSA[-_: ]?(\d{3,5})(?:[-_ /].*)?$/i.exec(v) ?? /^(?:RSA[-_]?)?(?:SHA\d+[-_]?)?RSA[-_]?(\d{3,5})$/i.exec(v);
  if (m && Number(m[1]) < 3072) return { kind: 'size', bits: Number(m[1]) };
  if (SHA1_SIG.test(v)) return { kind: 'hash', hash: /MD5/i.test(v) ? 'MD5' : 'SHA-1' };
  return undefined;
}

const KEY_SIZE_KEYS = /^(?:rsa_)?(?:key_size|key_bits|key_length|modulus_bits|modulus_size|bits|rsa_bits|size)$/;

const tls011 = defineRule('TLS011', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const ref of doc.refs) {
      if (!ref.valueSpan || !isScalar(ref.node)) continue;
      const value = ctx.resolved(ref);
      if (typeof value === 'string') {
        const weak = weakKeyReason(value);
        if (!weak) continue;
        const shown = writtenValue(ctx.file, ref);
        const fixes: Fix[] = [...setFix(ctx, ref, 'RSA-4096', 'suggestion', 'Use RSA-4096'), ...setFix(ctx, ref, 'ECDSA-P256', 'suggestion', 'Use ECDSA-P256')];
        if (weak.kind === 'hash') {
          const alt = shown.replace(/SHA[-_]?1|MD5/i, (s) => (/_/.test(s) ? 'SHA_256' : /-/.test(s) ? 'SHA-256' : 'SHA256'));
          if (alt !== shown) fixes.push(...setFix(ctx, ref, alt, 'suggestion', `Use ${alt}`));
        }
        ctx.report({
          span: ref.valueSpan,
          message:
            weak.kind === 'size'
              ? `${shown} is an RSA key of ${weak.bits} bits, below the 3072 bits ThemisDB's posture guide asks for; keys that sign or protect data for years need more margin. Use RSA-4096 or ECDSA-P256.`
              : `${shown} signs with ${weak.hash}, whose collisions are practical, so signatures made with it can be forged. Use RSA-4096 or ECDSA-P256 with SHA-256 or stronger.`,
          fixes,
        });
      } else if (typeof value === 'number' && KEY_SIZE_KEYS.test(lastKey(ref)) && value > 0 && value < 3072) {
        // a bare size counts only next to an RSA key type (or in an rsa_* key)
        const siblings = doc.children(ref.path.slice(0, -1));
        const rsa = /rsa/i.test(lastKey(ref)) || siblings.some((s) => /^(?:type|key_type|algorithm|key_algorithm|kty|alg)$/.test(lastKey(s)) && /^RSA/i.test(resolvedString(ctx, s) ?? ''));
        if (!rsa) continue;
        ctx.report({
          span: ref.valueSpan,
          message: `An RSA key size of ${value} bits is below the 3072 bits ThemisDB's posture guide asks for. Use 4096-bit RSA or switch to ECDSA P-256.`,
          fixes: setFix(ctx, ref, 4096, 'suggestion', 'Use 4096 bits'),
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// TLS002 tls-min-version
// ---------------------------------------------------------------------------

/** Minor TLS version (0 = 1.0, 3 = 1.3) of a value like "1.2", 1.2, "TLSv1.2", "SSLv3"; undefined if unreadable. */
export function tlsMinor(value: unknown): number | undefined {
  if (typeof value === 'number') value = value.toFixed(1);
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (/^sslv?[23]$/i.test(v)) return -1;
  const m = /^(?:tls\s*v?\s*)?1[._](\d)$/i.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** The value that means TLS 1.3 in the dialect of this entry. */
function tls13For(ref: YamlRef): string | number {
  const v = ref.value;
  if (typeof v === 'number') return 1.3;
  if (typeof v === 'string' && /^tls/i.test(v.trim())) return 'TLSv1.3';
  // core config.yaml spells the server's TLS versions "TLSv1.x"
  return lastKey(ref) === 'tls_min_version' && parentKey(ref) === 'server' ? 'TLSv1.3' : '1.3';
}

function minVersionEntries(ctx: RuleContext): YamlRef[] {
  return entriesNamed(ctx, /^(?:min_version|tls_min_version|min_tls_version)$/).filter(
    (r) => lastKey(r) !== 'min_version' || /tls/i.test(parentKey(r) ?? ''),
  );
}

function setTo13(ctx: RuleContext, ref: YamlRef): Fix[] {
  const value = tls13For(ref);
  const edit = setValue(ctx.file, ref, value);
  return edit ? [{ title: `Set ${lastKey(ref)} to ${JSON.stringify(value)}`, kind: 'fix', changes: [{ path: ctx.file.path, edits: [edit] }] }] : [];
}

const tls002 = defineRule('TLS002', (ctx) => {
  for (const ref of minVersionEntries(ctx)) {
    const value = ctx.resolved(ref);
    const minor = tlsMinor(value);
    if (minor === undefined || !ref.valueSpan) continue;
    const shown = writtenValue(ctx.file, ref);
    if (minor < 2) {
      ctx.report({
        span: ref.valueSpan,
        severity: 'error',
        message: `Minimum TLS version ${shown} lets clients connect with protocol versions older than TLS 1.2, which have known breaks. Require TLS 1.3.`,
        fixes: setTo13(ctx, ref),
      });
    } else if (minor === 2) {
      ctx.report({
        span: ref.valueSpan,
        severity: 'warning',
        message: `The minimum TLS version is ${shown}. TLS 1.2 is still acceptable, but 1.3 removes the legacy handshakes and weak suites: require 1.3.`,
        fixes: setTo13(ctx, ref),
      });
    }
    // max_version below min_version: no handshake can ever succeed
    const siblingMax = lastKey(ref) === 'tls_min_version' ? 'tls_max_version' : 'max_version';
    const maxRef = ctx.file.yaml.get([...ref.path.slice(0, -1), siblingMax]);
    const maxMinor = tlsMinor(ctx.resolved(maxRef));
    if (maxRef?.valueSpan && maxMinor !== undefined && maxMinor < minor) {
      ctx.report({
        span: maxRef.valueSpan,
        severity: 'error',
        message: `The maximum TLS version ${writtenValue(ctx.file, maxRef)} is below the minimum ${shown}: no client can complete a handshake.`,
        fixes: setTo13(ctx, maxRef),
      });
    }
  }
});

export const tlsRules = [tls001, tls002, tls003, tls004, tls005, tls006, tls007, tls008, tls009, tls010, tls011];
