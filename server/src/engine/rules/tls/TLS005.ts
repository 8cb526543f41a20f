// TLS005 tls-client-auth: client certificates optional or not verified in a file that sets up mTLS or a cluster.
import { asBool, DocView, isMapRef, isSeqRef } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { dotted, lastKey, parentKey, shownValue } from '../query';
import { defineRule } from '../rule';
import { isEmptyValue, resolvedString, ValueReader } from '../shared/values';
import { capitalized } from '../shared/wording';

const CLIENT_CA =
  /^(?:client_ca|client_ca_file|client_ca_path|client_ca_cert|tls_ca|tls_ca_cert|tls_ca_file|tls_ca_path|tls_ca_cert_path|tls_client_ca)$/;
const TLS_CA = /^(?:ca|ca_file|ca_cert|ca_path|ca_cert_file|ca_cert_path)$/;
const VERIFY_CLIENT = /^(?:verify_client_cert|tls_require_client_cert|require_client_cert|tls_verify_client_cert|verify_client)$/;
// the entries are looked up by their key, not found by a walk over every entry (10,000 tenants)
const CONTEXT_KEY = new RegExp(`${CLIENT_CA.source}|${TLS_CA.source}|^client_cert_verification$`);
const SETTING_KEY = new RegExp(`^client_auth$|${VERIFY_CLIENT.source}`);

/** Why this document sets up mutual TLS or a cluster (for the message), or undefined. */
function mtlsContext(ctx: ValueReader, doc: DocView): string | undefined {
  for (const r of doc.named(CONTEXT_KEY)) {
    if (r.path.includes('hsm') || r.path.includes('vault')) continue;
    const k = lastKey(r);
    const inTls = r.path.slice(0, -1).some((p) => /tls|ssl/i.test(p));
    if ((CLIENT_CA.test(k) || (TLS_CA.test(k) && inTls)) && !isEmptyValue(ctx, r))
      return `a CA for client certificates is set in ${dotted(r)}`;
    if (k === 'client_cert_verification' && isMapRef(r)) return `${dotted(r)} is configured`;
  }
  for (const section of ['replication', 'sharding', 'multi_primary', 'raid']) {
    for (const flag of ['enabled', 'shipper_enabled']) {
      const f = doc.get([section, flag]);
      if (f && asBool(ctx.resolved(f)) === true) return `${section} is enabled`;
    }
    for (const list of ['replicas', 'nodes', 'shards', 'peers']) {
      const l = doc.get([section, list]);
      if (l && isSeqRef(l) && doc.children(l.path).length > 0) return `${section}.${list} lists other nodes`;
    }
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'TLS005',
    name: 'tls-client-auth',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      clientAuthOptional: (d: { written: string; why: string }) =>
        `Client certificates are not required: client_auth is ${d.written}. ` +
        `${capitalized(d.why)}, yet a peer that presents no client certificate is still served. Require client certificates.`,
      clientCertNotVerified: (d: { path: string; why: string }) =>
        `Client certificates are not checked: ${d.path} is false. ` +
        `${capitalized(d.why)}, yet ThemisDB never asks peers for a certificate, so any host that reaches the port is served. ` +
        'Set it to true.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      let why: string | undefined | null = null; // computed once, lazily
      const context = () => (why === null ? (why = mtlsContext(ctx, doc)) : why);
      for (const ref of doc.named(SETTING_KEY)) {
        if (!ref.valueSpan) continue;
        const k = lastKey(ref);
        if (k === 'client_auth') {
          if (ref.path.length >= 3 && parentKey(ref) === 'tls' && ref.path[ref.path.length - 3] === 'grpc') continue; // TLS008
          const v = resolvedString(ctx, ref)?.toLowerCase();
          if (v !== 'none' && v !== 'optional') continue;
          const c = context();
          if (!c) continue;
          ctx.report({
            messageId: 'clientAuthOptional',
            data: { written: shownValue(ctx, ref), why: c },
            span: ref.valueSpan,
            fixes: [ctx.fix(`Set ${k} to required`, [setValue(ctx.file, ref, 'required')])],
          });
        } else if (VERIFY_CLIENT.test(k)) {
          if (asBool(ctx.resolved(ref)) !== false) continue;
          const c = context();
          if (!c) continue;
          ctx.report({
            messageId: 'clientCertNotVerified',
            data: { path: dotted(ref), why: c },
            span: ref.valueSpan,
            fixes: [ctx.fix(`Set ${k} to true`, [setValue(ctx.file, ref, true)])],
          });
        }
      }
    }
  },
});
