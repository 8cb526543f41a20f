// KMS004 key-rotation: key rotation off or absent, or a rotation interval above its limit (master/API keys 90 days, TLS 397).
import { isScalar } from 'yaml';
import { asBool, DocView, isMapRef, YamlRef } from '../../documents/yamlModel';
import { insertUnder, setValue } from '../../fixes/yamlEdits';
import { Span } from '../../types';
import { dotted, keySpanOf, lastKey, shownValue } from '../query';
import { defineRule } from '../rule';
import { counted } from '../shared/wording';

/** Sections of the guide's `security` tree (edition files use flat `enable_*` keys instead). */
const GUIDE_SECURITY = new Set([
  'hsm',
  'gpu',
  'vram',
  'vram_encryption',
  'encryption',
  'key_rotation',
  'authentication',
  'authorization',
  'audit',
  'active_keys',
  'keys',
]);

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

const INTERVAL_KEY =
  /^(?:interval|interval_days|rotation_interval|rotation_days|days|period|period_days|max_age|max_age_days|every|every_days)$|_(?:days|interval|interval_days|rotation_days)$/;
const UNIT_DAYS: Record<string, number> = {
  d: 1,
  day: 1,
  days: 1,
  h: 1 / 24,
  hour: 1 / 24,
  hours: 1 / 24,
  w: 7,
  week: 7,
  weeks: 7,
  y: 365,
  year: 365,
  years: 365,
};

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

/** The limit written like the value it replaces (a number, or a string in the same unit when it divides evenly). */
function limitValue(ref: YamlRef, unit: string, days: number): string | number {
  if (typeof ref.value === 'number' || unit === '') return typeof ref.value === 'number' ? days : String(days);
  const f = UNIT_DAYS[unit.toLowerCase()];
  const n = days / f;
  return Number.isInteger(n) ? `${n}${unit}` : `${days}d`;
}

/** A scalar anywhere under a key_rotation block (DocView.where: it reads the entry alone). */
const isUnderKeyRotation = (ref: YamlRef): ref is YamlRef & { valueSpan: Span } =>
  ref.path.includes('key_rotation') && !!ref.valueSpan && isScalar(ref.node);

const WITHOUT_ROTATION =
  ' Without scheduled rotation a leaked master key, certificate or API key stays useful until someone notices. ' +
  'Enable key rotation (master key and API keys every 90 days, certificates every 397 days at most).';

export default defineRule({
  meta: {
    id: 'KMS004',
    name: 'key-rotation',
    kinds: ['config'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      rotationOff: () =>
        'Key rotation is switched off. ' +
        'A leaked master key, certificate or API key stays useful indefinitely and exposes everything it ever protected. ' +
        'Enable rotation (90 days for the master key).',
      enabledMissing: () => `security.key_rotation does not enable rotation (enabled is missing).${WITHOUT_ROTATION}`,
      rotationMissing: (d: { configures: 'security' | 'encryption at rest' }) =>
        `This file configures ${d.configures} but has no security.key_rotation.${WITHOUT_ROTATION}`,
      intervalTooLong: (d: { what: string; days: number; written: string; limit: number }) =>
        `The ${d.what} rotates every ${counted(d.days, 'day')}${d.written === String(d.days) ? '' : ` (${d.written})`}, ` +
        `above the ${d.limit}-day maximum. A stolen ${d.what} stays valid that much longer. Rotate at least every ${d.limit} days.`,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      // switch
      const rotation = doc.get(['security', 'key_rotation']);
      const enabled = doc.get(['security', 'key_rotation', 'enabled']);
      const addEnabled = (title: string) =>
        ctx.fix(title, [insertUnder(ctx.file, ['security', 'key_rotation'], ['enabled: true'], doc.index)]);
      if (enabled?.valueSpan && asBool(ctx.resolved(enabled)) === false) {
        ctx.report({
          messageId: 'rotationOff',
          span: enabled.valueSpan,
          fixes: [ctx.fix('Set enabled to true', [setValue(ctx.file, enabled, true)])],
        });
      } else if (!enabled) {
        const sec = guideSecurity(doc);
        const encryption = doc.get(['storage', 'encryption', 'enabled']);
        const encrypts = !!encryption && asBool(ctx.resolved(encryption)) === true;
        if (rotation?.keySpan && isMapRef(rotation)) {
          ctx.report({
            messageId: 'enabledMissing',
            span: keySpanOf(rotation),
            asks: ['security', 'key_rotation', 'enabled'],
            fixes: [addEnabled('Add enabled: true')],
          });
        } else if (!rotation && (sec || encrypts)) {
          const at = sec ?? doc.get(['storage']);
          if (at?.keySpan) {
            ctx.report({
              messageId: 'rotationMissing',
              data: { configures: sec ? 'security' : 'encryption at rest' },
              span: at.keySpan,
              asks: ['security', 'key_rotation', 'enabled'],
              fixes: [addEnabled('Add security.key_rotation.enabled: true')],
            });
          }
        }
      }

      // intervals, anywhere under a key_rotation block
      for (const ref of doc.where(isUnderKeyRotation)) {
        const i = ref.path.indexOf('key_rotation');
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
          messageId: 'intervalTooLong',
          data: { what: limit.what, days: parsed.days, written: shownValue(ctx, ref), limit: limit.days },
          span: ref.valueSpan,
          fixes: [ctx.fix(`Set ${dotted(ref).split('.').slice(-2).join('.')} to ${to}`, [setValue(ctx.file, ref, to)])],
        });
      }
    }
  },
});
