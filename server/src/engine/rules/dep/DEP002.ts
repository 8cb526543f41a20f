// DEP002 committed-k8s-secret: a Kubernetes Secret manifest that holds real values (base64 is an encoding, not encryption).
import { k8sObjects, objectEntries } from '../../deploy/kubernetes';
import { isPlaceholderOrWeakWord, isTemplated } from '../../secrets';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'DEP002',
    name: 'committed-k8s-secret',
    kinds: ['deploy'],
    severity: 'error',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      committed: (d: { key: string; secret: string; encoded: boolean }) =>
        `Secret ${d.secret} holds a real value for ${d.key} in this file.${d.encoded ? ' Base64 is an encoding, not encryption: anyone can decode it.' : ''} The secret is in every copy and commit of the manifest. Commit a sealed secret, let an external secrets operator create it, or encrypt the file with SOPS.`,
    },
  },
  check(ctx) {
    for (const obj of k8sObjects(ctx.file)) {
      if (obj.kind !== 'Secret') continue;
      const encoded = new Set(obj.doc.children(['data']).map((r) => r.path[1]));
      const plain = new Set(obj.doc.children(['stringData']).map((r) => r.path[1]));
      for (const e of objectEntries(obj)) {
        // a value that is not base64 decodes to nothing: it is not a usable secret either way
        if (e.value === undefined || isTemplated(e.value) || isPlaceholderOrWeakWord(e.value)) continue;
        ctx.report({
          messageId: 'committed',
          data: { key: e.key, secret: obj.name, encoded: encoded.has(e.key) && !plain.has(e.key) },
          span: e.keySpan,
        });
      }
    }
  },
});
