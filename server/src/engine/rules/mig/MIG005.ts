// MIG005 mig-vram-limit: a `vram_limit` not written as <n>gb/<n>mb, or above what the instance's profile offers.
import { keySpanOf, writtenValue } from '../query';
import { defineRule } from '../rule';
import { textOf } from '../shared/values';
import { instancesOf } from './shared';

/** Megabytes of a `<n>gb` / `<n>mb` limit, or undefined when the form is wrong. */
function vramLimitMb(v: string): number | undefined {
  const m = /^(\d+)(gb|mb)$/i.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n <= 0) return undefined;
  return m[2].toLowerCase() === 'gb' ? n * 1024 : n;
}

/** Memory (GB) that a MIG profile name offers: `3g.20gb` → 20. */
function profileGb(profile: string): number | undefined {
  const m = /^(?:MIG\s+)?\d+g\.(\d+)gb/i.exec(profile.trim());
  return m ? Number(m[1]) : undefined;
}

export default defineRule({
  meta: {
    id: 'MIG005',
    name: 'mig-vram-limit',
    kinds: ['mig'],
    blockLocal: true,
    severity: 'error',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      /** `value` is the limit as written, undefined when the entry is empty. */
      form: (d: { value: string | undefined }) =>
        `vram_limit ${d.value !== undefined ? `"${d.value}"` : '(empty)'} is not a size in gb or mb, so the limit cannot be applied. Write a whole number followed by gb or mb, for example 5gb or 5120mb.`,
      aboveProfile: (d: { value: string; gb: number; profile: string }) =>
        `vram_limit ${d.value} is more than the ${d.gb} GB that profile ${d.profile} provides. The limit promises memory the slice does not have. Lower it to ${d.gb}gb or less, or pick a larger profile.`,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const inst of instancesOf(doc)) {
        const ref = doc.get([...inst.item.path, 'vram_limit']);
        if (!ref) continue;
        if (/\$\{/.test(String(ref.value ?? '')) && textOf(ctx, ref) === undefined) continue;
        const raw = ctx.resolved(ref);
        const mb = vramLimitMb(raw === null || raw === undefined ? '' : String(raw));
        if (mb === undefined) {
          ctx.report({
            messageId: 'form',
            data: { value: ref.valueSpan ? writtenValue(ctx.file, ref) : undefined },
            span: ref.valueSpan ?? keySpanOf(ref),
          });
          continue;
        }
        const profile = textOf(ctx, doc.get([...inst.item.path, 'profile']));
        const gb = profile ? profileGb(profile) : undefined;
        if (!profile || gb === undefined || mb <= gb * 1024) continue;
        ctx.report({
          messageId: 'aboveProfile',
          data: { value: writtenValue(ctx.file, ref), gb, profile },
          span: ref.valueSpan!,
        });
      }
    }
  },
});
