// ENC005 encryption-scope: encryption at rest is on but leaves out data, checkpoints, logs, WAL, backups or indexes.
import { setValue } from '../../fixes/yamlEdits';
import { lastKey } from '../query';
import { defineRule } from '../rule';
import { boolOf } from '../shared/values';

/** The per-scope encryption switches. */
const SCOPE_KEY = /^encrypt_(?:data|checkpoints|logs|wal|backups|indexes)$/;

const SCOPE: Record<string, { severity: 'warning' | 'info'; what: string }> = {
  encrypt_data: { severity: 'warning', what: 'the data files themselves' },
  encrypt_checkpoints: { severity: 'warning', what: 'checkpoints (full copies of the data)' },
  encrypt_logs: { severity: 'warning', what: 'logs (recent values and statements)' },
  encrypt_wal: { severity: 'warning', what: 'the write-ahead log (recent values)' },
  encrypt_backups: { severity: 'warning', what: 'backups (full copies of the data)' },
  encrypt_indexes: { severity: 'info', what: 'indexes (keys and embeddings)' },
};

export default defineRule({
  meta: {
    id: 'ENC005',
    name: 'encryption-scope',
    kinds: ['config'],
    blockLocal: true,
    severity: ['warning', 'info'],
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      leftInClear: (d: { key: string; what: string }) =>
        `Encryption at rest is on but ${d.key} is false. Nothing encrypts ${d.what} on disk. Set it to true.`,
      leftOut: (d: { what: string }) =>
        `Encryption at rest leaves out ${d.what}. ` +
        'A disk copy still reveals them. Keep it only if you measured the cost and accept that leak.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const ref of doc.named(SCOPE_KEY)) {
        if (boolOf(ctx, ref) !== false || !ref.valueSpan) continue;
        const parent = ref.path.slice(0, -1);
        if (boolOf(ctx, doc.get([...parent, 'enabled'])) === false) continue; // ENC001 reports the block
        const key = lastKey(ref);
        const scope = SCOPE[key];
        const fixes = [ctx.fix(`Set ${key} to true`, [setValue(ctx.file, ref, true)])];
        if (scope.severity === 'info') {
          ctx.report({ messageId: 'leftOut', data: { what: scope.what }, span: ref.valueSpan, severity: 'info', fixes });
        } else {
          ctx.report({
            messageId: 'leftInClear',
            data: { key, what: scope.what },
            span: ref.valueSpan,
            severity: 'warning',
            fixes,
          });
        }
      }
    }
  },
});
