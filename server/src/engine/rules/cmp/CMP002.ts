// CMP002 gdpr-retention: GDPR claimed without a retention period, with an empty or zero one, or with auto_delete off.
import { keySpanOf } from '../query';
import { defineRule } from '../rule';
import { boolOf, numberAt, textOf } from '../shared/values';
import { frameworkOn } from './shared';

const PERIOD_KEYS = ['default_period', 'period', 'period_days', 'default_period_days', 'retention_days', 'days', 'max_age'];

export default defineRule({
  meta: {
    id: 'CMP002',
    name: 'gdpr-retention',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      noPeriod: () =>
        'GDPR is enabled but no retention period is set. ' +
        'Personal data is then kept indefinitely, against the storage-limitation principle. ' +
        'Set compliance.gdpr.retention.default_period (days).',
      emptyPeriod: () =>
        'GDPR is enabled but the retention period is empty or zero. ' +
        'Personal data has no deletion deadline. Set a positive number of days.',
      autoDeleteOff: () =>
        'GDPR retention is set but auto_delete is false. ' +
        'Expired personal data stays until someone removes it by hand. Turn auto_delete on.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      if (!frameworkOn(ctx, doc, 'gdpr')) continue;
      const gdpr = doc.get(['compliance', 'gdpr'])!;
      const retention = doc.get(['compliance', 'gdpr', 'retention']);
      const period =
        PERIOD_KEYS.map((k) => doc.get(['compliance', 'gdpr', 'retention', k])).find((r) => r) ??
        doc.get(['compliance', 'gdpr', 'retention_days']) ??
        doc.get(['compliance', 'gdpr', 'retention_period']);
      const scalarRetention = retention && !doc.children(retention.path).length && retention.valueSpan ? retention : undefined;
      const periodRef = period ?? scalarRetention;
      if (!periodRef) {
        ctx.report({ messageId: 'noPeriod', span: keySpanOf(retention ?? gdpr) });
      } else {
        const n = numberAt(ctx, periodRef);
        const unresolved = /\$\{/.test(String(periodRef.value ?? '')) && textOf(ctx, periodRef) === undefined;
        const empty = !periodRef.valueSpan;
        if (!unresolved && (empty || (n !== undefined && n <= 0))) {
          ctx.report({ messageId: 'emptyPeriod', span: periodRef.valueSpan ?? keySpanOf(periodRef) });
        }
      }
      const auto = doc.get(['compliance', 'gdpr', 'retention', 'auto_delete']);
      if (auto?.valueSpan && boolOf(ctx, auto) === false) {
        ctx.report({ messageId: 'autoDeleteOff', span: auto.valueSpan });
      }
    }
  },
});
