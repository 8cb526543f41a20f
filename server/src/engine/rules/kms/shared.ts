// Helpers of the KMS family: the HSM providers a file names, in its two dialects.
//
// - `hsm.*` at the top of security.yaml or the main config: read by the 2026
//   server (hsm_startup_policy.h), which accepts only `pkcs11` and `stub` and
//   needs `hsm.pkcs11.library_path` for pkcs11;
// - `security.hsm.*` in edition files and the hardening guide: not read by the
//   server, but copied from.
import { isScalar } from 'yaml';
import { asBool, DocView, YamlRef } from '../../documents/yamlModel';
import { RuleContext } from '../rule';
import { resolvedString, ValueReader } from '../shared/values';

/** Provider names that are a software stand-in for an HSM. */
export const STUB_LIKE = new Set(['stub', 'mock', 'software', 'soft', 'fake', 'dummy', 'simulated', 'simulator']);

export interface Provider {
  ref: YamlRef;
  /** The resolved name, lower case. */
  value: string;
  /** `hsm.provider` (read by the server) or `security.hsm.provider` (edition / guide dialect). */
  serverRead: boolean;
  doc: DocView;
}

/** Whether an edition / guide file switches its HSM off (`security.enable_hsm: false`, `security.hsm.enabled: false`). */
function hsmSwitchedOff(ctx: ValueReader, doc: DocView): boolean {
  for (const p of [
    ['security', 'enable_hsm'],
    ['security', 'hsm', 'enabled'],
  ]) {
    const r = doc.get(p);
    if (r && asBool(ctx.resolved(r)) === false) return true;
  }
  return false;
}

/** Every HSM provider the file names with a known value (a `${VAR}` left unresolved is skipped). */
export function providers(ctx: Pick<RuleContext, 'file' | 'resolved'>): Provider[] {
  const out: Provider[] = [];
  for (const doc of ctx.file.yaml.documents()) {
    const server = doc.get(['hsm', 'provider']);
    const guide = doc.get(['security', 'hsm', 'provider']);
    for (const [ref, serverRead] of [
      [server, true],
      [guide, false],
    ] as const) {
      if (!ref?.valueSpan || !isScalar(ref.node)) continue;
      if (!serverRead && hsmSwitchedOff(ctx, doc)) continue;
      const value = resolvedString(ctx, ref);
      if (!value || value.includes('${')) continue;
      out.push({ ref, value: value.toLowerCase(), serverRead, doc });
    }
  }
  return out;
}
