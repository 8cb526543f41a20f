// Per-document lookups the families share (multi-document YAML: every edition of
// all-editions.yaml is checked on its own; config.yaml is paired with its security.yaml).
import { basename } from 'path';
import { DocView, isMapRef, YamlRef } from '../../documents/yamlModel';
import { RuleContext } from '../rule';
import { lastKey } from '../query';
import { boolOf, ValueReader } from './values';

/** A flow collection (`{…}` / `[…]`): new entries cannot be added as block lines. */
export const isFlow = (ref: YamlRef | undefined): boolean => !!ref && !!(ref.node as { flow?: boolean } | null)?.flow;

/** Every entry of a document under `base` (any depth), base itself excluded. */
export function descendants(doc: DocView, base: string[]): YamlRef[] {
  if (base.length === 0) return doc.refs;
  const out: YamlRef[] = [];
  const walk = (p: string[]): void => {
    for (const k of doc.children(p)) {
      out.push(k);
      walk(k.path);
    }
  };
  walk(base);
  return out;
}

/** Edition files (config/editions/*.yaml) use `security.enable_*` switches. */
export function isEditionDoc(doc: DocView): boolean {
  if (doc.get('edition')) return true;
  return doc.children('security').some((r) => /^enable_(tls|auth|rbac|field_encryption|hsm|mac)$/.test(lastKey(r)));
}

/** The entry whose value switches a feature: `<path>.enabled`, or `<path>` itself when it holds a boolean. */
export function switchRef(ctx: ValueReader, doc: DocView, path: string[]): YamlRef | undefined {
  const ref = doc.get(path);
  if (!ref) return undefined;
  if (isMapRef(ref)) return doc.get([...path, 'enabled']);
  if (boolOf(ctx, ref) !== undefined) return ref;
  return undefined;
}

/**
 * Whether a security.yaml next to this file switches the setting on (the
 * server pairs config.yaml with the security.yaml of the same folder), so its
 * absence here is not a gap.
 */
/** Said by findings a sibling security.yaml would silence: why the same content in another folder can differ. */
export const NO_SIBLING =
  ' No security.yaml beside this file turns it on; a config with the same content next to one that does gets no such finding.';

export function securitySiblingSays(
  ctx: Pick<RuleContext, 'resolved' | 'workspace' | 'file'>,
  switchesOf: (doc: DocView) => YamlRef[],
): boolean {
  for (const f of ctx.workspace.siblingConfigs(ctx.file.path)) {
    if (!/^security(?:\.[\w.-]+)?\.ya?ml$/i.test(basename(f.path))) continue;
    for (const d of f.yaml.documents()) {
      const refs = switchesOf(d);
      if (refs.length > 0 && refs.every((r) => boolOf(ctx, r) !== false)) return true;
    }
  }
  return false;
}
