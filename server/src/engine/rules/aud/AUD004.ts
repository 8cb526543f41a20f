// AUD004 audit-redaction-off: redaction of audit events is off, or its fields miss password/api_key/private_key.
import { isSeqRef } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { keySpanOf } from '../query';
import { defineRule } from '../rule';
import { switchRef } from '../shared/documents';
import { boolOf, textOf } from '../shared/values';
import { listed } from '../shared/wording';
import { activeAuditBlocks, appendToSeqEdit } from './shared';

const REQUIRED_REDACTION: { name: string; test: RegExp }[] = [
  { name: 'password', test: /^(?:passwords?|passwd|pwd)$/ },
  { name: 'api_key', test: /^(?:api_?keys?|apikeys?)$/ },
  { name: 'private_key', test: /^(?:private_?keys?)$/ },
];

export default defineRule({
  meta: {
    id: 'AUD004',
    name: 'audit-redaction-off',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      redactionOff: () =>
        'Redaction of audit events is off. ' +
        'Passwords, API keys and personal data in requests end up in the audit trail and everywhere it is copied. ' +
        'Turn redaction on.',
      fieldsMissing: (d: { missing: string[] }) =>
        `The redaction list does not cover ${listed(d.missing)}. ` +
        `Such values would be written to the audit trail in clear. Add ${d.missing.join(', ')} to redaction.fields.`,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const block of activeAuditBlocks(ctx, doc)) {
        const red = doc.get([...block.path, 'redaction']);
        if (!red) continue;
        const sw = switchRef(ctx, doc, red.path);
        if (sw && boolOf(ctx, sw) === false && sw.valueSpan) {
          ctx.report({
            messageId: 'redactionOff',
            span: sw.valueSpan,
            fixes: [ctx.fix('Set redaction.enabled to true', [setValue(ctx.file, sw, true)])],
          });
          continue;
        }
        const fields = doc.get([...red.path, 'fields']);
        if (!fields || !isSeqRef(fields)) continue;
        const names = doc
          .children(fields.path)
          .map((r) => textOf(ctx, r)?.toLowerCase().replace(/[-\s]/g, '_'))
          .filter((s): s is string => !!s);
        const missing = REQUIRED_REDACTION.filter((f) => !names.some((n) => f.test.test(n))).map((f) => f.name);
        if (missing.length === 0) continue;
        ctx.report({
          messageId: 'fieldsMissing',
          data: { missing },
          span: keySpanOf(fields),
          fixes: [ctx.fix(`Add ${missing.join(', ')} to the redacted fields`, [appendToSeqEdit(ctx.file, doc, fields, missing)])],
        });
      }
    }
  },
});
