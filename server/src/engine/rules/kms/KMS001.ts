// KMS001 hsm-stub: the HSM provider is a software stand-in (stub, mock, software…).
import { writtenValue } from '../query';
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
        `The HSM provider is "${d.shown}", a software stand-in rather than hardware: master keys would sit in process memory where a ` +
        'memory dump reveals them. Use a real HSM through pkcs11 for production.',
      stub: (d: { shown: string }) =>
        `The HSM provider is "${d.shown}", a software stand-in: master keys sit in ordinary process memory with no hardware protection, ` +
        'and a production-mode server refuses to start with it. Configure a real HSM through pkcs11.',
      stubUnknownToServer: (d: { shown: string }) =>
        `The HSM provider is "${d.shown}", a software stand-in with no hardware protection for the master keys; the server also rejects ` +
        'this name at startup (it knows only pkcs11 and stub). Configure a real HSM through pkcs11.',
    },
  },
  check(ctx) {
    for (const p of providers(ctx)) {
      if (!STUB_LIKE.has(p.value)) continue;
      const data = { shown: writtenValue(ctx.file, p.ref) };
      // mock/software in hsm.provider: a stub by another name, which the 2026 server does not even know (one finding, not a second KMS003)
      const messageId = !p.serverRead ? 'guideStub' : p.value === 'stub' ? 'stub' : 'stubUnknownToServer';
      ctx.report({ messageId, data, span: p.ref.valueSpan! });
    }
  },
});
