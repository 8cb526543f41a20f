// ENC001 encryption-disabled: encryption at rest switched off, or storage configured without it.
import { isMapRef } from '../../documents/yamlModel';
import { insertUnder, setValue } from '../../fixes/yamlEdits';
import { keySpanOf, lastKey } from '../query';
import { defineRule } from '../rule';
import { atRestSwitches, siblingEncryptsAtRest, storageConfigured } from '../shared/atRest';
import { isEditionDoc, isFlow, NO_SIBLING } from '../shared/documents';
import { boolOf } from '../shared/values';

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export default defineRule({
  meta: {
    id: 'ENC001',
    name: 'encryption-disabled',
    kinds: ['config'],
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      switchedOff: (d: { label: string; where: string }) =>
        `${cap(d.label)} is switched off (${d.where}): the data files, snapshots and backups can be read by anyone who gets hold of the disk. Turn it on and keep its key in Vault or an HSM.`,
      blockWithoutSwitch: () =>
        'storage.encryption has no `enabled: true`, so the block does not switch encryption at rest on. Add the switch so the RocksDB files are written encrypted.',
      editionWithoutSwitch: () =>
        'This edition config never turns on encryption at rest (security.enable_field_encryption is missing), so stored records stay readable on disk and in backups. Add enable_field_encryption: true.',
      storageUnencrypted: () =>
        'Storage is configured without encryption at rest: anyone who copies the disk, a volume snapshot or a backup can read the RocksDB files. Add storage.encryption with enabled: true and a Vault or HSM key provider.' +
        NO_SIBLING,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      const switches = atRestSwitches(ctx, doc);
      let explicitOff = false;
      for (const s of switches) {
        if (boolOf(ctx, s.ref) !== false || !s.ref.valueSpan) continue;
        explicitOff = true;
        ctx.report({
          messageId: 'switchedOff',
          data: { label: s.label, where: s.ref.path.join('.') },
          span: s.ref.valueSpan,
          fixes: [ctx.fix(`Set ${lastKey(s.ref)} to true`, [setValue(ctx.file, s.ref, true)])],
        });
      }
      if (explicitOff) continue;
      const storage = storageConfigured(doc);
      if (!storage) continue;
      if (switches.some((s) => s.label !== 'field-level encryption')) continue; // on, or set through a variable
      const enc = doc.get(['storage', 'encryption']);
      if (enc) {
        // encryption block without its switch
        ctx.report({
          messageId: 'blockWithoutSwitch',
          span: keySpanOf(enc),
          asks: ['storage', 'encryption', 'enabled'],
          fixes: isMapRef(enc)
            ? [
                ctx.fix('Add enabled: true to storage.encryption', [
                  insertUnder(ctx.file, ['storage', 'encryption'], ['enabled: true'], doc.index),
                ]),
              ]
            : [],
        });
        continue;
      }
      if (siblingEncryptsAtRest(ctx)) continue;
      const security = doc.get('security');
      if (isEditionDoc(doc) && security && isMapRef(security) && !isFlow(security)) {
        ctx.report({
          messageId: 'editionWithoutSwitch',
          span: keySpanOf(security),
          asks: ['security', 'enable_field_encryption'],
          fixes: [
            ctx.fix('Add security.enable_field_encryption: true', [
              insertUnder(ctx.file, ['security'], ['enable_field_encryption: true'], doc.index),
            ]),
          ],
        });
        continue;
      }
      ctx.report({
        messageId: 'storageUnencrypted',
        span: keySpanOf(storage),
        asks: ['storage', 'encryption', 'enabled'],
        fixes: [
          ctx.fix('Add storage.encryption.enabled: true', [
            insertUnder(ctx.file, ['storage'], ['encryption:', '  enabled: true'], doc.index),
          ]),
        ],
      });
    }
  },
});
