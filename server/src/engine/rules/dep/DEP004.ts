// DEP004 published-port-all-interfaces: a compose `ports:` entry publishes a ThemisDB port on every interface while TLS is off.
import { innerSpan, items, str } from '../../deploy/yamlAccess';
import { isBlank } from '../../envSemantics';
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
        `Port ${d.port} of ${d.service} is published on all interfaces while TLS is off. THEMIS_PKI_CERTIFICATE and THEMIS_PKI_PRIVATE_KEY are not set, so anyone who reaches the host talks to the server in plain text. Bind it to 127.0.0.1 (behind a TLS proxy) or turn TLS on.`,
    },
  },
  check(ctx) {
    for (const { service, doc, path } of yamlServices(ctx, 'compose')) {
      if (!tlsOff(service)) continue;
      for (const item of items(doc, [...path, 'ports'])) {
        const written = str(item);
        if (written !== undefined && item.valueSpan) {
          const m = SHORT.exec(written.trim());
          const host = m?.[1];
          if (host !== undefined && host !== '0.0.0.0' && host !== '' && host !== '[::]') continue;
          const inner = innerSpan(ctx.file.text, item.valueSpan);
          const exact = ctx.file.text.slice(inner.start, inner.end) === written;
          const rest = m?.[2] ?? written;
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
        if (!target?.valueSpan) continue;
        ctx.report({
          messageId: 'allInterfaces',
          data: { port: str(target) ?? '', service: service.name },
          span: target.valueSpan,
        });
      }
    }
  },
});

/** TLS is off when the certificate or key variable is set to nothing or not set at all (unknown values: not judged). */
function tlsOff(service: Service): boolean {
  return ['THEMIS_PKI_CERTIFICATE', 'THEMIS_PKI_PRIVATE_KEY'].some((name) => {
    const v = service.env.get(name);
    return !v || (v.value !== undefined && isBlank(v.value));
  });
}
