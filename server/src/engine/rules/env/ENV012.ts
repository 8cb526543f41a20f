// ENV012 wal-mtls-off: a multi-node deployment whose WAL replication runs without mTLS or without client certificates.
import * as path from 'path';
import { asBool, isSeqRef } from '../../documents/yamlModel';
import {
  clientCertsOff,
  configuresServer,
  EnvScope,
  entryOf,
  flagOn,
  isBlank,
  looksOn,
  misspelledOn,
  valueNamed,
  WAL_CLIENT_CERT,
  WAL_CA_PATH,
  WAL_MTLS,
  walTlsFiles,
  environmentOf,
} from '../../envSemantics';
import { defineRule, FixPart, RuleContext } from '../rule';
import { numberOf } from '../shared/values';
import { andList } from '../shared/wording';
import { absentSpan, editsOf, provide, shown, Typo, typoData, typoText, valueSpan } from './shared';

/** A count written as a whole number (`3`, ` 1 `); undefined for anything else. */
function countOf(v: string | undefined): number | undefined {
  const n = numberOf(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

const unset = (ctx: EnvScope, name: string) => !entryOf(ctx, name) || isBlank(valueNamed(ctx, name));

/** Turning on what needs files that are not set stops the WAL service: such a fix is offered, never applied by fix-all. */
function switchOn(ctx: Pick<RuleContext, 'fix' | 'suggest'>, title: string, edits: FixPart[], missing: string[]) {
  if (!missing.length) return ctx.fix(title, edits);
  return ctx.suggest(title, edits, {
    note: `the WAL service does not start until ${andList(missing)} ${missing.length > 1 ? 'are' : 'is'} set`,
  });
}

/** The sentence a message ends with when turning mTLS on is not enough. */
const needsText = (missing: string[]) =>
  missing.length
    ? ` mTLS also needs ${andList(missing)}: without ${missing.length > 1 ? 'them' : 'it'} the WAL service does not start.`
    : '';

/** Why this deployment has more than one node, or undefined. */
function multiNodeReason(ctx: EnvScope & Pick<RuleContext, 'resolved' | 'workspace'>): string | undefined {
  const val = (k: string) => valueNamed(ctx, k);
  const set = (k: string) => {
    const v = val(k);
    return v !== undefined && !isBlank(v);
  };
  if (looksOn(val('THEMIS_ENABLE_SHARDING'))) return 'THEMIS_ENABLE_SHARDING';
  const shards = val('THEMIS_SHARDS');
  if (shards !== undefined && !isBlank(shards) && (countOf(shards) ?? 2) > 1) return 'THEMIS_SHARDS';
  const size = countOf(val('CLUSTER_SIZE'));
  if (size !== undefined && size > 1) return 'CLUSTER_SIZE';
  for (const e of environmentOf(ctx).entries) {
    if (/^THEMIS_WAL_GRPC_/.test(e.key) || /^THEMIS_CLUSTER_DISCOVERY_/.test(e.key)) return e.key;
  }
  for (const k of [
    'THEMIS_MIRROR_PEER',
    'THEMIS_ROLE',
    'THEMIS_BOOTSTRAP_SHARD',
    'THEMIS_WAL_SHARED_SECRET',
    'THEMIS_WAL_HMAC_SECRET',
  ])
    if (set(k)) return k;
  const single = size === 1 || countOf(shards) === 1;
  for (const k of ['SHARD_ID', 'THEMIS_SHARD_ID']) if (set(k) && !single) return k;
  // a sibling config.yaml speaks for this file only when the file is the server's environment
  if (!configuresServer(ctx)) return undefined;
  for (const cfg of ctx.workspace.siblingConfigs(ctx.file.path)) {
    const y = cfg.yaml;
    const on = (p: string) => asBool(ctx.resolved(y.get(p))) === true;
    const num = (p: string) => Number(ctx.resolved(y.get(p)));
    const where = (p: string) => `${p} in ${path.basename(cfg.path)}`;
    for (const p of [
      'sharding.enabled',
      'replication.enabled',
      'replication.shipper_enabled',
      'multi_primary.enabled',
      'raid.enabled',
    ])
      if (on(p)) return where(p);
    for (const p of ['sharding.cluster_size', 'sharding.total_shards']) if (num(p) > 1) return where(p);
    for (const p of ['replication.replicas', 'replication.replica_endpoints']) {
      const r = y.get(p);
      if (isSeqRef(r) && y.children(p).length > 0) return where(p);
    }
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'ENV012',
    name: 'wal-mtls-off',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      mtlsNotSet: (d: { reason: string; typo?: Typo; missing: string[] }) =>
        `${WAL_MTLS} is not set in a multi-node deployment${typoText(d.typo)}. ${d.reason} marks it as multi-node, and without mTLS WAL replication between nodes runs over plaintext gRPC that anyone on the network can read or alter. Set ${WAL_MTLS}=1.${needsText(d.missing)}`,
      mtlsOff: (d: { reason: string; value: string; missing: string[] }) =>
        `${WAL_MTLS} is ${shown(d.value)} in a multi-node deployment. ${d.reason} marks it as multi-node, and WAL replication between nodes runs over plaintext gRPC. Set it to 1.${needsText(d.missing)}`,
      clientCertsOff: (d: { value: string; missing: string[] }) =>
        `${WAL_CLIENT_CERT} is "${d.value}", so WAL peers need no client certificate. Any host that reaches the port can join replication. Require client certificates.${d.missing.length ? ` They are verified against ${WAL_CA_PATH}, which is not set: without it the WAL service does not start.` : ''}`,
    },
  },
  check(ctx) {
    const reason = multiNodeReason(ctx);
    if (!reason) return;
    const mtls = entryOf(ctx, WAL_MTLS);
    const mtlsValue = valueNamed(ctx, WAL_MTLS);
    const missing = walTlsFiles(ctx).filter((k) => unset(ctx, k));
    if (!mtls) {
      const p = provide(ctx, WAL_MTLS, '1', (v) => flagOn(WAL_MTLS, v));
      ctx.report({
        messageId: 'mtlsNotSet',
        data: { reason, typo: typoData(ctx, WAL_MTLS), missing },
        span: absentSpan(ctx),
        fixes: [switchOn(ctx, p.title, p.edits, missing)],
      });
    } else if (mtlsValue !== undefined && !flagOn(WAL_MTLS, mtlsValue) && !misspelledOn(WAL_MTLS, mtlsValue)) {
      ctx.report({
        messageId: 'mtlsOff',
        data: { reason, value: mtlsValue, missing },
        span: valueSpan(mtls),
        fixes: [switchOn(ctx, `Set ${WAL_MTLS} to 1`, [editsOf(ctx).set(mtls, '1')], missing)],
      });
    }
    const cc = entryOf(ctx, WAL_CLIENT_CERT);
    const ccValue = valueNamed(ctx, WAL_CLIENT_CERT);
    if (cc && ccValue !== undefined && clientCertsOff(ccValue)) {
      // client certificates are verified against the CA
      const noCa = unset(ctx, WAL_CA_PATH) ? [WAL_CA_PATH] : [];
      ctx.report({
        messageId: 'clientCertsOff',
        data: { value: ccValue, missing: noCa },
        span: valueSpan(cc),
        fixes: [switchOn(ctx, `Set ${WAL_CLIENT_CERT} to 1`, [editsOf(ctx).set(cc, '1')], noCa)],
      });
    }
  },
});
