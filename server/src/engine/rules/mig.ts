// MIG — mig.yaml: NVIDIA Multi-Instance GPU slices and the users they belong to.
// Format (this project's, after the GPU hardening guide):
//   mig:
//     enabled: true
//     instances:
//       - uuid: MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e
//         name: train-a          (optional)
//         gpu: 0                 (optional, device index)
//         profile: 1g.5gb        (optional, NVIDIA profile)
//         users: [ml_user1]
//         vram_limit: 5gb
import * as path from 'path';
import { isScalar } from 'yaml';
import { DocView, isMapRef, isSeqRef, YamlRef } from '../documents/yamlModel';
import { boolOf, insertFix, setFix, textOf } from './enc';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';
import { keySpanOf, lastKey, writtenValue } from './query';

interface Instance {
  doc: DocView;
  item: YamlRef;
  uuid?: YamlRef;
  users?: YamlRef;
}

function instancesOf(doc: DocView): Instance[] {
  const seq = doc.get(['mig', 'instances']);
  if (!seq || !isSeqRef(seq)) return [];
  return doc
    .children(seq.path)
    .filter((item) => isMapRef(item))
    .map((item) => ({ doc, item, uuid: doc.get([...item.path, 'uuid']), users: doc.get([...item.path, 'users']) ?? doc.get([...item.path, 'user']) }));
}

/** The user names of an instance with their entries (a list, or one name). */
function usersOf(ctx: RuleContext, inst: Instance): { name: string; ref: YamlRef }[] {
  const u = inst.users;
  if (!u) return [];
  if (isSeqRef(u)) {
    return inst.doc
      .children(u.path)
      .map((ref) => ({ name: textOf(ctx, ref) ?? '', ref }))
      .filter((x) => x.name !== '');
  }
  const single = textOf(ctx, u);
  return single ? [{ name: single, ref: u }] : [];
}

/** Where to point at an instance: its first key. */
function instanceSpan(inst: Instance) {
  const first = inst.doc.children(inst.item.path)[0];
  return first ? keySpanOf(first) : keySpanOf(inst.item);
}

function instanceName(ctx: RuleContext, inst: Instance): string {
  const name = textOf(ctx, inst.doc.get([...inst.item.path, 'name'])) ?? textOf(ctx, inst.uuid);
  return name ? `"${name}"` : `#${Number(lastKey(inst.item)) + 1}`;
}

// ---------------------------------------------------------------------------
// MIG001 mig-disabled
// ---------------------------------------------------------------------------

const mig001 = defineRule('MIG001', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const mig = doc.get('mig');
    if (!mig || !isMapRef(mig) || instancesOf(doc).length === 0) continue;
    const enabled = doc.get(['mig', 'enabled']);
    if (enabled) {
      if (boolOf(ctx, enabled) !== false || !enabled.valueSpan) continue;
      ctx.report({
        span: enabled.valueSpan,
        message: 'MIG is disabled although instances are assigned below, so the GPU runs unpartitioned and every user shares its memory and compute. Set mig.enabled to true.',
        fixes: setFix(ctx, enabled, true, 'fix', 'Set mig.enabled to true'),
      });
      continue;
    }
    ctx.report({
      span: keySpanOf(mig),
      message: 'Instances are listed but mig.enabled is not set, so the partitioning below is not switched on and users would share whole GPUs. Add enabled: true.',
      fixes: insertFix(ctx, doc, ['mig'], ['enabled: true'], 'Add mig.enabled: true'),
    });
  }
});

// ---------------------------------------------------------------------------
// MIG002 mig-duplicate-uuid
// ---------------------------------------------------------------------------

const mig002 = defineRule('MIG002', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const seen = new Map<string, YamlRef>();
    for (const inst of instancesOf(doc)) {
      const uuid = textOf(ctx, inst.uuid);
      if (!uuid || !inst.uuid?.valueSpan) continue;
      const key = uuid.toLowerCase();
      const first = seen.get(key);
      if (!first) {
        seen.set(key, inst.uuid);
        continue;
      }
      const line = ctx.file.lines.position(first.valueSpan!.start).line + 1;
      ctx.report({
        span: inst.uuid.valueSpan,
        message: `MIG instance ${writtenValue(ctx.file, inst.uuid)} is already listed on line ${line}: two entries would hand the same GPU slice to different users. Give each instance its own UUID (see nvidia-smi -L).`,
      });
    }
  }
});

// ---------------------------------------------------------------------------
// MIG003 mig-shared-instance
// ---------------------------------------------------------------------------

const mig003 = defineRule('MIG003', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const inst of instancesOf(doc)) {
      const names = [...new Set(usersOf(ctx, inst).map((u) => u.name))];
      if (names.length < 2 || !inst.users) continue;
      ctx.report({
        span: inst.users.valueSpan ?? keySpanOf(inst.users),
        message: `MIG instance ${instanceName(ctx, inst)} is shared by ${names.length} users (${names.join(', ')}); inside one slice there is no memory isolation between them. Give each user a slice of their own.`,
      });
    }
  }
});

// ---------------------------------------------------------------------------
// MIG004 mig-uuid-format
// ---------------------------------------------------------------------------

const HEX_UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `MIG-<uuid>` (driver R470 and later) or the older `MIG-GPU-<gpu uuid>/<gi>/<ci>`. */
const MIG_UUID = new RegExp(`^MIG-(?:${HEX_UUID}|GPU-${HEX_UUID}/\\d+/\\d+)$`, 'i');

export function isMigUuid(v: string): boolean {
  return MIG_UUID.test(v.trim());
}

const mig004 = defineRule('MIG004', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const inst of instancesOf(doc)) {
      const ref = inst.uuid;
      if (!ref) {
        ctx.report({
          span: instanceSpan(inst),
          message: `MIG instance ${instanceName(ctx, inst)} has no uuid, so it cannot be bound to a GPU slice. Add the MIG-… UUID that nvidia-smi -L prints.`,
        });
        continue;
      }
      if (/\$\{/.test(String(ref.value ?? '')) && textOf(ctx, ref) === undefined) continue; // unresolved variable
      const v = textOf(ctx, ref) ?? '';
      if (isMigUuid(v)) continue;
      const shown = writtenValue(ctx.file, ref);
      const message = !v
        ? 'This MIG instance has an empty uuid, so it cannot be bound to a GPU slice. Use the MIG-… UUID that nvidia-smi -L prints.'
        : /^MIG-/i.test(v)
          ? `"${shown}" is not a complete MIG UUID (MIG-<uuid>, or MIG-GPU-<gpu uuid>/<gi>/<ci> on older drivers); CUDA_VISIBLE_DEVICES would match no device. Copy the UUID from nvidia-smi -L.`
          : `"${shown}" does not name a MIG slice: MIG UUIDs start with MIG-, whereas a GPU UUID or index hands out the whole GPU. Use the MIG-… UUID from nvidia-smi -L.`;
      ctx.report({ span: ref.valueSpan ?? keySpanOf(ref), message });
    }
  }
});

// ---------------------------------------------------------------------------
// MIG005 mig-vram-limit
// ---------------------------------------------------------------------------

/** Megabytes of a `<n>gb` / `<n>mb` limit, or undefined when the form is wrong. */
export function vramLimitMb(v: string): number | undefined {
  const m = /^(\d+)(gb|mb)$/i.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n <= 0) return undefined;
  return m[2].toLowerCase() === 'gb' ? n * 1024 : n;
}

/** Memory (GB) that a MIG profile name offers: `3g.20gb` → 20. */
export function profileGb(profile: string): number | undefined {
  const m = /^(?:MIG\s+)?\d+g\.(\d+)gb/i.exec(profile.trim());
  return m ? Number(m[1]) : undefined;
}

const mig005 = defineRule('MIG005', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const inst of instancesOf(doc)) {
      const ref = doc.get([...inst.item.path, 'vram_limit']);
      if (!ref) continue;
      if (/\$\{/.test(String(ref.value ?? '')) && textOf(ctx, ref) === undefined) continue;
      const raw = ctx.resolved(ref);
      const v = raw === null || raw === undefined ? '' : String(raw);
      const mb = vramLimitMb(v);
      if (mb === undefined) {
        ctx.report({
          span: ref.valueSpan ?? keySpanOf(ref),
          message: `vram_limit ${ref.valueSpan ? `"${writtenValue(ctx.file, ref)}"` : '(empty)'} is not a whole number followed by gb or mb (for example 5gb or 5120mb), so the limit cannot be applied. Write it in that form.`,
        });
        continue;
      }
      const profileRef = doc.get([...inst.item.path, 'profile']);
      const profile = textOf(ctx, profileRef);
      const gb = profile ? profileGb(profile) : undefined;
      if (gb === undefined || mb <= gb * 1024) continue;
      ctx.report({
        span: ref.valueSpan!,
        message: `vram_limit ${writtenValue(ctx.file, ref)} is more than the ${gb} GB that profile ${profile} provides, so the limit promises memory the slice does not have. Lower it to ${gb}gb or less, or pick a larger profile.`,
      });
    }
  }
});

// ---------------------------------------------------------------------------
// MIG006 mig-unassigned
// ---------------------------------------------------------------------------

const mig006 = defineRule('MIG006', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const inst of instancesOf(doc)) {
      if (usersOf(ctx, inst).length > 0) continue;
      const u = inst.users;
      if (u && isScalar(u.node) && /\$\{/.test(String(u.value ?? ''))) continue; // set through a variable
      ctx.report({
        span: u ? (u.valueSpan ?? keySpanOf(u)) : instanceSpan(inst),
        message: `MIG instance ${instanceName(ctx, inst)} is assigned to nobody: an idle slice tends to be picked up by whoever finds it, outside the access policy. Assign it to a user or remove it.`,
      });
    }
  }
});

// ---------------------------------------------------------------------------
// MIG007 mig-user-in-gpu-mapping
// ---------------------------------------------------------------------------

const MAPPING_PATHS = [['security', 'gpu', 'access_control', 'user_gpu_mapping'], ['gpu', 'access_control', 'user_gpu_mapping']];

const mig007 = defineRule('MIG007', (ctx) => {
  const known = new Set<string>();
  const sources: string[] = [];
  for (const cfg of ctx.workspace.siblingConfigs(ctx.file.path)) {
    for (const doc of cfg.yaml.documents()) {
      for (const p of MAPPING_PATHS) {
        const mapping = doc.get(p);
        if (!mapping || !isMapRef(mapping)) continue;
        sources.push(path.basename(cfg.path));
        for (const user of doc.children(p)) if (user.keySpan) known.add(lastKey(user));
      }
    }
  }
  if (sources.length === 0) return;
  const where = [...new Set(sources)].join(', ');
  for (const doc of ctx.file.yaml.documents()) {
    for (const inst of instancesOf(doc)) {
      for (const { name, ref } of usersOf(ctx, inst)) {
        if (known.has(name) || !ref.valueSpan) continue;
        ctx.report({
          span: ref.valueSpan,
          message: `MIG user "${name}" has no entry in security.gpu.access_control.user_gpu_mapping of ${where}, so the two files disagree on who may use this GPU. Add the user to the mapping or correct the name here.`,
        });
      }
    }
  }
});

export const migRules: Rule[] = [mig001, mig002, mig003, mig004, mig005, mig006, mig007];
