// DEP004 published-port-all-interfaces: a compose `ports:` entry publishes a ThemisDB port on every interface, where the server speaks plaintext.
import { innerSpan, items, str } from '../../deploy/yamlAccess';
import { flagOn, WAL_MTLS } from '../../envSemantics';
import { Service } from '../../deploy/types';
import { defineRule } from '../rule';
import { yamlServices } from './shared';

/** `[host_ip:]published:target[/proto]`, `published:target`, `target`: the host IP and the rest. */
const SHORT = /^(?:(\[[^\]]*\]|[^:]*):(?=[^:]*:))?(.*)$/;

export default defineRule({
  meta: {
    id: 'DEP004',
    name: 'published-port-all-interfaces',
    kinds: ['deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      allInterfaces: (d: { port: string; service: string }) =>
        `Port ${d.port} of ${d.service} is published on all interfaces, in plain text. ` +
        'The ThemisDB server reads no setting that turns TLS on for its API, so anyone who reaches the host sees the admin token, queries and results. ' +
        'Bind the port to 127.0.0.1 and publish it through a TLS-terminating proxy.',
    },
  },
  check(ctx) {
    for (const { service, doc, path } of yamlServices(ctx, 'compose')) {
      for (const item of items(doc, [...path, 'ports'])) {
        const written = str(item);
        if (written !== undefined && item.valueSpan) {
          const m = SHORT.exec(written.trim());
          const host = m?.[1];
          if (host !== undefined && host !== '0.0.0.0' && host !== '' && host !== '[::]') continue;
          const inner = innerSpan(ctx.file.text, item.valueSpan);
          const exact = ctx.file.text.slice(inner.start, inner.end) === written;
          const rest = m?.[2] ?? written;
          if (walWithTls(service, rest.split(':').pop()!)) continue;
          const fix =
            exact && /^\d/.test(rest)
              ? ctx.suggest(`Bind port ${rest} to 127.0.0.1`, [{ ...inner, newText: `127.0.0.1:${rest}` }])
              : undefined;
          ctx.report({
            messageId: 'allInterfaces',
            data: { port: rest, service: service.name },
            span: item.valueSpan,
            fixes: [fix],
          });
          continue;
        }
        // long syntax: { target, published, host_ip }
        const hostIp = str(doc.get([...item.path, 'host_ip']));
        if (hostIp !== undefined && hostIp !== '0.0.0.0' && hostIp !== '') continue;
        const target = doc.get([...item.path, 'target']);
        if (!target?.valueSpan || walWithTls(service, str(target) ?? '')) continue;
        ctx.report({
          messageId: 'allInterfaces',
          data: { port: str(target) ?? '', service: service.name },
          span: target.valueSpan,
        });
      }
    }
  },
});

/**
 * Whether the container port (`9100`, `9100/tcp`) is the WAL gRPC port while WAL mTLS is on:
 * that port has TLS of its own. Values the workspace cannot know are not judged.
 */
function walWithTls(service: Service, target: string): boolean {
  const mtls = service.env.get(WAL_MTLS);
  if (!mtls || (mtls.value !== undefined && !flagOn(WAL_MTLS, mtls.value))) return false;
  const port = service.env.get('THEMIS_WAL_GRPC_PORT');
  if (port && port.value === undefined) return true; // which port is the WAL one cannot be known
  return target.split('/')[0].trim() === (port?.value?.trim() || WAL_GRPC_PORT);
}

/** What the server listens on for WAL gRPC when THEMIS_WAL_GRPC_PORT is unset (main_server.cpp; the runbook says 9100). */
const WAL_GRPC_PORT = '50051';
