// AUD007 audit-retention: audit records kept (rotation max_age, retention_days, …) for less than 90 days.
import { isScalar } from 'yaml';
import { setValue } from '../../fixes/yamlEdits';
import { lastKey, shownValue } from '../query';
import { defineRule } from '../rule';
import { descendants } from '../shared/documents';
import { counted } from '../shared/wording';
import { activeAuditBlocks } from './shared';

const MIN_DAYS = 90;

/** Days of a retention value (`30`, `"30d"`, `"720h"`, `"4w"`), or undefined. */
function retentionDays(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(d|days?|h|hours?|w|weeks?|y|years?)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'd').toLowerCase()[0];
  return unit === 'h' ? n / 24 : unit === 'w' ? n * 7 : unit === 'y' ? n * 365 : n;
}

/** The value of 90 days in the unit the user wrote. */
function ninetyDaysLike(v: unknown): string | number {
  if (typeof v === 'number') return MIN_DAYS;
  // the number's digits are never given back to the unit (\w holds digits): linear on long digit runs
  const m = /^\d+(?:\.\d+)?(?![\d.])(\s*)(\w*)$/.exec(String(v).trim());
  const sep = m?.[1] ?? '';
  const unit = m?.[2] ?? '';
  const u = unit.toLowerCase()[0];
  if (!unit) return String(MIN_DAYS);
  if (u === 'h') return `${MIN_DAYS * 24}${sep}${unit}`;
  if (u === 'w') return `${Math.ceil(MIN_DAYS / 7)}${sep}${unit}`;
  if (u === 'y') return `1${sep}${unit.replace(/s$/i, '')}`;
  return `${MIN_DAYS}${sep}${unit}`;
}

export default defineRule({
  meta: {
    id: 'AUD007',
    name: 'audit-retention',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      tooShort: (d: { days: number; value: string; key: string }) =>
        `Audit records are kept for only ${counted(d.days, 'day')} ` +
        `(${d.key}${d.value === String(d.days) ? '' : `: ${d.value}`}). ` +
        'Breaches are often found months later, and compliance reviews ask for at least 90 days. Keep them for 90 days or more.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const block of activeAuditBlocks(ctx, doc)) {
        for (const ref of descendants(doc, block.path)) {
          if (!ref.keySpan || !ref.valueSpan || !isScalar(ref.node)) continue;
          const key = lastKey(ref);
          const parent = ref.path[ref.path.length - 2];
          const relevant =
            (key === 'max_age' && parent === 'rotation') ||
            /^(?:retention_days|retention_period|retention|max_age_days|keep_days)$/.test(key);
          if (!relevant) continue;
          const raw = ctx.resolved(ref);
          const days = retentionDays(raw);
          if (days === undefined || days <= 0 || days >= MIN_DAYS) continue;
          const value = ninetyDaysLike(raw);
          ctx.report({
            messageId: 'tooShort',
            data: { days, value: shownValue(ctx, ref), key },
            span: ref.valueSpan,
            fixes: [ctx.fix(`Set ${key} to ${value}`, [setValue(ctx.file, ref, value)])],
          });
        }
      }
    }
  },
});
