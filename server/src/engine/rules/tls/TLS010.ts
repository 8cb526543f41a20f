// TLS010 tls-verify-off: certificate verification of a remote TLS peer switched off.
import { asBool } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { dotted, lastKey, pathText, shownValue } from '../query';
import { defineRule } from '../rule';

/** Keys that must be true (false turns verification off). */
const VERIFY_TRUE =
  /^(?:tls_verify|ssl_verify|verify_ssl|verify_tls|verify_certificate|verify_certs|verify_server_cert|[a-z0-9_]+_tls_verify|[a-z0-9_]+_ssl_verify)$/;
/** Keys that must be false (true turns verification off). */
const VERIFY_FALSE =
  /^(?:insecure_skip_verify|tls_insecure_skip_verify|insecure_skip_tls_verify|skip_tls_verify|tls_skip_verify|skip_verify|ssl_skip_verify)$/;
/** Where a bare `verify` is about a remote TLS peer. */
const VERIFY_CONTEXT =
  /tls|ssl|https?|vault|kms|cert|connection|client|proxy|remote|endpoint|s3|webhook|siem|splunk|elastic|ldap|oidc|ranger|pki|syslog/i;
const VERIFY_SIBLING = /^(?:url|uri|address|addr|endpoint|host|server|ca_file|ca_cert|ca_path|ca_bundle)$/;
/** The keys of the entries judged: looked up by key, not found by a walk over every entry. */
const JUDGED_KEY = new RegExp(`${VERIFY_TRUE.source}|${VERIFY_FALSE.source}|^verify$`);

export default defineRule({
  meta: {
    id: 'TLS010',
    name: 'tls-verify-off',
    kinds: ['config'],
    blockLocal: true,
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      verifyOff: (d: { path: string; written: string; target: string }) =>
        `Certificates are not verified: ${d.path} is ${d.written}. ` +
        `Anyone who can intercept ${d.target} can pose as the remote side and read or alter the traffic. ` +
        'Verify certificates (trust a private CA if needed).',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const ref of doc.named(JUDGED_KEY)) {
        if (!ref.valueSpan) continue;
        const k = lastKey(ref);
        let want: boolean;
        if (VERIFY_FALSE.test(k)) want = false;
        else if (VERIFY_TRUE.test(k)) want = true;
        else if (k === 'verify') {
          const parents = ref.path.slice(0, -1);
          const siblings = doc.children(parents).map(lastKey);
          if (!parents.some((p) => VERIFY_CONTEXT.test(p)) && !siblings.some((s) => VERIFY_SIBLING.test(s))) continue;
          want = true;
        } else continue;
        const v = asBool(ctx.resolved(ref));
        if (v === undefined || v === want) continue;
        ctx.report({
          messageId: 'verifyOff',
          data: {
            path: dotted(ref),
            written: shownValue(ctx, ref),
            target: pathText(ref.path.slice(0, -1)) || 'this connection',
          },
          span: ref.valueSpan,
          fixes: [ctx.fix(`Set ${k} to ${want}`, [setValue(ctx.file, ref, want)])],
        });
      }
    }
  },
});
