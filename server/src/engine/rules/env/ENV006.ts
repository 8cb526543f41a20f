// ENV006 debug-enabled: THEMIS_DEBUG_ENC_DIR, THEMIS_DEBUG_PKI or THEMIS_PII_FORCE_INIT_FAIL set.
import { entryOf, isBlank, looksOff, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { removeAll, valueSpan } from './shared';

/** The debugging aids, and what each one does. */
const DEBUG_VARS = {
  THEMIS_DEBUG_ENC_DIR: 'makes field encryption write debug dumps, with the first 8 bytes of each key, into that folder',
  THEMIS_DEBUG_PKI: 'prints the bodies of PKI REST responses to stderr, where logs collect them',
  THEMIS_PII_FORCE_INIT_FAIL: 'is a test hook that makes PII redaction fail to initialise',
} as const;

type DebugVar = keyof typeof DEBUG_VARS;

export default defineRule({
  meta: {
    id: 'ENV006',
    name: 'debug-enabled',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      debugSet: (d: { name: DebugVar }) =>
        `${d.name} is set: a debugging aid that must not be set outside development. It ${DEBUG_VARS[d.name]}. Remove the line.`,
    },
  },
  check(ctx) {
    for (const name of Object.keys(DEBUG_VARS) as DebugVar[]) {
      const e = entryOf(ctx, name);
      const v = valueOf(ctx, e);
      if (!e || v === undefined || isBlank(v)) continue;
      // THEMIS_DEBUG_PKI only reacts to values starting with 1; an explicit off is harmless
      if (name === 'THEMIS_DEBUG_PKI' && looksOff(v)) continue;
      ctx.report({
        messageId: 'debugSet',
        data: { name },
        span: valueSpan(e),
        fixes: [ctx.fix(`Remove ${name}`, removeAll(ctx, name))],
      });
    }
  },
});
