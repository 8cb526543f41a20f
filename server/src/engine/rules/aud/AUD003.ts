// AUD003 audit-insecure-transport: audit events sent over UDP, or over http:// to another host.
import { isScalar } from 'yaml';
import { YamlRef } from '../../documents/yamlModel';
import { isEditable, setValue } from '../../fixes/yamlEdits';
import { SourceFile } from '../../sourceFile';
import { TextEdit } from '../../types';
import { lastKey } from '../query';
import { defineRule } from '../rule';
import { descendants } from '../shared/documents';
import { isLoopbackHost, urlHost } from '../shared/hosts';
import { textOf } from '../shared/values';
import { activeAuditBlocks } from './shared';

/** An edit that turns the `<scheme>://` written in a value into `<to>://` (not on a value a fix may not touch). */
function schemeEdit(file: SourceFile, ref: YamlRef, from: string, to: string): TextEdit | undefined {
  const span = ref.valueSpan;
  if (!span || !isEditable(ref)) return undefined;
  const text = file.text.slice(span.start, span.end);
  const m = new RegExp(`^(["']?)\\s*(${from})://`, 'i').exec(text);
  if (!m) return undefined;
  const at = span.start + m[0].indexOf(m[2]);
  return { start: at, end: at + m[2].length, newText: to };
}

/** `host[:port]` of a URL, for messages. */
function hostOf(url: string): string {
  const m = /^[a-z]+:\/\/(?:[^@/]*@)?([^/?#]*)/i.exec(url);
  return m ? m[1] : url;
}

function toLoopback(url: string): boolean {
  const host = urlHost(url);
  return host !== undefined && isLoopbackHost(host);
}

export default defineRule({
  meta: {
    id: 'AUD003',
    name: 'audit-insecure-transport',
    kinds: ['config'],
    blockLocal: true,
    severity: ['error', 'warning'],
    productionOnly: true,
    fix: 'fix',
    supersedes: ['NET002'],
    messages: {
      udpProtocol: () =>
        'Audit events go out over UDP. ' +
        'UDP drops them silently under load and accepts forged datagrams. Use TCP (with TLS where the collector supports it).',
      udpUrl: () =>
        'This audit sink is reached over UDP. ' +
        'UDP loses events without notice and cannot tell forged ones apart. Send to a TCP (preferably TLS) endpoint.',
      plainHttp: (d: { host: string }) =>
        `Audit events are sent in clear over http:// to ${d.host}. ` +
        "Anyone on the path can read user names and queries, steal the sink's token, or drop and alter events. Use https://.",
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const block of activeAuditBlocks(ctx, doc)) {
        for (const ref of descendants(doc, block.path)) {
          if (!ref.valueSpan || !isScalar(ref.node)) continue;
          const v = textOf(ctx, ref);
          if (!v) continue;
          const key = ref.keySpan ? lastKey(ref) : '';
          if (/^(?:protocol|transport)$/.test(key) && v.toLowerCase() === 'udp') {
            ctx.report({
              messageId: 'udpProtocol',
              span: ref.valueSpan,
              severity: 'warning',
              fixes: [ctx.fix('Use tcp', [setValue(ctx.file, ref, 'tcp')])],
            });
          } else if (/^udp:\/\//i.test(v)) {
            ctx.report({
              messageId: 'udpUrl',
              span: ref.valueSpan,
              severity: 'warning',
              fixes: [ctx.fix('Use tcp://', [schemeEdit(ctx.file, ref, 'udp', 'tcp')])],
            });
          } else if (/^http:\/\//i.test(v) && !toLoopback(v)) {
            ctx.report({
              messageId: 'plainHttp',
              data: { host: hostOf(v) },
              span: ref.valueSpan,
              severity: 'error',
              fixes: [ctx.fix('Use https://', [schemeEdit(ctx.file, ref, 'http', 'https')])],
            });
          }
        }
      }
    }
  },
});
