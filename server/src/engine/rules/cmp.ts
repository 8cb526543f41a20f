// CMP — compliance consistency: a `compliance.<framework>.enabled` claim checked
// against the encryption and audit settings of the same file (all dialects).
import { asBool, DocView, YamlRef } from '../documents/yamlModel';
import { auditState } from './aud';
import { atRestState, boolOf, numberOf, switchRef, textOf } from './enc';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';
import { keySpanOf, writtenValue } from './query';

/** The switch of `compliance.<name>` when it is on. */
function frameworkOn(ctx: RuleContext, doc: DocView, name: string): YamlRef | undefined {
  const sw = switchRef(ctx, doc, ['compliance', name]);
  return sw && boolOf(ctx, sw) === true ? sw : undefined;
}

/** A requirement flag: true, or words like `required` / `enforced`. */
function required(ctx: RuleContext, ref: YamlRef | undefined): boolean | undefined {
  if (!ref) return undefined;
  const b = boolOf(ctx, ref);
  if (b !== undefined) return b;
  const t = textOf(ctx, ref)?.toLowerCase();
  if (t === undefined) return /\$\{/.test(String(ref.value ?? '')) ? true : undefined;
  if (/^(?:required|enforced|enabled|mandatory|always)$/.test(t)) return true;
  if (/^(?:optional|disabled|none|never)$/.test(t)) return false;
  return undefined;
}

// ---------------------------------------------------------------------------
// CMP001 hipaa-encryption
// ---------------------------------------------------------------------------

const cmp001 = defineRule('CMP001', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const on = frameworkOn(ctx, doc, 'hipaa');
    if (!on) continue;
    const reqRef = doc.get(['compliance', 'hipaa', 'phi_protection', 'encryption_required']);
    const req = required(ctx, reqRef);
    if (req !== true) {
      const span = reqRef?.valueSpan ?? keySpanOf(doc.get(['compliance', 'hipaa', 'phi_protection']) ?? doc.get(['compliance', 'hipaa'])!);
      ctx.report({
        span,
        message: reqRef?.valueSpan
          ? `HIPAA is enabled but encryption of PHI is not required (encryption_required: ${writtenValue(ctx.file, reqRef)}); the Security Rule expects protected health information to be encrypted. Set encryption_required: true.`
          : 'HIPAA is enabled but phi_protection does not require encryption, so PHI may be stored in clear. Add encryption_required: true under compliance.hipaa.phi_protection.',
      });
    }
    if (atRestState(ctx, doc) === 'off') {
      ctx.report({
        span: on.valueSpan ?? keySpanOf(on),
        message: 'HIPAA is enabled while encryption at rest is off in this config, so protected health information would sit unencrypted on disk and in backups. Enable storage (or field) encryption before claiming HIPAA.',
      });
    }
  }
});

// ---------------------------------------------------------------------------
// CMP002 gdpr-retention
// ---------------------------------------------------------------------------

const PERIOD_KEYS = ['default_period', 'period', 'period_days', 'default_period_days', 'retention_days', 'days', 'max_age'];

const cmp002 = defineRule('CMP002', (ctx) => {
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
      ctx.report({
        span: keySpanOf(retention ?? gdpr),
        message: 'GDPR is enabled but no retention period is set, so personal data is kept indefinitely, against the storage-limitation principle. Set compliance.gdpr.retention.default_period (days).',
      });
    } else {
      const n = numberOf(ctx, periodRef);
      const unresolved = /\$\{/.test(String(periodRef.value ?? '')) && textOf(ctx, periodRef) === undefined;
      const empty = !periodRef.valueSpan;
      if (!unresolved && (empty || (n !== undefined && n <= 0))) {
        ctx.report({
          span: periodRef.valueSpan ?? keySpanOf(periodRef),
          message: 'GDPR is enabled but the retention period is empty or zero, which leaves personal data without a deletion deadline. Set a positive number of days.',
        });
      }
    }
    const auto = doc.get(['compliance', 'gdpr', 'retention', 'auto_delete']);
    if (auto?.valueSpan && asBool(ctx.resolved(auto)) === false) {
      ctx.report({
        span: auto.valueSpan,
        message: 'GDPR retention is set but auto_delete is false, so expired personal data stays until someone removes it by hand. Turn auto_delete on.',
      });
    }
  }
});

// ---------------------------------------------------------------------------
// CMP003 soc2-controls
// ---------------------------------------------------------------------------

const cmp003 = defineRule('CMP003', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const on = frameworkOn(ctx, doc, 'soc2');
    if (!on) continue;
    const span = on.valueSpan ?? keySpanOf(on);
    if (auditState(ctx, doc) === 'off') {
      ctx.report({
        span,
        message: 'SOC 2 is enabled while audit logging is off in this config; the monitoring controls (CC7.2) cannot be evidenced without an audit trail. Turn audit logging on.',
      });
    }
    if (atRestState(ctx, doc) === 'off') {
      ctx.report({
        span,
        message: 'SOC 2 is enabled while encryption at rest is off in this config, which breaks the data-protection control (CC6.1/CC6.7) the report relies on. Turn on storage or field encryption.',
      });
    }
  }
});

export const cmpRules: Rule[] = [cmp001, cmp002, cmp003];
