// ENC — encryption at rest. Also home of the per-document helpers that the
// AUD, GPU, MIG and CMP families share (multi-document YAML: every edition of
// all-editions.yaml is checked on its own).
import { basename } from 'path';
import { isScalar } from 'yaml';
import { asBool, DocView, isMapRef, YamlRef } from '../documents/yamlModel';
import { insertUnder, setValue } from '../fixes/yamlEdits';
import { Fix, FixKind, TextEdit } from '../types';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';
import { keySpanOf, lastKey, writtenValue } from './query';

// ---------------------------------------------------------------------------
// Shared helpers (exported for aud.ts, gpu.ts, mig.ts, cmp.ts)
// ---------------------------------------------------------------------------

export const isFlow = (ref: YamlRef | undefined): boolean => !!ref && !!(ref.node as { flow?: boolean } | null)?.flow;

/** true/false as the server reads the value (after `${VAR}` substitution). */
export function boolOf(ctx: RuleContext, ref: YamlRef | undefined): boolean | undefined {
  return ref ? asBool(ctx.resolved(ref)) : undefined;
}

/** A resolved scalar as trimmed text, or undefined (collections, empty, unresolved `${VAR}`). */
export function textOf(ctx: RuleContext, ref: YamlRef | undefined): string | undefined {
  if (!ref) return undefined;
  const v = ctx.resolved(ref);
  if (v === null || v === undefined || typeof v === 'object') return undefined;
  const s = String(v).trim();
  if (/\$\{[^}]*\}/.test(s)) return undefined;
  return s;
}

/** A resolved number (numbers written as strings count), or undefined. */
export function numberOf(ctx: RuleContext, ref: YamlRef | undefined): number | undefined {
  if (!ref) return undefined;
  const v = ctx.resolved(ref);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function fixOf(ctx: RuleContext, title: string, kind: FixKind, edits: (TextEdit | undefined)[]): Fix[] {
  const list = edits.filter((e): e is TextEdit => !!e);
  if (list.length === 0 || list.length !== edits.length) return [];
  return [{ title, kind, changes: [{ path: ctx.file.path, edits: list }] }];
}

/** `setValue`, but only on a scalar or empty entry that is not a `${VAR}` reference (that one is fixed in the .env). */
export function setEdit(ctx: RuleContext, ref: YamlRef, value: string | number | boolean): TextEdit | undefined {
  if (ref.node && !isScalar(ref.node)) return undefined;
  if (typeof ref.value === 'string' && ref.value.includes('${')) return undefined;
  return setValue(ctx.file, ref, value);
}

export function setFix(ctx: RuleContext, ref: YamlRef, value: string | number | boolean, kind: FixKind = 'fix', title?: string): Fix[] {
  return fixOf(ctx, title ?? `Set ${ref.path[ref.path.length - 1]} to ${typeof value === 'string' ? value : String(value)}`, kind, [setEdit(ctx, ref, value)]);
}

/**
 * `insertUnder` for one document: only when the entries it would anchor on are
 * the ones of this document (the model's path lookup sees the first document).
 */
export function insertFix(ctx: RuleContext, doc: DocView, parentPath: string[], lines: string[], title: string, kind: FixKind = 'fix'): Fix[] {
  return fixOf(ctx, title, kind, [insertUnder(ctx.file, parentPath, lines, doc.index)]);
}

/** Every entry of a document under `base` (any depth), base itself excluded. */
export function descendants(doc: DocView, base: string[]): YamlRef[] {
  if (base.length === 0) return doc.refs;
  const out: YamlRef[] = [];
  const walk = (p: string[]): void => {
    for (const k of doc.children(p)) {
      out.push(k);
      walk(k.path);
    }
  };
  walk(base);
  return out;
}

/** All entries of the document whose own key matches. */
export function namedIn(doc: DocView, key: string | RegExp): YamlRef[] {
  return doc.named(key);
}

/** Edition files (config/editions/*.yaml) use `security.enable_*` switches. */
export function isEditionDoc(doc: DocView): boolean {
  if (doc.get('edition')) return true;
  return doc.children('security').some((r) => /^enable_(tls|auth|rbac|field_encryption|hsm|mac)$/.test(lastKey(r)));
}

/** The entry whose value switches a feature: `<path>.enabled`, or `<path>` itself when it holds a boolean. */
export function switchRef(ctx: RuleContext, doc: DocView, path: string[]): YamlRef | undefined {
  const ref = doc.get(path);
  if (!ref) return undefined;
  if (isMapRef(ref)) return doc.get([...path, 'enabled']);
  if (boolOf(ctx, ref) !== undefined) return ref;
  return undefined;
}

// ---------------------------------------------------------------------------
// Encryption-at-rest state, shared with CMP
// ---------------------------------------------------------------------------

interface AtRestSwitch {
  ref: YamlRef;
  /** What the switch controls, for messages. */
  label: string;
}

/** Every switch of a document that turns encryption at rest on or off, in all dialects. */
export function atRestSwitches(ctx: RuleContext, doc: DocView): AtRestSwitch[] {
  const out: AtRestSwitch[] = [];
  const add = (ref: YamlRef | undefined, label: string): void => {
    if (ref) out.push({ ref, label });
  };
  add(switchRef(ctx, doc, ['storage', 'encryption']), 'storage encryption');
  add(switchRef(ctx, doc, ['storage', 'encryption', 'field_level']), 'field-level encryption');
  add(switchRef(ctx, doc, ['field_encryption']), 'field encryption');
  add(switchRef(ctx, doc, ['security', 'field_encryption']), 'field encryption');
  add(doc.get(['security', 'enable_field_encryption']), 'field encryption');
  add(switchRef(ctx, doc, ['security', 'encryption']), 'encryption at rest');
  return out;
}

/** Whether the document configures its storage (a `storage` block with content). */
export function storageConfigured(doc: DocView): YamlRef | undefined {
  const storage = doc.get('storage');
  return isMapRef(storage) && doc.children('storage').length > 0 ? storage : undefined;
}

/**
 * 'on': a switch is on (or set through an unresolved variable); 'off': a switch
 * is explicitly false, or storage is configured with no switch at all;
 * 'unknown': the document says nothing about encryption at rest.
 */
export function atRestState(ctx: RuleContext, doc: DocView): 'on' | 'off' | 'unknown' {
  // field-level encryption inside storage.encryption neither turns the rest on nor off
  const main = atRestSwitches(ctx, doc).filter((s) => s.label !== 'field-level encryption');
  if (main.some((s) => boolOf(ctx, s.ref) === false)) return 'off';
  if (main.length > 0) return 'on';
  if (!storageConfigured(doc)) return 'unknown';
  return securitySiblingSays(ctx, (d) => atRestSwitches(ctx, d).filter((x) => x.label !== 'field-level encryption').map((x) => x.ref)) ? 'on' : 'off';
}

/**
 * Whether a security.yaml next to this file switches the setting on (the
 * server pairs config.yaml with the security.yaml of the same folder), so its
 * absence here is not a gap.
 */
export function securitySiblingSays(ctx: RuleContext, switchesOf: (doc: DocView) => YamlRef[]): boolean {
  for (const f of ctx.workspace.siblingConfigs(ctx.file.path)) {
    if (!/^security(?:\.[\w.-]+)?\.ya?ml$/i.test(basename(f.path))) continue;
    for (const d of f.yaml.documents()) {
      const refs = switchesOf(d);
      if (refs.length > 0 && refs.every((r) => boolOf(ctx, r) !== false)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// ENC001 encryption-disabled
// ---------------------------------------------------------------------------

const enc001 = defineRule('ENC001', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const switches = atRestSwitches(ctx, doc);
    let explicitOff = false;
    for (const s of switches) {
      if (boolOf(ctx, s.ref) !== false || !s.ref.valueSpan) continue;
      explicitOff = true;
      const where = s.ref.path.join('.');
      ctx.report({
        span: s.ref.valueSpan,
        message: `${cap(s.label)} is switched off (${where}): the data files, snapshots and backups can be read by anyone who gets hold of the disk. Turn it on and keep its key in Vault or an HSM.`,
        fixes: setFix(ctx, s.ref, true, 'fix', `Set ${lastKey(s.ref)} to true`),
      });
    }
    if (explicitOff) continue;
    const storage = storageConfigured(doc);
    if (!storage) continue;
    if (switches.some((s) => s.label !== 'field-level encryption')) continue; // on, or set through a variable
    const enc = doc.get(['storage', 'encryption']);
    if (enc) {
      // encryption block without its switch
      ctx.report({
        span: keySpanOf(enc),
        message: 'storage.encryption has no `enabled: true`, so the block does not switch encryption at rest on. Add the switch so the RocksDB files are written encrypted.',
        fixes: isMapRef(enc) ? insertFix(ctx, doc, ['storage', 'encryption'], ['enabled: true'], 'Add enabled: true to storage.encryption') : [],
      });
      continue;
    }
    if (securitySiblingSays(ctx, (d) => atRestSwitches(ctx, d).filter((x) => x.label !== 'field-level encryption').map((x) => x.ref))) continue;
    if (isEditionDoc(doc) && isMapRef(doc.get('security')) && !isFlow(doc.get('security'))) {
      const security = doc.get('security')!;
      ctx.report({
        span: keySpanOf(security),
        message: 'This edition config never turns on encryption at rest (security.enable_field_encryption is missing), so stored records stay readable on disk and in backups. Add enable_field_encryption: true.',
        fixes: insertFix(ctx, doc, ['security'], ['enable_field_encryption: true'], 'Add security.enable_field_encryption: true'),
      });
      continue;
    }
    ctx.report({
      span: keySpanOf(storage),
      message: 'Storage is configured without encryption at rest: anyone who copies the disk, a volume snapshot or a backup can read the RocksDB files. Add storage.encryption with enabled: true and a Vault or HSM key provider.',
      fixes: insertFix(ctx, doc, ['storage'], ['encryption:', '  enabled: true'], 'Add storage.encryption.enabled: true'),
    });
  }
});

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------
// ENC002 weak-cipher-at-rest
// ---------------------------------------------------------------------------

/** Parents whose `algorithm` is an at-rest data cipher (not a signature or key type). */
const AT_REST_PARENT = /^(?:encryption|field_encryption|field_level|vram_encryption|at_rest|data_encryption|encryption_at_rest)$/;

function cipherEntries(doc: DocView): YamlRef[] {
  return doc.refs.filter((r) => {
    if (!r.keySpan) return false;
    const key = lastKey(r);
    const parent = r.path[r.path.length - 2];
    const candidate =
      ((key === 'algorithm' || key === 'cipher') && parent !== undefined && AT_REST_PARENT.test(parent)) ||
      /^(?:encryption_algorithm|encryption_cipher|cipher_at_rest)$/.test(key);
    return candidate && !r.path.some((p) => /^(?:tls|grpc|network|hsm|signing)$/.test(p));
  });
}

type CipherVerdict = 'strong' | 'short' | 'weak';

export function cipherVerdict(value: string): CipherVerdict {
  const v = value.toUpperCase().replace(/[\s_/]+/g, '-');
  if (/^X?CHACHA20-?POLY1305$/.test(v)) return 'strong';
  if (/^AES-?256-?GCM(?:-?SIV)?$/.test(v) || /^AES-?GCM-?256$/.test(v)) return 'strong';
  if (/^AES-?(?:128|192)-?GCM(?:-?SIV)?$/.test(v) || /^AES-?GCM-?(?:128|192)$/.test(v)) return 'short';
  if (/^AES-?(?:128|192|256)-?(?:CCM|OCB|SIV)$/.test(v)) return 'short';
  return 'weak';
}

const enc002 = defineRule('ENC002', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const ref of cipherEntries(doc)) {
      const value = textOf(ctx, ref);
      if (!value || !ref.valueSpan) continue;
      const verdict = cipherVerdict(value);
      if (verdict === 'strong') continue;
      const shown = writtenValue(ctx.file, ref);
      const fixes = setFix(ctx, ref, 'AES-256-GCM', 'fix', 'Use AES-256-GCM');
      if (verdict === 'short') {
        ctx.report({
          span: ref.valueSpan,
          severity: 'warning',
          message: `${shown} is authenticated but uses a shorter key than the 256 bits ThemisDB's hardening guidance asks for data at rest. Switch to AES-256-GCM (existing data needs re-encryption).`,
          fixes,
        });
      } else {
        ctx.report({
          span: ref.valueSpan,
          severity: 'error',
          message: `${shown} is not an authenticated 256-bit cipher: modes like ECB, CBC or CTR and ciphers like DES, 3DES or RC4 let stored data be read or silently altered. Use AES-256-GCM or ChaCha20-Poly1305.`,
          fixes,
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// ENC003 weak-kdf
// ---------------------------------------------------------------------------

const ARGON2_MIN: { names: RegExp; key: string; min: number; set: number; unit: string }[] = [
  { names: /^(?:memory_cost|m_cost|memory_kib|memory)$/, key: 'memory_cost', min: 65536, set: 65536, unit: 'KiB' },
  { names: /^(?:time_cost|t_cost|passes)$/, key: 'time_cost', min: 3, set: 3, unit: 'passes' },
  { names: /^(?:parallelism|p_cost|lanes|threads)$/, key: 'parallelism', min: 1, set: 4, unit: 'lanes' },
];

function kdfParamsOf(doc: DocView, base: string[]): YamlRef | undefined {
  for (const name of ['kdf_params', 'kdf_parameters', 'kdf_options', 'argon2']) {
    const r = doc.get([...base, name]);
    if (isMapRef(r)) return r;
  }
  return undefined;
}

const enc003 = defineRule('ENC003', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const bases = new Map<string, string[]>();
    for (const r of namedIn(doc, /^(?:kdf|key_derivation|kdf_params|kdf_parameters|kdf_options)$/)) {
      const base = r.path.slice(0, -1);
      if (base.some((p) => /^(?:tls|network|grpc)$/.test(p))) continue;
      bases.set(base.join('\u0000'), base);
    }
    for (const base of bases.values()) {
      const kdfRef = doc.get([...base, 'kdf']) ?? doc.get([...base, 'key_derivation']);
      const kdf = textOf(ctx, kdfRef)?.toLowerCase().replace(/[\s_]/g, '-');
      const params = kdfParamsOf(doc, base);
      const paramRefs = params ? doc.children(params.path) : [];
      const low = (): { ref: YamlRef; spec: (typeof ARGON2_MIN)[number] }[] => {
        const out: { ref: YamlRef; spec: (typeof ARGON2_MIN)[number] }[] = [];
        for (const spec of ARGON2_MIN) {
          const ref = paramRefs.find((p) => spec.names.test(lastKey(p)));
          const n = numberOf(ctx, ref);
          if (ref && n !== undefined && n < spec.min) out.push({ ref, spec });
        }
        return out;
      };
      if (kdfRef && kdf !== undefined && kdf !== 'argon2id' && kdf !== 'scrypt' && kdfRef.valueSpan) {
        // switch to argon2id and bring its parameters to the minimums
        const edits: (TextEdit | undefined)[] = [setEdit(ctx, kdfRef, 'argon2id')];
        const isArgon = /^argon2/.test(kdf);
        if (params && !isFlow(params)) {
          for (const { ref, spec } of isArgon ? low() : []) edits.push(setEdit(ctx, ref, spec.set));
          const missing = ARGON2_MIN.filter((spec) => !paramRefs.some((p) => spec.names.test(lastKey(p)))).map((s) => `${s.key}: ${s.set}`);
          if (missing.length) edits.push(insertUnder(ctx.file, params.path, missing, doc.index));
        } else if (!params) {
          edits.push(insertUnder(ctx.file, base, ['kdf_params:', ...ARGON2_MIN.map((s) => `  ${s.key}: ${s.set}`)], doc.index));
        }
        ctx.report({
          span: kdfRef.valueSpan,
          message: `Keys are derived with ${writtenValue(ctx.file, kdfRef)}, which is cheap to brute-force on GPUs if a key file or backup leaks. Use the memory-hard argon2id (or scrypt).`,
          fixes: fixOf(ctx, 'Use argon2id with at least 64 MiB, 3 passes', 'fix', edits),
        });
        continue;
      }
      if (kdf !== undefined && kdf !== 'argon2id' && !/^argon2/.test(kdf)) continue; // scrypt, or a value we cannot read
      for (const { ref, spec } of low()) {
        if (!ref.valueSpan) continue;
        ctx.report({
          span: ref.valueSpan,
          message: `argon2 ${lastKey(ref)} ${writtenValue(ctx.file, ref)} is below the minimum of ${spec.min} ${spec.unit}, which makes offline guessing of the passphrase cheaper. Raise it to at least ${spec.set}.`,
          fixes: setFix(ctx, ref, spec.set, 'fix', `Set ${lastKey(ref)} to ${spec.set}`),
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// ENC004 local-key-provider
// ---------------------------------------------------------------------------

const LOCAL_PROVIDERS = new Set(['file', 'env', 'environment', 'local', 'mock', 'plaintext', 'keyfile', 'key_file']);

const enc004 = defineRule('ENC004', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const ref of namedIn(doc, /^(?:key_provider|key_source|keystore|key_store)$/)) {
      const v = textOf(ctx, ref)?.toLowerCase();
      if (!v || !LOCAL_PROVIDERS.has(v) || !ref.valueSpan) continue;
      ctx.report({
        span: ref.valueSpan,
        message: `key_provider "${writtenValue(ctx.file, ref)}" keeps the encryption key on the same machine as the data, so one host compromise or disk copy exposes both. Use Vault (or an HSM) to keep keys apart from the data.`,
        fixes: setFix(ctx, ref, 'vault', 'suggestion', 'Use the vault key provider'),
      });
    }
  }
});

// ---------------------------------------------------------------------------
// ENC005 encryption-scope
// ---------------------------------------------------------------------------

const SCOPE: Record<string, { severity: 'warning' | 'info'; what: string }> = {
  encrypt_data: { severity: 'warning', what: 'the data files themselves' },
  encrypt_checkpoints: { severity: 'warning', what: 'checkpoints (full copies of the data)' },
  encrypt_logs: { severity: 'warning', what: 'logs (recent values and statements)' },
  encrypt_wal: { severity: 'warning', what: 'the write-ahead log (recent values)' },
  encrypt_backups: { severity: 'warning', what: 'backups (full copies of the data)' },
  encrypt_indexes: { severity: 'info', what: 'indexes (keys and embeddings)' },
};

const enc005 = defineRule('ENC005', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const ref of namedIn(doc, /^encrypt_(?:data|checkpoints|logs|wal|backups|indexes)$/)) {
      if (boolOf(ctx, ref) !== false || !ref.valueSpan) continue;
      const parent = ref.path.slice(0, -1);
      if (boolOf(ctx, doc.get([...parent, 'enabled'])) === false) continue; // ENC001 reports the block
      const scope = SCOPE[lastKey(ref)];
      ctx.report({
        span: ref.valueSpan,
        severity: scope.severity,
        message:
          scope.severity === 'info'
            ? `Encryption at rest leaves out ${scope.what}; a disk copy still reveals them. Keep it only if you measured the cost and accept that leak.`
            : `Encryption at rest is on but ${lastKey(ref)} is false, so ${scope.what} stay in clear on disk. Set it to true.`,
        fixes: setFix(ctx, ref, true, 'fix', `Set ${lastKey(ref)} to true`),
      });
    }
  }
});

// ---------------------------------------------------------------------------
// ENC006 unencrypted-artifacts
// ---------------------------------------------------------------------------

const enc006 = defineRule('ENC006', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const checks: { path: string[]; message: string }[] = [
      {
        path: ['training', 'checkpoint', 'encryption'],
        message: 'Training checkpoints are written unencrypted: they hold the model weights and can memorise training data. Encrypt them with a Vault or HSM key.',
      },
      {
        path: ['training', 'checkpoint', 'signing'],
        message: 'Checkpoints are not signed, so a swapped or poisoned checkpoint would be loaded without complaint. Turn signing on with a non-extractable key.',
      },
      {
        path: ['llm', 'encryption'],
        message: 'LLM model files are stored unencrypted: anyone with read access to the model directory can copy fine-tuned weights. Turn llm.encryption on.',
      },
      {
        path: ['backup', 'encryption'],
        message: 'Backups are written unencrypted: a backup is a full copy of the database, readable by whoever reaches the backup store. Turn backup encryption on.',
      },
    ];
    for (const c of checks) {
      const ref = switchRef(ctx, doc, c.path);
      if (!ref || boolOf(ctx, ref) !== false || !ref.valueSpan) continue;
      ctx.report({ span: ref.valueSpan, message: c.message, fixes: setFix(ctx, ref, true, 'fix', `Set ${ref.path.join('.')} to true`) });
    }
    // backup destinations: `encryption: false` per destination
    for (const ref of descendants(doc, ['backup'])) {
      if (ref.path.length < 3 || !/^(?:encryption|encrypt|encrypted)$/.test(lastKey(ref))) continue;
      const target = isMapRef(ref) ? doc.get([...ref.path, 'enabled']) : ref;
      if (!target || boolOf(ctx, target) !== false || !target.valueSpan) continue;
      if (target.path.join('.') === 'backup.encryption.enabled') continue; // reported above
      ctx.report({
        span: target.valueSpan,
        message: 'This backup destination stores copies of the database unencrypted. Turn encryption on for it, with a key that is not kept next to the backups.',
        fixes: setFix(ctx, target, true, 'fix', `Set ${lastKey(target)} to true`),
      });
    }
  }
});

export const encRules: Rule[] = [enc001, enc002, enc003, enc004, enc005, enc006];
