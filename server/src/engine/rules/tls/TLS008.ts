// TLS008 grpc-tls: a gRPC tls block with TLS off, or whose client_auth is missing or not `required`.
import { asBool } from '../../documents/yamlModel';
import { insertUnder, setValue } from '../../fixes/yamlEdits';
import { dotted, keySpanOf, shownValue } from '../query';
import { defineRule } from '../rule';
import { resolvedString } from '../shared/values';
import { grpcTlsBlocks } from './shared';

export default defineRule({
  meta: {
    id: 'TLS008',
    name: 'grpc-tls',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      grpcTlsOff: (d: { path: string }) =>
        `gRPC runs without TLS: ${d.path} is false. ` +
        'Replication, shard and API calls between nodes can be read and altered on the wire. Enable TLS for gRPC.',
      clientAuthMissing: (d: { block: string }) =>
        `${d.block} does not require client certificates (client_auth is missing). ` +
        'Any host that reaches the gRPC port can call it. Set client_auth to required.',
      clientAuthNotRequired: (d: { written: string }) =>
        `gRPC client_auth is ${d.written}, not required. ` +
        'Callers without a client certificate are accepted on a channel meant for machines. Set it to required.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const block of grpcTlsBlocks(doc)) {
        const sw = doc.get([...block.path, 'enabled']);
        if (sw?.valueSpan && asBool(ctx.resolved(sw)) === false) {
          ctx.report({
            messageId: 'grpcTlsOff',
            data: { path: dotted(sw) },
            span: sw.valueSpan,
            fixes: [ctx.fix('Set enabled to true', [setValue(ctx.file, sw, true)])],
          });
        }
        const auth = doc.get([...block.path, 'client_auth']);
        if (!auth) {
          ctx.report({
            messageId: 'clientAuthMissing',
            data: { block: dotted(block) },
            span: keySpanOf(block),
            fixes: [
              ctx.fix('Add client_auth: required', [insertUnder(ctx.file, block.path, ['client_auth: required'], doc.index)]),
            ],
          });
        } else if (auth.valueSpan && resolvedString(ctx, auth)?.toLowerCase() !== 'required') {
          ctx.report({
            messageId: 'clientAuthNotRequired',
            data: { written: shownValue(ctx, auth) },
            span: auth.valueSpan,
            fixes: [ctx.fix('Set client_auth to required', [setValue(ctx.file, auth, 'required')])],
          });
        }
      }
    }
  },
});
