// ENC006 unencrypted-artifacts: training checkpoints, LLM model files or backups written unencrypted, or checkpoints unsigned.
import { isMapRef } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { dotted, lastKey } from '../query';
import { defineRule } from '../rule';
import { descendants, switchRef } from '../shared/documents';
import { boolOf } from '../shared/values';

type Artifact = 'checkpointEncryption' | 'checkpointSigning' | 'llmEncryption' | 'backupEncryption';

const ARTIFACTS: { path: string[]; messageId: Artifact }[] = [
  { path: ['training', 'checkpoint', 'encryption'], messageId: 'checkpointEncryption' },
  { path: ['training', 'checkpoint', 'signing'], messageId: 'checkpointSigning' },
  { path: ['llm', 'encryption'], messageId: 'llmEncryption' },
  { path: ['backup', 'encryption'], messageId: 'backupEncryption' },
];

export default defineRule({
  meta: {
    id: 'ENC006',
    name: 'unencrypted-artifacts',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      checkpointEncryption: () =>
        'Training checkpoints are written unencrypted. ' +
        'They hold the model weights and can memorise training data. Encrypt them with a Vault or HSM key.',
      checkpointSigning: () =>
        'Training checkpoints are not signed. ' +
        'A swapped or poisoned checkpoint would be loaded without complaint. Turn signing on with a non-extractable key.',
      llmEncryption: () =>
        'LLM model files are stored unencrypted. ' +
        'Anyone with read access to the model directory can copy fine-tuned weights. Turn llm.encryption on.',
      backupEncryption: () =>
        'Backups are written unencrypted. ' +
        'A backup is a full copy of the database, readable by whoever reaches the backup store. Turn backup encryption on.',
      destinationUnencrypted: () =>
        'This backup destination stores copies of the database unencrypted. ' +
        'Turn encryption on for it, with a key that is not kept next to the backups.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const a of ARTIFACTS) {
        const ref = switchRef(ctx, doc, a.path);
        if (!ref || boolOf(ctx, ref) !== false || !ref.valueSpan) continue;
        ctx.report({
          messageId: a.messageId,
          span: ref.valueSpan,
          fixes: [ctx.fix(`Set ${dotted(ref)} to true`, [setValue(ctx.file, ref, true)])],
        });
      }
      // backup destinations: `encryption: false` per destination
      for (const ref of descendants(doc, ['backup'])) {
        if (ref.path.length < 3 || !/^(?:encryption|encrypt|encrypted)$/.test(lastKey(ref))) continue;
        const target = isMapRef(ref) ? doc.get([...ref.path, 'enabled']) : ref;
        if (!target || boolOf(ctx, target) !== false || !target.valueSpan) continue;
        if (target.path.join('.') === 'backup.encryption.enabled') continue; // reported above
        ctx.report({
          messageId: 'destinationUnencrypted',
          span: target.valueSpan,
          fixes: [ctx.fix(`Set ${lastKey(target)} to true`, [setValue(ctx.file, target, true)])],
        });
      }
    }
  },
});
