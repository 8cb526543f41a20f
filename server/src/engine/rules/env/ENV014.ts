// ENV014 pki-paths-missing: THEMIS_PKI_CERTIFICATE or THEMIS_PKI_PRIVATE_KEY missing or empty.
import { configuresServer, entryOf, isBlank, valueOf } from '../../envSemantics';
import { defineRule } from '../rule';
import { absentSpan } from './shared';

const NAMES = ['THEMIS_PKI_CERTIFICATE', 'THEMIS_PKI_PRIVATE_KEY'];

export default defineRule({
  meta: {
    id: 'ENV014',
    name: 'pki-paths-missing',
    kinds: ['env', 'deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      pathEmpty: (d: { name: string }) =>
        `${d.name} is empty, so the server has no PKI ${d.name.endsWith('KEY') ? 'private key' : 'certificate'}. It needs it for PKI and audit signing. Give the path of the file.`,
      missing: (d: { absent: string[]; auditPki: boolean }) =>
        `${d.absent.join(' and ')} ${d.absent.length === 1 ? 'is' : 'are'} not set. The server then runs without its PKI certificate and key.${
          d.auditPki
            ? ' THEMIS_PKI_CERT and THEMIS_PKI_KEY configure a different client (the HTTP audit PKI) and do not replace them.'
            : ''
        } Set both to the certificate and key files.`,
    },
  },
  check(ctx) {
    const absent = NAMES.filter((n) => !entryOf(ctx, n));
    for (const name of NAMES) {
      const e = entryOf(ctx, name);
      if (e && isBlank(valueOf(ctx, e))) ctx.report({ messageId: 'pathEmpty', data: { name }, span: e.keySpan });
    }
    if (!absent.length || !configuresServer(ctx)) return;
    const auditPki = ['THEMIS_PKI_CERT', 'THEMIS_PKI_KEY'].some((n) => entryOf(ctx, n));
    ctx.report({ messageId: 'missing', data: { absent, auditPki }, span: absentSpan(ctx) });
  },
});
