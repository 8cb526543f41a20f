// TLS009 tls-wildcard-peer: a bare "*" among the allowed client certificate common names or organizations.
import { isSeqRef } from '../../documents/yamlModel';
import { entriesNamed, lastKey } from '../query';
import { defineRule } from '../rule';
import { resolvedString } from '../shared/values';

export default defineRule({
  meta: {
    id: 'TLS009',
    name: 'tls-wildcard-peer',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      wildcard: (d: { key: string; what: string }) =>
        `A bare "*" in ${d.key} accepts any ${d.what}. ` +
        'Any client certificate from the CA passes, so the filter lets everything through while looking restrictive. ' +
        'List the patterns your clients really use.',
    },
  },
  check(ctx) {
    for (const ref of entriesNamed(
      ctx,
      /^(?:allowed_cn_patterns|allowed_organizations|allowed_cns|allowed_common_names|allowed_orgs)$/,
    )) {
      const items = isSeqRef(ref) ? ctx.file.yaml.children(ref.path).filter((r) => r.docIndex === ref.docIndex) : [ref];
      const what = /org/.test(lastKey(ref)) ? 'organization' : 'common name';
      for (const item of items) {
        if (resolvedString(ctx, item) !== '*' || !item.valueSpan) continue;
        ctx.report({ messageId: 'wildcard', data: { key: lastKey(ref), what }, span: item.valueSpan });
      }
    }
  },
});
