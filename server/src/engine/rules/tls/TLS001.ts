// TLS001 tls-disabled: the main TLS switch is false, or a file that configures a listener never turns TLS on.
import { isMapRef, YamlRef } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { dotted, keySpanOf, lastKey } from '../query';
import { defineRule } from '../rule';
import { Dialect, dialect, mainSwitches } from '../shared/tlsState';
import { certGaps, fillGaps, grpcTlsBlocks, isEditionLike, mainListener, networkListener } from './shared';

export default defineRule({
  meta: {
    id: 'TLS001',
    name: 'tls-disabled',
    kinds: ['config'],
    severity: 'error',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      switchedOff: (d: { path: string }) =>
        `TLS is off: ${d.path} is false. Bearer tokens, queries and results reach ThemisDB in clear text. ` +
        'Turn TLS on and give it a certificate and key.',
      neverOn: (d: { listener: string; key: string }) =>
        `TLS is never turned on for listener ${d.listener}: ${d.key} is missing. ` +
        'The listener serves plaintext. Enable TLS with a certificate and key.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      const switches = mainSwitches(ctx, doc);
      for (const s of switches) {
        if (s.on !== false || !s.ref.valueSpan) continue;
        const set = setValue(ctx.file, s.ref, true);
        const fill = fillGaps(ctx, doc, s.dialect, certGaps(ctx, doc, s.dialect));
        const filled = fill.length > 0 && fill.every((e) => e);
        const key = lastKey(s.ref);
        ctx.report({
          messageId: 'switchedOff',
          data: { path: dotted(s.ref) },
          span: s.ref.valueSpan,
          fixes: [
            filled
              ? ctx.suggest(`Set ${key} to true and add certificate/key placeholders`, [set, ...fill])
              : ctx.suggest(`Set ${key} to true`, [set]),
          ],
        });
      }
      if (switches.length) continue;

      // no switch at all: only a file that defines a listener needs one
      const listener = mainListener(doc);
      const grpc = doc.get(['grpc']);
      if (!listener && !(grpc?.keySpan && isMapRef(grpc) && doc.children(['grpc']).length)) continue;
      let d: Dialect;
      let at: YamlRef | undefined;
      if (listener) {
        const networkTls = doc.get(['network', 'tls']);
        if (networkTls?.keySpan) [d, at] = [dialect('network'), networkTls];
        else if (isEditionLike(doc)) [d, at] = [dialect('edition'), doc.get(['security']) ?? doc.get(['server'])];
        else if (networkListener(doc)) [d, at] = [dialect('network'), doc.get(['network'])];
        else [d, at] = [dialect('server'), doc.get(['server'])];
      } else {
        if (grpcTlsBlocks(doc).some((b) => b.path.length === 2)) continue; // gRPC has its own TLS block (TLS008)
        [d, at] = [dialect('grpc', ['grpc', 'tls']), grpc];
      }
      at = at?.keySpan ? at : doc.firstRoot;
      if (!at) continue;
      const gaps = certGaps(ctx, doc, d);
      const key = `${d.block.join('.')}.${d.switchKey}`;
      ctx.report({
        messageId: 'neverOn',
        data: { listener: listener ?? 'grpc', key },
        span: keySpanOf(at),
        asks: [...d.block, d.switchKey],
        fixes: [
          ctx.suggest(
            `Add ${key}: true${gaps.length ? ' with certificate/key placeholders' : ''}`,
            fillGaps(ctx, doc, d, gaps, [`${d.switchKey}: true`]),
          ),
        ],
      });
    }
  },
});
