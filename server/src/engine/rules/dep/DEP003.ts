// DEP003 env-source-missing: an env_file, EnvironmentFile=, envFrom or secretKeyRef names a file or object the workspace does not hold.
import { EnvSource } from '../../deploy/types';
import { defineRule } from '../rule';
import { servicesHere } from './shared';

const WHAT: Record<EnvSource['kind'], string> = {
  env_file: 'env_file',
  EnvironmentFile: 'EnvironmentFile',
  envFrom: 'envFrom source',
  secretKeyRef: 'secretKeyRef',
  configMapKeyRef: 'configMapKeyRef',
};

export default defineRule({
  meta: {
    id: 'DEP003',
    name: 'env-source-missing',
    kinds: ['deploy'],
    severity: 'info',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      missing: (d: { what: string; name: string; service: string; object: boolean; times: number }) =>
        `The ${d.what} ${d.name} is not in the workspace.${d.times > 1 ? ` ${d.service} names it ${d.times} times; this is the first.` : ''} The variables it provides cannot be checked, so findings about what ${d.service} lacks are held back. ${
          d.object
            ? 'Add its manifest to the workspace (placeholders for the secret values will do) to have it judged.'
            : 'Add it to the workspace (a template such as themisdb.env.example will do) to have it judged.'
        }`,
    },
  },
  check(ctx) {
    for (const service of servicesHere(ctx)) {
      // one finding per missing file or object of a service, on the first line that names it
      const missing = new Map<string, EnvSource[]>();
      for (const src of service.sources) {
        // optional by design (`EnvironmentFile=-…`, `required: false`, `optional: true`): its absence is no problem
        if (src.resolved || src.assumed || src.optional || src.ref.file !== ctx.file.path) continue;
        missing.set(src.name, [...(missing.get(src.name) ?? []), src]);
      }
      for (const [name, refs] of missing) {
        const first = refs[0];
        ctx.report({
          messageId: 'missing',
          data: {
            what: WHAT[first.kind],
            name,
            service: service.name,
            object: /^(?:Secret|ConfigMap)\//.test(name),
            times: new Set(refs.map((r) => r.ref.span.start)).size,
          },
          span: first.ref.span,
        });
      }
    }
  },
});
