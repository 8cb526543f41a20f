// Helpers of the MIG family: mig.yaml, NVIDIA Multi-Instance GPU slices and the users they belong to.
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
import { DocView, isMapRef, isSeqRef, YamlRef } from '../../documents/yamlModel';
import { Span } from '../../types';
import { keySpanOf, lastKey } from '../query';
import { textOf, ValueReader } from '../shared/values';

export interface Instance {
  doc: DocView;
  item: YamlRef;
  uuid?: YamlRef;
  users?: YamlRef;
}

/** The mapping entries of `mig.instances`. */
export function instancesOf(doc: DocView): Instance[] {
  const seq = doc.get(['mig', 'instances']);
  if (!seq || !isSeqRef(seq)) return [];
  return doc
    .children(seq.path)
    .filter((item) => isMapRef(item))
    .map((item) => ({
      doc,
      item,
      uuid: doc.get([...item.path, 'uuid']),
      users: doc.get([...item.path, 'users']) ?? doc.get([...item.path, 'user']),
    }));
}

/** The user names of an instance with their entries (a list, or one name). */
export function usersOf(ctx: ValueReader, inst: Instance): { name: string; ref: YamlRef }[] {
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
export function instanceSpan(inst: Instance): Span {
  const first = inst.doc.children(inst.item.path)[0];
  return first ? keySpanOf(first) : keySpanOf(inst.item);
}

/** How messages name an instance: `"<name>"`, `"<uuid>"`, or `#<position>`. */
export function instanceName(ctx: ValueReader, inst: Instance): string {
  const name = textOf(ctx, inst.doc.get([...inst.item.path, 'name'])) ?? textOf(ctx, inst.uuid);
  return name ? `"${name}"` : `#${Number(lastKey(inst.item)) + 1}`;
}
