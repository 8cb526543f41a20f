// CMP001 hipaa-encryption: HIPAA claimed while encryption of PHI is not required or encryption at rest is off.
import { YamlRef } from '../../documents/yamlModel';
import { keySpanOf, shownValue } from '../query';
import { defineRule } from '../rule';
import { atRestState } from '../shared/atRest';
import { boolOf, textOf, ValueReader } from '../shared/values';
import { frameworkOn } from './shared';

/** A requirement flag: true, or words like `required` / `enforced`. */
function required(ctx: ValueReader, ref: YamlRef | undefined): boolean | undefined {
  if (!ref) return undefined;
  const b = boolOf(ctx, ref);
  if (b !== undefined) return b;
  const t = textOf(ctx, ref)?.toLowerCase();
  if (t === undefined) return /\$\{/.test(String(ref.value ?? '')) ? true : undefined;
  if (/^(?:required|enforced|enabled|mandatory|always)$/.test(t)) return true;
  if (/^(?:optional|disabled|none|never)$/.test(t)) return false;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'CMP001',
    name: 'hipaa-encryption',
    kinds: ['config'],
    severity: 'error',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      encryptionNotRequired: (d: { value: string }) =>
        `HIPAA is enabled but PHI encryption is not required (encryption_required: ${d.value}). ` +
        'The Security Rule expects protected health information to be encrypted. Set encryption_required: true.',
      encryptionRequirementMissing: () =>
        'HIPAA is enabled but phi_protection does not require encryption. ' +
        'PHI may then be stored in clear. Add encryption_required: true under compliance.hipaa.phi_protection.',
      atRestOff: () =>
        'HIPAA is enabled while encryption at rest is off in this config. ' +
        'Protected health information would sit unencrypted on disk and in backups. ' +
        'Enable storage (or field) encryption before claiming HIPAA.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      const on = frameworkOn(ctx, doc, 'hipaa');
      if (!on) continue;
      const reqRef = doc.get(['compliance', 'hipaa', 'phi_protection', 'encryption_required']);
      if (required(ctx, reqRef) !== true) {
        if (reqRef?.valueSpan) {
          ctx.report({
            messageId: 'encryptionNotRequired',
            data: { value: shownValue(ctx, reqRef) },
            span: reqRef.valueSpan,
          });
        } else {
          const parent = doc.get(['compliance', 'hipaa', 'phi_protection']) ?? doc.get(['compliance', 'hipaa'])!;
          ctx.report({ messageId: 'encryptionRequirementMissing', span: keySpanOf(parent) });
        }
      }
      if (atRestState(ctx, doc) === 'off') {
        ctx.report({ messageId: 'atRestOff', span: on.valueSpan ?? keySpanOf(on) });
      }
    }
  },
});
