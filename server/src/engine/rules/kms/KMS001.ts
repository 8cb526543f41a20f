// KMS001 hsm-stub: the HSM provider is a software stand-in (stub, mock, software…).
import { shownValue } from '../query';
import { defineRule } from '../rule';
import { providers, STUB_LIKE } from './shared';

export default defineRule({
  meta: {
    id: 'KMS001',
    name: 'hsm-stub',
    kinds: ['config'],
    blockLocal: true,
    severity: 'error',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      guideStub: (d: { shown: string }) =>
        `HSM provider ${d.shown} is a software stand-in rather than hardware. ` +
        'Master keys would sit in process memory, where a memory dump reveals them. Use a real HSM through pkcs11 for production.',
      stub: (d: { shown: string }) =>
        `HSM provider ${d.shown} is a software stand-in with no hardware protection. ` +
        'Master keys sit in ordinary process memory, and a production-mode server refuses to start with it. ' +
        'Configure a real HSM through pkcs11.',
      stubUnknownToServer: (d: { shown: string }) =>
        `HSM provider ${d.shown} is a software stand-in that the server also rejects. ` +
        'It gives the master keys no hardware protection, and the server knows only pkcs11 and stub, so it stops at startup. ' +
        'Configure a real HSM through pkcs11.',
    },
  },
  check(ctx) {
    for (const p of providers(ctx)) {
      if (!STUB_LIKE.has(p.value)) continue;
      const data = { shown: shownValue(ctx, p.ref) };
      // mock/software in hsm.provider: a stub by another name, which the 2026 server does not even know (one finding, not a second KMS003)
      const messageId = !p.serverRead ? 'guideStub' : p.value === 'stub' ? 'stub' : 'stubUnknownToServer';
      ctx.report({ messageId, data, span: p.ref.valueSpan! });
    }
  },
});
