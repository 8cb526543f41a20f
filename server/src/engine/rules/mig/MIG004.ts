// MIG004 mig-uuid-format: a MIG instance whose uuid is missing, empty or not of the form MIG-….
import { keySpanOf, writtenValue } from '../query';
import { defineRule } from '../rule';
import { textOf } from '../shared/values';
import { instanceName, instanceSpan, instancesOf } from './shared';

const HEX_UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `MIG-<uuid>` (driver R470 and later) or the older `MIG-GPU-<gpu uuid>/<gi>/<ci>`. */
const MIG_UUID = new RegExp(`^MIG-(?:${HEX_UUID}|GPU-${HEX_UUID}/\\d+/\\d+)$`, 'i');

export default defineRule({
  meta: {
    id: 'MIG004',
    name: 'mig-uuid-format',
    kinds: ['mig'],
    blockLocal: true,
    severity: 'error',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      missing: (d: { instance: string }) =>
        `MIG instance ${d.instance} has no uuid, so it cannot be bound to a GPU slice. Add the MIG-… UUID that nvidia-smi -L prints.`,
      empty: () =>
        'This MIG instance has an empty uuid, so it cannot be bound to a GPU slice. Use the MIG-… UUID that nvidia-smi -L prints.',
      incomplete: (d: { uuid: string }) =>
        `"${d.uuid}" is not a complete MIG UUID, so CUDA_VISIBLE_DEVICES would match no device. The form is MIG-<uuid>, or MIG-GPU-<gpu uuid>/<gi>/<ci> on older drivers. Copy the UUID from nvidia-smi -L.`,
      notMig: (d: { uuid: string }) =>
        `"${d.uuid}" is not a MIG slice: MIG UUIDs start with MIG-. A GPU UUID or index hands out the whole GPU. Use the MIG-… UUID from nvidia-smi -L.`,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const inst of instancesOf(doc)) {
        const ref = inst.uuid;
        if (!ref) {
          ctx.report({ messageId: 'missing', data: { instance: instanceName(ctx, inst) }, span: instanceSpan(inst) });
          continue;
        }
        if (/\$\{/.test(String(ref.value ?? '')) && textOf(ctx, ref) === undefined) continue; // unresolved variable
        const v = textOf(ctx, ref) ?? '';
        if (MIG_UUID.test(v)) continue;
        const span = ref.valueSpan ?? keySpanOf(ref);
        if (!v) ctx.report({ messageId: 'empty', span });
        else
          ctx.report({
            messageId: /^MIG-/i.test(v) ? 'incomplete' : 'notMig',
            data: { uuid: writtenValue(ctx.file, ref) },
            span,
          });
      }
    }
  },
});
