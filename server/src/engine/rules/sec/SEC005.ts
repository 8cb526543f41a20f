// SEC005 undefined-variable: a `${VAR}` reference without a default that no .env of the workspace defines.
import { dotted } from '../query';
import { defineRule } from '../rule';
import { isDefined } from './shared';

const REF_IN_SOURCE = /(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)((?::?[-?=+])[^}]*)?\}/g;

export default defineRule({
  meta: {
    id: 'SEC005',
    name: 'undefined-variable',
    kinds: ['config', 'mig'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      undefinedVariable: (d: { name: string; path: string }) =>
        `${d.path} uses \${${d.name}}, which no .env file defines. ` +
        'No .env file of the workspace sets it, so the value is empty unless the deployment environment provides it. ' +
        `Define ${d.name} in the .env next to this file, or give a default with \${${d.name}:-value}.`,
    },
  },
  check(ctx) {
    for (const ref of ctx.file.yaml.refs) {
      // a value reached through an alias is checked once, where it is written
      if (typeof ref.value !== 'string' || !ref.value.includes('${') || !ref.valueSpan || ref.viaAlias) continue;
      // scan the source text so the span is exact whatever the quoting
      const raw = ctx.file.text.slice(ref.valueSpan.start, ref.valueSpan.end);
      if (raw.startsWith('*')) continue;
      // a reference ends at a `}`: past the last one the regex would only rescan the rest from every `${`
      const head = raw.slice(0, raw.lastIndexOf('}') + 1);
      REF_IN_SOURCE.lastIndex = 0;
      for (let m = REF_IN_SOURCE.exec(head); m; m = REF_IN_SOURCE.exec(head)) {
        if (m[1] === '$') continue; // `$${X}`: an escaped dollar, no reference
        if (m[3] !== undefined && /^:?[-=]/.test(m[3])) continue; // `${X:-default}` / `${X-default}`
        const name = m[2];
        if (isDefined(ctx, name)) continue;
        const start = ref.valueSpan.start + m.index;
        ctx.report({
          messageId: 'undefinedVariable',
          data: { name, path: dotted(ref) },
          span: { start, end: start + m[0].length },
        });
      }
    }
  },
});
