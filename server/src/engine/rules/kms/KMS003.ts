// KMS003 hsm-provider-unsupported: an HSM provider the server rejects at startup, or pkcs11 without its library.
import { keySpanOf, shownValue } from '../query';
import { defineRule } from '../rule';
import { isEmptyValue } from '../shared/values';
import { providers, STUB_LIKE } from './shared';

const SERVER_PROVIDERS = new Set(['pkcs11', 'stub']);

// Severity (catalog W/E, in the order of its triggers): a provider name the
// server does not support -> W; `pkcs11` without `hsm.pkcs11.library_path`,
// a provider that is right but cannot load -> E. In the edition / guide dialect,
// which the server does not read, a missing library is a W.
export default defineRule({
  meta: {
    id: 'KMS003',
    name: 'hsm-provider-unsupported',
    kinds: ['config'],
    severity: ['error', 'warning'],
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      unsupported: (d: { shown: string }) =>
        `Unsupported HSM provider ${d.shown}: the server accepts only pkcs11 and stub. ` +
        'Startup stops with an unsupported-provider error. ' +
        'Reach this HSM or KMS through its PKCS#11 library (provider pkcs11), or through Vault.',
      unsupportedInGuide: (d: { shown: string }) =>
        `HSM provider ${d.shown} is not supported by the ThemisDB server (only pkcs11 and stub). ` +
        'Moved into hsm.provider, it would stop startup. Reach this HSM or KMS through its PKCS#11 library, or through Vault.',
      noLibrary: (d: { empty: boolean }) =>
        `hsm.provider is pkcs11 but hsm.pkcs11.library_path is ${d.empty ? 'empty' : 'missing'}. ` +
        'The server refuses to start without the PKCS#11 library. ' +
        "Set it to the vendor's .so (for example /opt/cloudhsm/lib/libcloudhsm_pkcs11.so).",
      noLibraryInGuide: (d: { empty: boolean }) =>
        `The pkcs11 HSM provider has no library: security.hsm.pkcs11_library is ${d.empty ? 'empty' : 'missing'}. ` +
        "The server needs the vendor's PKCS#11 library to start. Set the path to it.",
    },
  },
  check(ctx) {
    for (const p of providers(ctx)) {
      if (STUB_LIKE.has(p.value)) continue; // KMS001, the more specific finding
      if (!SERVER_PROVIDERS.has(p.value)) {
        const data = { shown: shownValue(ctx, p.ref) };
        ctx.report({
          messageId: p.serverRead ? 'unsupported' : 'unsupportedInGuide',
          data,
          span: p.ref.valueSpan!,
          severity: 'warning',
        });
        continue;
      }
      if (p.value !== 'pkcs11') continue;
      if (p.serverRead) {
        const lib = p.doc.get(['hsm', 'pkcs11', 'library_path']);
        if (!isEmptyValue(ctx, lib)) continue;
        const at = lib?.valueSpan ?? (lib ? keySpanOf(lib) : keySpanOf(p.doc.get(['hsm', 'pkcs11']) ?? p.doc.get(['hsm'])!));
        ctx.report({ messageId: 'noLibrary', data: { empty: !!lib }, span: at, severity: 'error' });
      } else {
        const libs = ['pkcs11_library', 'library_path', 'pkcs11_library_path'].map((k) => p.doc.get(['security', 'hsm', k]));
        const nested = p.doc.get(['security', 'hsm', 'pkcs11', 'library_path']);
        if ([...libs, nested].some((l) => l && !isEmptyValue(ctx, l))) continue;
        const empty = [...libs, nested].find((l) => l);
        ctx.report({
          messageId: 'noLibraryInGuide',
          data: { empty: !!empty },
          span: empty?.valueSpan ?? keySpanOf(p.doc.get(['security', 'hsm'])!),
          severity: 'warning',
        });
      }
    }
  },
});
