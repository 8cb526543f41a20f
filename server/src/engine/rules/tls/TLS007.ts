// TLS007 tls-revocation-off: CRL checking or OCSP stapling switched off.
import { asBool } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { entriesNamed, lastKey } from '../query';
import { defineRule } from '../rule';

/** The revocation-check switches. */
const REVOCATION_KEY = /^(?:crl_check|ocsp_stapling|tls_crl_check|tls_ocsp_stapling)$/;

export default defineRule({
  meta: {
    id: 'TLS007',
    name: 'tls-revocation-off',
    kinds: ['config'],
    blockLocal: true,
    severity: 'info',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      ocspOff: () =>
        'OCSP stapling is off. Clients cannot learn promptly that the server certificate was revoked. Turn stapling on.',
      crlOff: () =>
        'Certificate revocation (CRL) checking is off. ' +
        'A stolen and revoked client certificate keeps working until it expires. Turn the CRL check on.',
    },
  },
  check(ctx) {
    for (const ref of entriesNamed(ctx, REVOCATION_KEY)) {
      if (asBool(ctx.resolved(ref)) !== false || !ref.valueSpan) continue;
      ctx.report({
        messageId: /ocsp/.test(lastKey(ref)) ? 'ocspOff' : 'crlOff',
        span: ref.valueSpan,
        fixes: [ctx.fix(`Set ${lastKey(ref)} to true`, [setValue(ctx.file, ref, true)])],
      });
    }
  },
});
