// NET001 bind-all-interfaces: a listener on every interface without TLS, or a health/metrics endpoint on every interface.
import { isScalar } from 'yaml';
import { WrittenEntry, YamlRef } from '../../documents/yamlModel';
import { appendEnvEntry, setEnvValue } from '../../fixes/envEdits';
import { setValue } from '../../fixes/yamlEdits';
import { dotted, lastKey, shownValue } from '../query';
import { defineRule, RuleContext } from '../rule';
import { isUnspecifiedHost } from '../shared/hosts';
import { grpcTlsOff, mainTlsOff } from '../shared/tlsState';
import { resolvedString } from '../shared/values';

/** `0.0.0.0`, `::`, `[::]`, `*`, with or without a scheme and a port. */
export function isAllInterfaces(value: string): boolean {
  let v = value.trim().toLowerCase();
  if (!v) return false;
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // tcp://0.0.0.0:8080
  if (/^\[[^\]]*\](?::\d+)?$/.test(v)) v = v.slice(1, v.indexOf(']'));
  else if (/^[^:]*:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  return isUnspecifiedHost(v);
}

const LOOPBACK = '127.0.0.1';
// the rule asks for every key of the file: a set and suffixes, not one regex of alternatives that backtracks per key
const BIND_NAMES = new Set([
  'host',
  'bind',
  'bind_address',
  'bind_addr',
  'bind_host',
  'listen',
  'listen_address',
  'listen_addr',
  'listen_host',
  'address',
]);
const BIND_SUFFIXES = ['_bind_address', '_bind_addr', '_listen_address', '_bind_host'];
const NAME_CHARS = /^[a-z0-9_]+$/;
const isBindKey = (k: string) =>
  BIND_NAMES.has(k) || BIND_SUFFIXES.some((s) => k.length > s.length && k.endsWith(s) && NAME_CHARS.test(k));
const OBSERVABILITY = /health|metrics|prometheus|monitoring|status|debug|pprof|admin|diagnostic/i;
const TRUTHY_MTLS = /^(?:1|true|yes)$/i;

type Listener = { kind: 'health' } | { kind: 'main' } | { kind: 'grpc'; grpcPath: string[] };

/** What kind of listener a bind entry belongs to, or undefined when it is not a bind address. */
function listenerOf(ref: YamlRef): Listener | undefined {
  const k = lastKey(ref);
  if (!isBindKey(k)) return undefined;
  const parents = ref.path.slice(0, -1);
  // `address` / `host` in arbitrary places are usually remote endpoints, not listeners
  const listenerPlace =
    (parents.length === 1 && parents[0] === 'server') ||
    parents[0] === 'network' ||
    parents.some((p) => p === 'grpc' || OBSERVABILITY.test(p));
  if (/^(?:host|address)$/.test(k) && !listenerPlace) return undefined;
  if (parents.includes('tls') || parents.includes('hsm') || parents.includes('vault')) return undefined;
  if (OBSERVABILITY.test(k) || parents.some((p) => OBSERVABILITY.test(p))) return { kind: 'health' };
  const g = parents.lastIndexOf('grpc');
  if (g >= 0) return { kind: 'grpc', grpcPath: parents.slice(0, g + 1) };
  return { kind: 'main' };
}

/** A scalar listener setting, whatever its value (DocView.where: it reads the entry alone). */
const isListenerSetting = (ref: YamlRef): ref is WrittenEntry =>
  !!ref.keySpan && !!ref.valueSpan && isScalar(ref.node) && listenerOf(ref) !== undefined;

/** The loopback form of a bind value, keeping a scheme and port (`0.0.0.0:8080` -> `127.0.0.1:8080`). */
function loopbackFor(value: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?(?:\[[^\]]*\]|[^:]*)(:\d+)?$/i.exec(value.trim());
  return m ? `${m[1] ?? ''}${LOOPBACK}${m[2] ?? ''}` : LOOPBACK;
}

const messages = {
  internalOnAll: (d: { path: string; shown: string }) =>
    `Internal endpoint on every interface: ${d.path} is ${d.shown}. ` +
    'This health, metrics or admin endpoint tells anyone who reaches it about versions, internal state and errors. ' +
    'Bind it to 127.0.0.1 and probe or scrape it locally.',
  listenerOnAll: (d: { path: string; shown: string; listener: 'gRPC' | 'ThemisDB' }) =>
    `${d.listener} listens on every interface without TLS: ${d.path} is ${d.shown}. ` +
    'Tokens and data cross any network that reaches the port in clear. ' +
    'Bind it to a private or loopback address, or put TLS in front of it.',
  walOnAll: (d: { value: string }) =>
    `WAL replication listens on every interface without mTLS: THEMIS_WAL_GRPC_HOST=${d.value}. ` +
    'Any host that reaches it can read or inject replicated writes. ' +
    'Bind it to a private address and set THEMIS_WAL_GRPC_ENABLE_MTLS=1.',
};

type Ctx = RuleContext<typeof messages>;

function checkYaml(ctx: Ctx): void {
  const bindFix = (ref: YamlRef, title: string) =>
    ctx.suggest(title, [setValue(ctx.file, ref, loopbackFor(typeof ref.value === 'string' ? ref.value : LOOPBACK))]);
  for (const doc of ctx.file.yaml.documents()) {
    for (const ref of doc.where(isListenerSetting)) {
      const listener = listenerOf(ref)!;
      const value = resolvedString(ctx, ref);
      if (value === undefined || !isAllInterfaces(value)) continue;
      const data = { path: dotted(ref), shown: shownValue(ctx, ref) };
      if (listener.kind === 'health') {
        ctx.report({
          messageId: 'internalOnAll',
          data,
          span: ref.valueSpan,
          fixes: [bindFix(ref, `Bind ${lastKey(ref)} to ${LOOPBACK}`)],
        });
        continue;
      }
      const off =
        listener.kind === 'grpc'
          ? grpcTlsOff(ctx, doc, listener.grpcPath) && (listener.grpcPath.length === 1 || mainTlsOff(ctx, doc, ref.path))
          : mainTlsOff(ctx, doc, ref.path);
      if (!off) continue;
      ctx.report({
        messageId: 'listenerOnAll',
        data: { ...data, listener: listener.kind === 'grpc' ? 'gRPC' : 'ThemisDB' },
        span: ref.valueSpan,
        // "or turn TLS on" asks for a switch the pipeline tells the server's readership of
        asks:
          listener.kind === 'grpc'
            ? [...listener.grpcPath, 'tls', 'enabled']
            : ref.path[0] === 'server'
              ? ['server', 'enable_tls']
              : ['network', 'tls', 'enabled'],
        fixes: [bindFix(ref, `Bind ${lastKey(ref)} to ${LOOPBACK} (loopback only)`)],
      });
    }
  }
}

function checkEnv(ctx: Ctx): void {
  const env = ctx.file.env;
  const host = env.get('THEMIS_WAL_GRPC_HOST');
  if (!host || !isAllInterfaces(host.value)) return;
  const mtls = env.get('THEMIS_WAL_GRPC_ENABLE_MTLS');
  if (mtls && TRUTHY_MTLS.test(mtls.value.trim())) return;
  ctx.report({
    messageId: 'walOnAll',
    data: { value: host.value },
    span: host.valueSpan.end > host.valueSpan.start ? host.valueSpan : host.keySpan,
    fixes: [
      ctx.suggest(`Bind THEMIS_WAL_GRPC_HOST to ${LOOPBACK} (single node)`, [setEnvValue(host, loopbackFor(host.value))]),
      ctx.suggest('Turn on WAL mTLS (THEMIS_WAL_GRPC_ENABLE_MTLS=1)', [
        mtls ? setEnvValue(mtls, '1') : appendEnvEntry(ctx.file.text, 'THEMIS_WAL_GRPC_ENABLE_MTLS', '1'),
      ]),
    ],
  });
}

export default defineRule({
  meta: {
    id: 'NET001',
    name: 'bind-all-interfaces',
    kinds: ['config', 'env'],
    severity: 'warning',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: [],
    messages,
  },
  check(ctx) {
    if (ctx.kind === 'env') checkEnv(ctx);
    else checkYaml(ctx);
  },
});
