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
  WAL_MTLS,
  environmentOf,
} from '../../envSemantics';
import { defineRule, RuleContext } from '../rule';
import { numberOf } from '../shared/values';
import { absentSpan, editsOf, provide, shown, Typo, typoData, typoText, valueSpan } from './shared';

/** A count written as a whole number (`3`, ` 1 `); undefined for anything else. */
function countOf(v: string | undefined): number | undefined {
  const n = numberOf(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

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
      mtlsNotSet: (d: { reason: string; typo?: Typo }) =>
        `This is a multi-node deployment (${d.reason}), but ${WAL_MTLS} is not set${typoText(d.typo)}, so WAL replication between nodes runs over plaintext gRPC that anyone on the network can read or alter. Set ${WAL_MTLS}=1.`,
      mtlsOff: (d: { reason: string; value: string }) =>
        `This is a multi-node deployment (${d.reason}), but ${WAL_MTLS} is ${shown(d.value)}, so WAL replication runs over plaintext gRPC. Set it to 1.`,
      clientCertsOff: (d: { value: string }) =>
        `${WAL_CLIENT_CERT} is "${d.value}": WAL peers no longer have to prove who they are, so any host that reaches the port can join replication. Require client certificates.`,
    },
  },
  check(ctx) {
    const reason = multiNodeReason(ctx);
    if (!reason) return;
    const mtls = entryOf(ctx, WAL_MTLS);
    const mtlsValue = valueNamed(ctx, WAL_MTLS);
    if (!mtls) {
      const p = provide(ctx, WAL_MTLS, '1', (v) => flagOn(WAL_MTLS, v));
      ctx.report({
        messageId: 'mtlsNotSet',
        data: { reason, typo: typoData(ctx, WAL_MTLS) },
        span: absentSpan(ctx),
        fixes: [ctx.fix(p.title, p.edits)],
      });
    } else if (mtlsValue !== undefined && !flagOn(WAL_MTLS, mtlsValue) && !misspelledOn(WAL_MTLS, mtlsValue)) {
      ctx.report({
        messageId: 'mtlsOff',
        data: { reason, value: mtlsValue },
        span: valueSpan(mtls),
        fixes: [ctx.fix(`Set ${WAL_MTLS} to 1`, [editsOf(ctx).set(mtls, '1')])],
      });
    }
    const cc = entryOf(ctx, WAL_CLIENT_CERT);
    const ccValue = valueNamed(ctx, WAL_CLIENT_CERT);
    if (cc && ccValue !== undefined && clientCertsOff(ccValue)) {
      ctx.report({
        messageId: 'clientCertsOff',
        data: { value: ccValue },
        span: valueSpan(cc),
        fixes: [ctx.fix(`Set ${WAL_CLIENT_CERT} to 1`, [editsOf(ctx).set(cc, '1')])],
      });
    }
  },
});
