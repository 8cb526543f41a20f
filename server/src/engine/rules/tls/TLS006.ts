// TLS006 tls-missing-cert: TLS is on but the certificate or private key path is empty or absent.
import { asBool, YamlRef } from '../../documents/yamlModel';
import { dotted, keySpanOf } from '../query';
import { defineRule } from '../rule';
import { Dialect, dialect, mainSwitches } from '../shared/tlsState';
import { certGaps, fillGaps, grpcTlsBlocks } from './shared';

export default defineRule({
  meta: {
    id: 'TLS006',
    name: 'tls-missing-cert',
    kinds: ['config'],
    severity: 'error',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      pathsMissing: (d: { switchPath: string; what: string; count: number; keys: string }) =>
        `TLS is on (${d.switchPath}) but ${d.keys} ${d.count > 1 ? 'are' : 'is'} missing. ` +
        `No TLS handshake can complete without the ${d.what}. Point ${d.count > 1 ? 'them' : 'it'} at the PEM files.`,
      pathEmpty: (d: { switchPath: string; name: string; path: string }) =>
        `TLS is on (${d.switchPath}) but the ${d.name} path ${d.path} is empty. ` +
        'No TLS handshake can complete without it. Point it at the PEM file.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      const checks: { d: Dialect; sw: YamlRef }[] = [];
      for (const s of mainSwitches(ctx, doc)) if (s.on === true) checks.push({ d: s.dialect, sw: s.ref });
      for (const block of grpcTlsBlocks(doc)) {
        const sw = doc.get([...block.path, 'enabled']);
        if (sw && asBool(ctx.resolved(sw)) === true) checks.push({ d: dialect('grpc', block.path), sw });
      }
      for (const { d, sw } of checks) {
        const gaps = certGaps(ctx, doc, d);
        if (!gaps.length) continue;
        const suggestion = () =>
          ctx.suggest(`Add placeholder ${gaps.map((g) => g.key).join(' and ')}`, fillGaps(ctx, doc, d, gaps));
        const block = doc.get(d.block);
        const absent = gaps.filter((g) => !g.ref);
        if (absent.length && block?.keySpan) {
          ctx.report({
            messageId: 'pathsMissing',
            data: {
              switchPath: dotted(sw),
              what: absent.map((g) => `${g.name} path (${g.key})`).join(' and '),
              count: absent.length,
              keys: absent.map((g) => g.key).join(' and '),
            },
            span: block.keySpan,
            fixes: [suggestion()],
          });
        }
        for (const g of gaps) {
          if (!g.ref) continue;
          ctx.report({
            messageId: 'pathEmpty',
            data: { switchPath: dotted(sw), name: g.name, path: dotted(g.ref) },
            span: g.ref.valueSpan ?? keySpanOf(g.ref),
            fixes: [suggestion()],
          });
        }
      }
    }
  },
});
