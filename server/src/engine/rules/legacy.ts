// TEMPORARY: the catalog rows of the rules that are not yet one module each, so
// the families can move to `rules/<family>/<ID>.ts` one at a time. Deleted when
// the last family has moved.
import { FixKind, Severity, Span, Fix } from '../types';
import { Rule, RuleContext } from './rule';

type Row = [string, string, string, Severity, boolean, FixKind | 'none'];

const ROWS: Row[] = [
  ['SCH001', 'yaml-syntax', 'config,mig', 'error', false, 'none'],
  ['SCH002', 'unknown-key', 'config,mig', 'warning', false, 'fix'],
  ['SCH003', 'wrong-type', 'config,mig', 'error', false, 'suggestion'],
  ['SCH004', 'invalid-enum', 'config,mig', 'error', false, 'fix'],
  ['SCH005', 'out-of-range', 'config,mig', 'error', false, 'none'],
  ['SCH006', 'no-effect-key', 'config,mig', 'hint', false, 'none'],
  ['TLS001', 'tls-disabled', 'config', 'error', true, 'suggestion'],
  ['TLS002', 'tls-min-version', 'config', 'error', true, 'fix'],
  ['TLS003', 'tls-weak-cipher', 'config', 'error', true, 'fix'],
  ['TLS004', 'tls-session-tickets', 'config', 'warning', true, 'fix'],
  ['TLS005', 'tls-client-auth', 'config', 'warning', true, 'fix'],
  ['TLS006', 'tls-missing-cert', 'config', 'error', true, 'suggestion'],
  ['TLS007', 'tls-revocation-off', 'config', 'info', true, 'fix'],
  ['TLS008', 'grpc-tls', 'config', 'warning', true, 'fix'],
  ['TLS009', 'tls-wildcard-peer', 'config', 'warning', true, 'none'],
  ['TLS010', 'tls-verify-off', 'config', 'error', true, 'fix'],
  ['TLS011', 'weak-key-size', 'config', 'warning', true, 'suggestion'],
  ['SEC001', 'inline-secret', 'config,mig', 'error', true, 'suggestion'],
  ['SEC002', 'known-credential', 'config,mig', 'error', false, 'suggestion'],
  ['SEC003', 'weak-secret', 'config,mig,env', 'error', true, 'none'],
  ['SEC004', 'credentials-in-url', 'config,mig', 'error', true, 'suggestion'],
  ['SEC005', 'undefined-variable', 'config,mig', 'warning', true, 'none'],
  ['SEC006', 'env-not-ignored', 'env', 'warning', false, 'suggestion'],
  ['SEC007', 'secret-in-template', 'env', 'error', false, 'fix'],
  ['ENC001', 'encryption-disabled', 'config', 'error', true, 'fix'],
  ['ENC002', 'weak-cipher-at-rest', 'config', 'error', true, 'fix'],
  ['ENC003', 'weak-kdf', 'config', 'warning', true, 'fix'],
  ['ENC004', 'local-key-provider', 'config', 'warning', true, 'suggestion'],
  ['ENC005', 'encryption-scope', 'config', 'warning', true, 'fix'],
  ['ENC006', 'unencrypted-artifacts', 'config', 'warning', true, 'fix'],
  ['KMS001', 'hsm-stub', 'config', 'error', true, 'none'],
  ['KMS002', 'hsm-extractable-key', 'config', 'error', true, 'fix'],
  ['KMS003', 'hsm-provider-unsupported', 'config', 'error', true, 'none'],
  ['KMS004', 'key-rotation', 'config', 'warning', true, 'fix'],
  ['AUD001', 'audit-disabled', 'config', 'error', true, 'fix'],
  ['AUD002', 'audit-local-only', 'config', 'warning', true, 'none'],
  ['AUD003', 'audit-insecure-transport', 'config', 'error', true, 'fix'],
  ['AUD004', 'audit-redaction-off', 'config', 'warning', true, 'fix'],
  ['AUD005', 'audit-unsigned', 'config', 'warning', true, 'fix'],
  ['AUD006', 'audit-categories', 'config', 'warning', true, 'suggestion'],
  ['AUD007', 'audit-retention', 'config', 'warning', true, 'fix'],
  ['NET001', 'bind-all-interfaces', 'config,env', 'warning', true, 'suggestion'],
  ['NET002', 'plaintext-remote-endpoint', 'config,env', 'warning', true, 'suggestion'],
  ['GPU001', 'gpu-access-control', 'config', 'warning', true, 'fix'],
  ['GPU002', 'gpu-compute-mode', 'config', 'info', true, 'fix'],
  ['GPU003', 'gpu-no-limits', 'config', 'info', true, 'none'],
  ['GPU004', 'gpu-blocked-operation', 'config', 'error', true, 'fix'],
  ['GPU005', 'vram-secure-clear', 'config', 'warning', true, 'fix'],
  ['MIG001', 'mig-disabled', 'mig', 'warning', true, 'fix'],
  ['MIG002', 'mig-duplicate-uuid', 'mig', 'error', false, 'none'],
  ['MIG003', 'mig-shared-instance', 'mig', 'warning', true, 'none'],
  ['MIG004', 'mig-uuid-format', 'mig', 'error', false, 'none'],
  ['MIG005', 'mig-vram-limit', 'mig', 'error', false, 'none'],
  ['MIG006', 'mig-unassigned', 'mig', 'warning', true, 'none'],
  ['MIG007', 'mig-user-in-gpu-mapping', 'mig', 'info', true, 'none'],
  ['CMP001', 'hipaa-encryption', 'config', 'error', true, 'none'],
  ['CMP002', 'gdpr-retention', 'config', 'warning', true, 'none'],
  ['CMP003', 'soc2-controls', 'config', 'error', true, 'none'],
  ['ENV001', 'production-mode-off', 'env', 'error', true, 'fix'],
  ['ENV002', 'environment-mismatch', 'env', 'warning', true, 'fix'],
  ['ENV003', 'hsm-stub-allowed', 'env', 'error', true, 'fix'],
  ['ENV004', 'admin-token-missing', 'env', 'error', true, 'suggestion'],
  ['ENV005', 'admin-token-weak', 'env', 'error', true, 'suggestion'],
  ['ENV006', 'debug-enabled', 'env', 'error', true, 'fix'],
  ['ENV007', 'pii-strict-off', 'env', 'warning', true, 'fix'],
  ['ENV008', 'auto-download-on', 'env', 'warning', true, 'fix'],
  ['ENV009', 'no-key-management', 'env', 'error', true, 'none'],
  ['ENV010', 'vault-plaintext', 'env', 'error', true, 'fix'],
  ['ENV011', 'static-vault-token', 'env', 'info', true, 'none'],
  ['ENV012', 'wal-mtls-off', 'env', 'error', true, 'fix'],
  ['ENV013', 'wal-mtls-paths', 'env', 'error', true, 'none'],
  ['ENV014', 'pki-paths-missing', 'env', 'warning', true, 'none'],
  ['ENV015', 'unknown-variable', 'env', 'warning', false, 'fix'],
  ['ENV016', 'value-not-recognized', 'env', 'error', false, 'fix'],
  ['ENV017', 'cors-allow-all', 'env', 'warning', true, 'fix'],
  ['ENV018', 'tls-verify-off-env', 'env', 'error', true, 'fix'],
  ['ENV019', 'shard-mtls-disabled', 'env', 'warning', true, 'fix'],
  ['ENV020', 'health-bind-all', 'env', 'warning', true, 'fix'],
  ['DOT001', 'duplicate-key', 'env', 'error', false, 'suggestion'],
  ['DOT002', 'invalid-line', 'env', 'error', false, 'none'],
  ['DOT003', 'space-around-equals', 'env', 'warning', false, 'fix'],
  ['DOT004', 'unterminated-quote', 'env', 'error', false, 'none'],
  ['DOT005', 'unquoted-special', 'env', 'warning', false, 'fix'],
  ['DOT006', 'lowercase-key', 'env', 'info', false, 'none'],
];


const SUPERSEDES_LEGACY: Record<string, string[]> = {
  ENV004: ['SEC003'],
  ENV005: ['SEC003'],
  SEC002: ['SEC001', 'SEC003'],
  SEC004: ['NET002'],
  ENV010: ['NET002'],
  ENV018: ['TLS010'],
  ENV020: ['NET001'],
  SEC007: ['SEC003'],
  AUD003: ['NET002'],
};

const ALL: Severity[] = ['error', 'warning', 'info', 'hint'];

interface LegacyReport {
  span: Span;
  message: string;
  severity?: Severity;
  fixes?: Fix[];
}

export interface LegacyContext extends Omit<RuleContext, 'report'> {
  report(r: LegacyReport): void;
}

export function defineLegacyRule(id: string, check: (ctx: LegacyContext) => void): Rule {
  const row = ROWS.find((r) => r[0] === id);
  if (!row) throw new Error(`rule ${id} is not in the legacy catalog`);
  const [, name, kinds, severity, productionOnly, fix] = row;
  return {
    meta: {
      id,
      name,
      kinds: kinds.split(',') as Rule['meta']['kinds'][number][],
      severity: [severity, ...ALL.filter((s) => s !== severity)],
      productionOnly,
      fix,
      supersedes: SUPERSEDES_LEGACY[id] ?? [],
      messages: { legacy: (d: { message: string }) => d.message },
    },
    check(ctx) {
      check({ ...ctx, report: (r) => ctx.report({ messageId: 'legacy', data: { message: r.message }, span: r.span, severity: r.severity, fixes: r.fixes }) });
    },
  };
}
