// AUD005 audit-unsigned: audit records not signed, or the audit trail not kept immutable.
import { setValue } from '../../fixes/yamlEdits';
import { defineRule } from '../rule';
import { switchRef } from '../shared/documents';
import { boolOf } from '../shared/values';
import { activeAuditBlocks } from './shared';

export default defineRule({
  meta: {
    id: 'AUD005',
    name: 'audit-unsigned',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      unsigned: () =>
        'Audit records are not signed. ' +
        'Someone with write access to the log can change or remove entries without it showing. ' +
        'Enable signing (an ECDSA-signed chain) with a key held in the HSM.',
      mutable: () =>
        'The audit trail is not kept immutable. ' +
        'Past entries can be rewritten after the fact. Turn on immutable (append-only or WORM) storage.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const block of activeAuditBlocks(ctx, doc)) {
        const signing = switchRef(ctx, doc, [...block.path, 'signing']);
        if (signing && boolOf(ctx, signing) === false && signing.valueSpan) {
          ctx.report({
            messageId: 'unsigned',
            span: signing.valueSpan,
            fixes: [ctx.fix('Set signing.enabled to true', [setValue(ctx.file, signing, true)])],
          });
        }
        const immutable = switchRef(ctx, doc, [...block.path, 'immutable']);
        if (immutable && boolOf(ctx, immutable) === false && immutable.valueSpan) {
          ctx.report({
            messageId: 'mutable',
            span: immutable.valueSpan,
            fixes: [ctx.fix('Set immutable.enabled to true', [setValue(ctx.file, immutable, true)])],
          });
        }
      }
    }
  },
});
