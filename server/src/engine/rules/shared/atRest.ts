// Encryption at rest as a document states it, in every dialect (guide
// `storage.encryption`, security.yaml `field_encryption`, editions
// `security.enable_field_encryption`, GPU examples `security.encryption`). ENC and CMP read it.
import { DocView, isMapRef, YamlRef } from '../../documents/yamlModel';
import { RuleContext } from '../rule';
import { securitySiblingSays, switchRef } from './documents';
import { boolOf, ValueReader } from './values';

export interface AtRestSwitch {
  ref: YamlRef;
  /** What the switch controls, for messages. */
  label: string;
}

/** Every switch of a document that turns encryption at rest on or off, in all dialects. */
export function atRestSwitches(ctx: ValueReader, doc: DocView): AtRestSwitch[] {
  const out: AtRestSwitch[] = [];
  const add = (ref: YamlRef | undefined, label: string): void => {
    if (ref) out.push({ ref, label });
  };
  add(switchRef(ctx, doc, ['storage', 'encryption']), 'storage encryption');
  add(switchRef(ctx, doc, ['storage', 'encryption', 'field_level']), 'field-level encryption');
  add(switchRef(ctx, doc, ['field_encryption']), 'field encryption');
  add(switchRef(ctx, doc, ['security', 'field_encryption']), 'field encryption');
  add(doc.get(['security', 'enable_field_encryption']), 'field encryption');
  add(switchRef(ctx, doc, ['security', 'encryption']), 'encryption at rest');
  return out;
}

/** The switches that turn the whole of encryption at rest on or off (field-level encryption inside storage.encryption does neither). */
export function mainAtRestSwitches(ctx: ValueReader, doc: DocView): AtRestSwitch[] {
  return atRestSwitches(ctx, doc).filter((s) => s.label !== 'field-level encryption');
}

/** Whether a security.yaml next to this file turns encryption at rest on. */
export function siblingEncryptsAtRest(ctx: Pick<RuleContext, 'resolved' | 'workspace' | 'file'>): boolean {
  return securitySiblingSays(ctx, (d) => mainAtRestSwitches(ctx, d).map((x) => x.ref));
}

/** Whether the document configures its storage (a `storage` block with content). */
export function storageConfigured(doc: DocView): YamlRef | undefined {
  const storage = doc.get('storage');
  return isMapRef(storage) && doc.children('storage').length > 0 ? storage : undefined;
}

/**
 * 'on': a switch is on (or set through an unresolved variable); 'off': a switch
 * is explicitly false, or storage is configured with no switch at all;
 * 'unknown': the document says nothing about encryption at rest.
 */
export function atRestState(ctx: Pick<RuleContext, 'resolved' | 'workspace' | 'file'>, doc: DocView): 'on' | 'off' | 'unknown' {
  const main = mainAtRestSwitches(ctx, doc);
  if (main.some((s) => boolOf(ctx, s.ref) === false)) return 'off';
  if (main.length > 0) return 'on';
  if (!storageConfigured(doc)) return 'unknown';
  return siblingEncryptsAtRest(ctx) ? 'on' : 'off';
}
