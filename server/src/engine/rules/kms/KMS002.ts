// KMS002 hsm-extractable-key: an HSM key marked extractable, so its raw material can leave the HSM.
import { asBool } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { lastKey, pathText } from '../query';
import { defineRule } from '../rule';

/** The keys that make a key extractable. */
const EXTRACTABLE_KEY = /^(?:extractable|cka_extractable|key_extractable)$/i;

export default defineRule({
  meta: {
    id: 'KMS002',
    name: 'hsm-extractable-key',
    kinds: ['config'],
    blockLocal: true,
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      extractable: (d: { owner: string }) =>
        `${d.owner} is marked extractable. ` +
        'Its raw key material can be exported from the HSM, so a leaked HSM credential becomes a permanent key leak. ' +
        'Set extractable to false and re-create the key if the HSM already has it as extractable.',
    },
  },
  check(ctx) {
    // looked up by key, not found by a walk over every entry
    for (const ref of ctx.file.yaml.named(EXTRACTABLE_KEY)) {
      if (!ref.valueSpan) continue;
      if (asBool(ctx.resolved(ref)) !== true) continue;
      ctx.report({
        messageId: 'extractable',
        data: { owner: pathText(ref.path.slice(0, -1)) || 'this key' },
        span: ref.valueSpan,
        fixes: [ctx.fix(`Set ${lastKey(ref)} to false`, [setValue(ctx.file, ref, false)])],
      });
    }
  },
});
