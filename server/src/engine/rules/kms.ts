// KMS — keys, HSM, Vault and rotation rules.
//
// Two HSM dialects:
// - `hsm.*` at the top of security.yaml or the main config: read by the 2026
//   server (hsm_startup_policy.h), which accepts only `pkcs11` and `stub` and
//   needs `hsm.pkcs11.library_path` for pkcs11;
// - `security.hsm.*` in edition files and the hardening guide: not read by the
//   server, but copied from.
import { isScalar } from 'yaml';
import { asBool, DocView, isMapRef, YamlRef } from '../documents/yamlModel';
import { insertUnder } from '../fixes/yamlEdits';
import { Fix } from '../types';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';
import { dotted, keySpanOf, lastKey, writtenValue } from './query';
import { fixOf, isEmptyValue, resolvedString, setFix } from './tls';

const STUB_LIKE = new Set(['stub', 'mock', 'software', 'soft', 'fake', 'dummy', 'simulated', 'simulator']);
const SERVER_PROVIDERS = new Set(['pkcs11', 'stub']);

interface Provider {
  ref: YamlRef;
  value: string;
  /** `hsm.provider` (read by the server) or `security.hsm.provider` (edition / guide dialect). */
  serverRead: boolean;
  doc: DocView;
}

/** Whether an edition / guide file switches its HSM off (`security.enable_hsm: false`, `security.hsm.enabled: false`). */
function hsmSwitchedOff(ctx: RuleContext, doc: DocView): boolean {
  for (const p of [['security', 'enable_hsm'], ['security', 'hsm', 'enabled']]) {
    const r = doc.get(p);
    if (r && asBool(ctx.resolved(r)) === false) return true;
  }
  return false;
}

function providers(ctx: RuleContext): Provider[] {
  const out: Provider[] = [];
  for (const doc of ctx.file.yaml.documents()) {
    const server = doc.get(['hsm', 'provider']);
    const guide = doc.get(['security', 'hsm', 'provider']);
    for (const [ref, serverRead] of [[server, true], [guide, false]] as const) {
      if (!ref?.valueSpan || !isScalar(ref.node)) continue;
      if (!serverRead && hsmSwitchedOff(ctx, doc)) continue;
      const value = resolvedString(ctx, ref);
      if (!value || value.includes('${')) continue;
      out.push({ ref, value: value.toLowerCase(), serverRead, doc });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// KMS001 hsm-stub
// ---------------------------------------------------------------------------

const kms001 = defineRule('KMS001', (ctx) => {
  for (const p of providers(ctx)) {
    if (!STUB_LIKE.has(p.value)) continue;
    const shown = writtenValue(ctx.file, p.ref);
    let message: string;
    if (!p.serverRead) {
      message = `The HSM provider is "${shown}", a software stand-in rather than hardware: master keys would sit in process memory where a memory dump reveals them. Use a real HSM through pkcs11 for production.`;
    } else if (p.value === 'stub') {
      message = `The HSM provider is "${shown}", a software stand-in: master keys sit in ordinary process memory with no hardware protection, and a production-mode server refuses to start with it. Configure a real HSM through pkcs11.`;
    } else {
      // mock/software: a stub by another name, which the 2026 server does not even know (one finding, not a second KMS003)
      message = `The HSM provider is "${shown}", a software stand-in with no hardware protection for the master keys; the server also rejects this name at startup (it knows only pkcs11 and stub). Configure a real HSM through pkcs11.`;
    }
    ctx.report({ span: p.ref.valueSpan!, message });
  }
});

// ---------------------------------------------------------------------------
// KMS002 hsm-extractable-key
// ---------------------------------------------------------------------------

const kms002 = defineRule('KMS002', (ctx) => {
  for (const ref of ctx.file.yaml.refs) {
    if (!ref.keySpan || !ref.valueSpan || !/^(?:extractable|cka_extractable|key_extractable)$/i.test(lastKey(ref))) continue;
    if (asBool(ctx.resolved(ref)) !== true) continue;
    const owner = ref.path.slice(0, -1).join('.') || 'this key';
    ctx.report({
      span: ref.valueSpan,
      message: `${owner} is marked extractable, so its raw key material can be exported from the HSM and a leaked HSM credential becomes a permanent key leak. Set extractable to false and re-create the key if the HSM already has it as extractable.`,
      fixes: setFix(ctx, ref, false, 'fix'),
    });
  }
});

// ---------------------------------------------------------------------------
// KMS003 hsm-provider-unsupported
// ---------------------------------------------------------------------------

// Severity (catalog W/E, in the order of its triggers): a provider name the
// server does not support -> W; `pkcs11` without `hsm.pkcs11.library_path`,
// a provider that is right but cannot load -> E. In the edition / guide dialect,
// which the server does not read, a missing library is a W.
const kms003 = defineRule('KMS003', (ctx) => {
  for (const p of providers(ctx)) {
    if (STUB_LIKE.has(p.value)) continue; // KMS001, the more specific finding
    const shown = writtenValue(ctx.file, p.ref);
    if (!SERVER_PROVIDERS.has(p.value)) {
      ctx.report({
        span: p.ref.valueSpan!,
        severity: 'warning',
        message: p.serverRead
          ? `The ThemisDB server accepts only the pkcs11 and stub HSM providers, so hsm.provider "${shown}" stops startup with an unsupported-provider error. Reach this HSM or KMS through its PKCS#11 library (provider pkcs11), or through Vault.`
          : `HSM provider "${shown}" is not one the ThemisDB server supports (only pkcs11 and stub); moved into hsm.provider, it would stop startup. Reach this HSM or KMS through its PKCS#11 library, or through Vault.`,
      });
      continue;
    }
    if (p.value !== 'pkcs11') continue;
    if (p.serverRead) {
      const lib = p.doc.get(['hsm', 'pkcs11', 'library_path']);
      if (!isEmptyValue(ctx, lib)) continue;
      const at = lib?.valueSpan ?? (lib ? keySpanOf(lib) : keySpanOf(p.doc.get(['hsm', 'pkcs11']) ?? p.doc.get(['hsm'])!));
      ctx.report({
        span: at,
        severity: 'error',
        message: `hsm.provider is pkcs11 but hsm.pkcs11.library_path is ${lib ? 'empty' : 'missing'}, and the server refuses to start without the PKCS#11 library. Set it to the vendor's .so (for example /opt/cloudhsm/lib/libcloudhsm_pkcs11.so).`,
      });
    } else {
      const libs = ['pkcs11_library', 'library_path', 'pkcs11_library_path'].map((k) => p.doc.get(['security', 'hsm', k]));
      const nested = p.doc.get(['security', 'hsm', 'pkcs11', 'library_path']);
      if ([...libs, nested].some((l) => l && !isEmptyValue(ctx, l))) continue;
      const empty = [...libs, nested].find((l) => l);
      ctx.report({
        span: empty?.valueSpan ?? keySpanOf(p.doc.get(['security', 'hsm'])!),
        severity: 'warning',
        message: `The pkcs11 HSM provider has no library (security.hsm.pkcs11_library ${empty ? 'is empty' : 'is missing'}); the server needs the vendor's PKCS#11 library to start. Set the path to it.`,
      });
    }
  }
});

// ---------------------------------------------------------------------------
// KMS004 key-rotation
// ---------------------------------------------------------------------------

/** Sections of the guide's `security` tree (edition files use flat `enable_*` keys instead). */
const GUIDE_SECURITY = new Set(['hsm', 'gpu', 'vram', 'vram_encryption', 'encryption', 'key_rotation', 'authentication', 'authorization', 'audit', 'active_keys', 'keys']);

function guideSecurity(doc: DocView): YamlRef | undefined {
  const sec = doc.get(['security']);
  if (!sec?.keySpan || !isMapRef(sec) || doc.has(['edition'])) return undefined;
  const kids = doc.children(['security']);
  if (kids.some((k) => /^(?:enable_|tls_)/.test(lastKey(k)))) return undefined;
  return kids.some((k) => GUIDE_SECURITY.has(lastKey(k))) ? sec : undefined;
}

interface Limit {
  what: string;
  days: number;
}

function limitFor(segments: string[]): Limit | undefined {
  const s = segments.join('.').toLowerCase();
  if (/master/.test(s)) return { what: 'master key', days: 90 };
  if (/tls|cert/.test(s)) return { what: 'TLS certificate', days: 397 };
  if (/api[_-]?keys?|token/.test(s)) return { what: 'API key', days: 90 };
  return undefined;
}

const INTERVAL_KEY = /^(?:interval|interval_days|rotation_interval|rotation_days|days|period|period_days|max_age|max_age_days|every|every_days)$|_(?:days|interval|interval_days|rotation_days)$/;
const UNIT_DAYS: Record<string, number> = { d: 1, day: 1, days: 1, h: 1 / 24, hour: 1 / 24, hours: 1 / 24, w: 7, week: 7, weeks: 7, y: 365, year: 365, years: 365 };

/** Days of an interval value (number = days; `90d`, `2160h`, `12w`, `1y`), undefined when unreadable. */
function intervalDays(value: unknown): { days: number; unit: string } | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return { days: value, unit: '' };
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  if (unit === '') return { days: Number(m[1]), unit: '' };
  const f = UNIT_DAYS[unit];
  return f === undefined ? undefined : { days: Number(m[1]) * f, unit: m[2] };
}

function limitValue(ref: YamlRef, unit: string, days: number): string | number | undefined {
  if (typeof ref.value === 'number' || unit === '') return typeof ref.value === 'number' ? days : String(days);
  const f = UNIT_DAYS[unit.toLowerCase()];
  const n = days / f;
  return Number.isInteger(n) ? `${n}${unit}` : `${days}d`;
}

const kms004 = defineRule('KMS004', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    // switch
    const rotation = doc.get(['security', 'key_rotation']);
    const enabled = doc.get(['security', 'key_rotation', 'enabled']);
    if (enabled?.valueSpan && asBool(ctx.resolved(enabled)) === false) {
      ctx.report({
        span: enabled.valueSpan,
        message: 'Key rotation is switched off, so a leaked master key, certificate or API key stays useful indefinitely and exposes everything it ever protected. Enable rotation (90 days for the master key).',
        fixes: setFix(ctx, enabled, true, 'fix'),
      });
    } else if (!enabled) {
      const sec = guideSecurity(doc);
      const encryption = doc.get(['storage', 'encryption', 'enabled']);
      const encrypts = !!encryption && asBool(ctx.resolved(encryption)) === true;
      if (rotation?.keySpan && isMapRef(rotation)) {
        report(ctx, keySpanOf(rotation), 'security.key_rotation does not enable rotation (enabled is missing)', fixOf(ctx, 'Add enabled: true', 'fix', [insertUnder(ctx.file, ['security', 'key_rotation'], ['enabled: true'], doc.index)]));
      } else if (!rotation && (sec || encrypts)) {
        const at = sec ?? doc.get(['storage']);
        if (at?.keySpan) {
          report(
            ctx,
            at.keySpan,
            `This file configures ${sec ? 'security' : 'encryption at rest'} but has no security.key_rotation`,
            fixOf(ctx, 'Add security.key_rotation.enabled: true', 'fix', [insertUnder(ctx.file, ['security', 'key_rotation'], ['enabled: true'], doc.index)]),
          );
        }
      }
    }

    // intervals, anywhere under a key_rotation block
    for (const ref of doc.refs) {
      const i = ref.path.indexOf('key_rotation');
      if (i < 0 || !ref.valueSpan || !isScalar(ref.node)) continue;
      const below = ref.path.slice(i + 1);
      const k = lastKey(ref);
      if (/notice|warning|grace|overlap|retain|retention|backup/i.test(k)) continue;
      const parent = below[below.length - 2] ?? '';
      if (!INTERVAL_KEY.test(k) && !/^(?:intervals|schedules|schedule)$/.test(parent)) continue;
      // an interval directly under key_rotation covers every key, the master key included
      const limit = limitFor(below) ?? (below.length === 1 && INTERVAL_KEY.test(k) ? { what: 'key', days: 90 } : undefined);
      if (!limit) continue;
      const parsed = intervalDays(ctx.resolved(ref));
      if (!parsed || parsed.days <= limit.days) continue;
      const to = limitValue(ref, parsed.unit, limit.days);
      ctx.report({
        span: ref.valueSpan,
        message: `The ${limit.what} rotates every ${writtenValue(ctx.file, ref)}${parsed.unit ? '' : ' days'}, longer than the ${limit.days}-day maximum: a stolen ${limit.what} stays valid that much longer. Rotate at least every ${limit.days} days.`,
        fixes: to === undefined ? [] : setFix(ctx, ref, to, 'fix', `Set ${dotted(ref).split('.').slice(-2).join('.')} to ${to}`),
      });
    }
  }
});

function report(ctx: RuleContext, span: { start: number; end: number }, what: string, fixes: Fix[]): void {
  ctx.report({
    span,
    message: `${what}: without scheduled rotation a leaked master key, certificate or API key stays useful until someone notices. Enable key rotation (master key and API keys every 90 days, certificates every 397 days at most).`,
    fixes,
  });
}

export const kmsRules: Rule[] = [kms001, kms002, kms003, kms004];
