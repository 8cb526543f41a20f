// Audit logging as a document states it. Dialects: guide `logging.audit.*`,
// security.yaml `audit.*`, GPU examples `security.audit.*`, editions
// `security.audit_auth` / `security.audit_data_access`. AUD and CMP read it.
import { isScalar } from 'yaml';
import { DocView, isMapRef, YamlRef } from '../../documents/yamlModel';
import { RuleContext } from '../rule';
import { securitySiblingSays, switchRef } from './documents';
import { boolOf, ValueReader } from './values';

const BLOCK_PATHS = [['logging', 'audit'], ['audit'], ['security', 'audit']];

const EDITION_SWITCHES: Record<string, string> = {
  audit_auth: 'auditing of authentication events',
  audit_data_access: 'auditing of data access',
  audit_enabled: 'audit logging',
  enable_audit: 'audit logging',
};

/** The audit blocks of a document (each a mapping). */
export function auditBlocks(doc: DocView): YamlRef[] {
  return BLOCK_PATHS.map((p) => doc.get(p)).filter((r): r is YamlRef => isMapRef(r));
}

export interface AuditSwitch {
  ref: YamlRef;
  /** What the switch controls, for messages. */
  label: string;
}

/** Every switch of a document that turns audit logging (or a part of it) on or off. */
export function auditSwitches(ctx: ValueReader, doc: DocView): AuditSwitch[] {
  const out: AuditSwitch[] = [];
  for (const p of BLOCK_PATHS) {
    const ref = switchRef(ctx, doc, p);
    if (ref) out.push({ ref, label: 'audit logging' });
  }
  for (const [key, label] of Object.entries(EDITION_SWITCHES)) {
    const ref = doc.get(['security', key]);
    if (ref && (!ref.node || isScalar(ref.node))) out.push({ ref, label });
  }
  return out;
}

/** Whether the document is one where audit settings belong (logging/audit section or a full config). */
export function auditApplies(doc: DocView): boolean {
  return ['logging', 'audit', 'storage', 'server'].some((k) => doc.get(k));
}

/** Whether a security.yaml next to this file turns audit logging on. */
export function siblingAudits(ctx: Pick<RuleContext, 'resolved' | 'workspace' | 'file'>): boolean {
  return securitySiblingSays(ctx, (d) => auditSwitches(ctx, d).map((x) => x.ref));
}

/**
 * 'on' when a switch is on (or set through a variable), 'off' when one is
 * false or the file should configure audit and does not, else 'unknown'.
 */
export function auditState(ctx: Pick<RuleContext, 'resolved' | 'workspace' | 'file'>, doc: DocView): 'on' | 'off' | 'unknown' {
  const switches = auditSwitches(ctx, doc);
  if (switches.some((s) => boolOf(ctx, s.ref) === false)) return 'off';
  if (switches.length > 0) return 'on';
  if (!auditApplies(doc)) return 'unknown';
  return siblingAudits(ctx) ? 'on' : 'off';
}
