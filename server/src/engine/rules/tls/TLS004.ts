// TLS004 tls-session-tickets: TLS session tickets switched on (a stolen ticket key decrypts recorded sessions).
import { asBool } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { entriesNamed, lastKey } from '../query';
import { defineRule } from '../rule';

/** The session-ticket switches. */
const TICKETS_KEY = /^(?:tls_)?session_tickets$/;

export default defineRule({
  meta: {
    id: 'TLS004',
    name: 'tls-session-tickets',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      ticketsOn: () =>
        'TLS session tickets are on (session_tickets is true). ' +
        'Anyone who obtains the ticket key can decrypt the recorded sessions it protected, which defeats forward secrecy. ' +
        'Set session_tickets to false.',
    },
  },
  check(ctx) {
    for (const ref of entriesNamed(ctx, TICKETS_KEY)) {
      if (asBool(ctx.resolved(ref)) !== true || !ref.valueSpan) continue;
      ctx.report({
        messageId: 'ticketsOn',
        span: ref.valueSpan,
        fixes: [ctx.fix(`Set ${lastKey(ref)} to false`, [setValue(ctx.file, ref, false)])],
      });
    }
  },
});
