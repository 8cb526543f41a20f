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
      missing: (d: { what: string; name: string; service: string }) =>
        `${d.what} ${d.name} of ${d.service} is not in the workspace. The variables it provides cannot be checked, so findings about what this service lacks are held back. Add it to the workspace (a template such as .env.example will do) to have it judged.`,
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const service of servicesHere(ctx)) {
      for (const src of service.sources) {
        // optional by design (`EnvironmentFile=-…`, `required: false`, `optional: true`): its absence is no problem
        if (src.resolved || src.assumed || src.optional || src.ref.file !== ctx.file.path) continue;
        const key = `${src.ref.span.start}:${src.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          messageId: 'missing',
          data: { what: WHAT[src.kind], name: src.name, service: service.name },
          span: src.ref.span,
        });
      }
    }
  },
});
