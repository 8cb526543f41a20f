// ENV015 unknown-variable: a THEMIS_* name the catalog does not know (closest name offered), or one the server never reads.
import { EnvEntry } from '../../documents/envModel';
import { ENV_PATTERNS, VarStatus, varInfo } from '../../envCatalog';
import { DOCUMENTED_VARIABLES, entryOf, productionOn, SERVER_VARIABLES, environmentOf } from '../../envSemantics';
import { defineRule, RuleContext } from '../rule';
import { closestNames } from '../shared/distance';
import { editsOf, lineOf, renameTarget, typoToldByOwner } from './shared';
import { detached } from '../../detached';

/** Why a documented name does nothing, as a sentence (no final stop). */
function noEffectReason(name: string, status: VarStatus, detail = ''): string {
  if (/entrypoint/.test(detail))
    return 'Only the Docker entrypoint reads it, to rewrite the config file; themis_server ignores it';
  if (/client/.test(detail)) return 'Only client adapters read it';
  switch (status) {
    case 'build-time':
      return 'It is a build-time (CMake/preprocessor) option, not a setting of the running server';
    case 'test':
      return 'Only the unit tests read it';
    case 'compose-only':
      return 'Only compose files use it';
    default:
      return `ThemisDB documents it, but no server code reads ${name}`;
  }
}

/** Where the setting really lives, for names that point people the wrong way. */
const INSTEAD: Record<string, string> = {
  THEMIS_SHARD_ID: 'the server reads SHARD_ID (or sharding.shard_id in config.yaml)',
  THEMIS_SHARDS: 'the server reads CLUSTER_SIZE (or sharding.cluster_size in config.yaml)',
  THEMIS_ENABLE_SHARDING: 'use sharding.enabled in config.yaml',
  THEMIS_WORKER_THREADS: 'use server.worker_threads in config.yaml',
  THEMIS_MEMTABLE_SIZE_MB: 'use storage.memtable_size_mb in config.yaml',
  THEMIS_BLOCK_CACHE_SIZE_MB: 'use storage.block_cache_size_mb in config.yaml',
  THEMIS_PKI_SIGNING_ALGORITHM: 'the server reads THEMIS_PKI_SIG_ALG',
  THEMIS_HTTP_PORT: 'use server.port in config.yaml',
  THEMIS_SERVER_PORT: 'use server.port in config.yaml',
  THEMIS_DB_PATH: 'use storage.rocksdb_path in config.yaml',
  THEMIS_STORAGE_PATH: 'use storage.rocksdb_path in config.yaml',
  THEMIS_HSM_PROVIDER: 'use hsm.provider in security.yaml',
  THEMIS_HSM_LIBRARY: 'use hsm.pkcs11.library_path in security.yaml',
  THEMIS_HSM_SLOT: 'use hsm.pkcs11.slot_id in security.yaml',
  THEMIS_HSM_KEY_LABEL: 'use hsm.pkcs11.key_label in security.yaml',
  THEMIS_CLOUDHSM_PIN: 'the server reads THEMIS_HSM_PIN',
  THEMIS_SECRET_TOKENS_ADMIN: 'the server reads THEMIS_TOKEN_ADMIN',
  THEMIS_TLS_ENABLED: 'configure TLS in config.yaml (server.enable_tls)',
  THEMIS_TLS_CERT: 'configure TLS in config.yaml (server.tls_cert_path)',
  THEMIS_TLS_KEY: 'configure TLS in config.yaml (server.tls_key_path)',
  THEMIS_TLS_MIN_VERSION: 'configure TLS in config.yaml (server.tls_min_version)',
};

/** What a misspelled security variable leaves behind. */
const CONSEQUENCE: Record<string, string> = {
  THEMIS_PRODUCTION_MODE: 'production mode stays off and the server starts with its fail-open development defaults',
  THEMIS_ENVIRONMENT: 'the environment stays development',
  THEMIS_TOKEN_ADMIN: 'the admin API has no token',
  THEMIS_PII_STRICT: 'PII redaction stays fail-open',
  THEMIS_DISABLE_AUTO_DOWNLOAD: 'automatic model downloads stay on',
  THEMIS_HSM_ENABLED: 'the HSM key provider stays off',
  THEMIS_WAL_GRPC_ENABLE_MTLS: 'WAL replication stays on plaintext gRPC',
};

/** What the misspelling leaves behind, when `target` is the variable it was meant to be. */
function consequenceOf(target: string, production: boolean): string {
  if (target === 'THEMIS_PRODUCTION_MODE' && production) {
    return 'the checks that read only THEMIS_PRODUCTION_MODE (the HSM provider among them) stay in development mode';
  }
  const d = varInfo(target)?.default;
  return CONSEQUENCE[target] ?? `${target} stays unset${d ? ` (default ${d})` : ''}`;
}

const didYouMean = (names: readonly string[]) => ` Did you mean ${names.join(' or ')}?`;
const unknown = (name: string) => `${name} is not a ThemisDB variable, so the server ignores it.`;

/**
 * The names closest to an unknown (upper-case) name: among those the server reads
 * and among all documented ones, within max(2, a quarter of its length) edits.
 * They depend only on the catalog, so each name is looked up once.
 */
function nearest(name: string): Near {
  let near = nearCache.get(name);
  if (!near) {
    const max = Math.max(2, Math.floor(name.length / 4));
    const effective = closestNames(name, SERVER_VARIABLES, max);
    // the names the server reads are documented too: no documented name is farther than the closest of them
    const any = closestNames(name, DOCUMENTED_VARIABLES, effective.names.length ? effective.distance : max);
    near = {
      effective: effective.names,
      any: any.names,
      effectiveFirst: effective.names.length > 0 && effective.distance <= any.distance,
    };
    if (nearCache.size >= CACHE_LIMIT) nearCache.clear();
    nearCache.set(detached(name), near);
  }
  return near;
}

interface Near {
  /** The closest names the server reads. */
  effective: string[];
  /** The closest documented names, read or not. */
  any: string[];
  /** A name the server reads is at least as close as any documented one. */
  effectiveFirst: boolean;
}

const nearCache = new Map<string, Near>();
const CACHE_LIMIT = 100_000;

const messages = {
  noEffect: (d: { name: string; status: VarStatus; statusDetail?: string; instead?: string }) =>
    `${d.name} has no effect: the server never reads it. ${noEffectReason(d.name, d.status, d.statusDetail)}.${d.instead ? ` Instead, ${d.instead}.` : ''}`,
  wrongCase: (d: { name: string; upper: string; setOnLine?: number }) =>
    `Wrong case: the server reads ${d.upper}, not ${d.name}. Environment names are case-sensitive, so this line has no effect.${
      d.setOnLine ? ` ${d.upper} is already set on line ${d.setOnLine}; remove this line.` : ''
    }`,
  nothingClose: (d: { name: string }) =>
    `${unknown(d.name)} No known variable is close to this name; check the spelling against the ThemisDB documentation.`,
  didYouMean: (d: { name: string; names: string[] }) => `${unknown(d.name)}${didYouMean(d.names)}`,
  alreadySet: (d: { name: string; names: string[]; target: string; line: number }) =>
    `${unknown(d.name)}${didYouMean(d.names)} ${d.target} is already set on line ${d.line}, so this line can go.`,
  misspelled: (d: { name: string; names: string[]; target: string; production: boolean }) =>
    `${unknown(d.name)}${didYouMean(d.names)} As written, ${consequenceOf(d.target, d.production)}.`,
  closestNotRead: (d: { name: string; closest: string }) =>
    `${unknown(d.name)} The closest documented name, ${d.closest}, is not read by the server either${INSTEAD[d.closest] ? `: ${INSTEAD[d.closest]}` : ''}.`,
};

function reportUnknown(ctx: RuleContext<typeof messages>, e: EnvEntry): void {
  const name = e.key;
  const near = nearest(name.toUpperCase());
  const span = e.keySpan;
  if (near.effectiveFirst) {
    const names = near.effective;
    const target = renameTarget(name);
    const existing = target && entryOf(ctx, target);
    if (target && !existing && typoToldByOwner(ctx, e, target)) return; // one finding per typo: the target's rule tells it
    if (target && existing)
      ctx.report({ messageId: 'alreadySet', data: { name, names, target, line: lineOf(ctx.file, existing) }, span });
    else if (target) {
      ctx.report({
        messageId: 'misspelled',
        data: { name, names, target, production: productionOn(ctx) },
        span,
        fixes: [ctx.fix(`Rename to ${target}`, [editsOf(ctx).rename(e, target)])],
      });
    } else ctx.report({ messageId: 'didYouMean', data: { name, names }, span });
  } else if (near.any.length) {
    ctx.report({ messageId: 'closestNotRead', data: { name, closest: near.any[0] }, span });
  } else {
    ctx.report({ messageId: 'nothingClose', data: { name }, span });
  }
}

export default defineRule({
  meta: {
    id: 'ENV015',
    name: 'unknown-variable',
    kinds: ['env', 'deploy'],
    severity: ['warning', 'hint'],
    productionOnly: false,
    fix: 'fix',
    supersedes: [],
    messages,
  },
  check(ctx) {
    for (const e of environmentOf(ctx).entries) {
      const name = e.key;
      if (!/^THEMIS_/i.test(name)) continue;
      const known = varInfo(name);
      if (known) {
        if (known.status === 'code') continue;
        ctx.report({
          messageId: 'noEffect',
          severity: 'hint',
          data: { name, status: known.status, statusDetail: known.statusDetail, instead: INSTEAD[name] },
          span: e.keySpan,
        });
        continue;
      }
      const upper = name.toUpperCase();
      if (upper !== name && varInfo(upper)) {
        const target = entryOf(ctx, upper);
        ctx.report({
          messageId: 'wrongCase',
          data: { name, upper, setOnLine: target && lineOf(ctx.file, target) },
          span: e.keySpan,
          fixes: target ? [] : [ctx.fix(`Rename to ${upper}`, [editsOf(ctx).rename(e, upper)])],
        });
        continue;
      }
      const pattern = ENV_PATTERNS.find((p) => p.re.test(name));
      if (pattern) {
        ctx.report({ messageId: 'noEffect', severity: 'hint', data: { name, status: pattern.status }, span: e.keySpan });
        continue;
      }
      reportUnknown(ctx, e);
    }
  },
});
