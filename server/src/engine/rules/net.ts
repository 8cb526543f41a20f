// NET — network exposure rules.
import { isScalar } from 'yaml';
import { EnvEntry } from '../documents/envModel';
import { YamlRef } from '../documents/yamlModel';
import { appendEnvEntry, setEnvValue } from '../fixes/envEdits';
import { setValue } from '../fixes/yamlEdits';
import { Fix, TextEdit } from '../types';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';
import { dotted, lastKey, writtenValue } from './query';
import { grpcTlsOff, mainTlsOff, resolvedString } from './tls';

/** `0.0.0.0`, `::`, `[::]`, `*`, with or without a port. */
export function isAllInterfaces(value: string): boolean {
  let v = value.trim().toLowerCase();
  if (!v) return false;
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // tcp://0.0.0.0:8080
  if (/^\[[^\]]*\](?::\d+)?$/.test(v)) v = v.slice(1, v.indexOf(']'));
  else if (/^[^:]*:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  return v === '0.0.0.0' || v === '::' || v === '::0' || v === '*' || v === '0:0:0:0:0:0:0:0';
}

/** localhost, *.localhost, 127.0.0.0/8, ::1 (and the unspecified address, which a client reaches locally). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(h)) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1' || h === '::ffff:127.0.0.1') return true;
  return h === '0.0.0.0' || h === '::';
}

/** Host of an `http://` URL, or undefined when the value is not one. */
export function plainHttpHost(value: string): string | undefined {
  const m = /^\s*http:\/\/([^/?#\s]*)/i.exec(value);
  if (!m) return undefined;
  const authority = m[1].replace(/^.*@/, '');
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1) || authority;
  return authority.replace(/:\d*$/, '');
}

const LOOPBACK = '127.0.0.1';

// ---------------------------------------------------------------------------
// NET001 bind-all-interfaces
// ---------------------------------------------------------------------------

const BIND_KEY = /^(?:host|bind|bind_address|bind_addr|bind_host|listen|listen_address|listen_addr|listen_host|address|[a-z0-9_]+_bind_address|[a-z0-9_]+_bind_addr|[a-z0-9_]+_listen_address|[a-z0-9_]+_bind_host)$/;
const OBSERVABILITY = /health|metrics|prometheus|monitoring|status|debug|pprof|admin|diagnostic/i;

type Listener = { kind: 'health' } | { kind: 'main' } | { kind: 'grpc'; grpcPath: string[] };

/** What kind of listener a bind entry belongs to, or undefined when it is not a bind address. */
function listenerOf(ref: YamlRef): Listener | undefined {
  const k = lastKey(ref);
  if (!BIND_KEY.test(k)) return undefined;
  const parents = ref.path.slice(0, -1);
  // `address` / `host` in arbitrary places are usually remote endpoints, not listeners
  if (/^(?:host|address)$/.test(k) && !(parents.length === 1 && parents[0] === 'server') && parents[0] !== 'network' && !parents.some((p) => p === 'grpc' || OBSERVABILITY.test(p))) return undefined;
  if (parents.includes('tls') || parents.includes('hsm') || parents.includes('vault')) return undefined;
  if (OBSERVABILITY.test(k) || parents.some((p) => OBSERVABILITY.test(p))) return { kind: 'health' };
  const g = parents.lastIndexOf('grpc');
  if (g >= 0) return { kind: 'grpc', grpcPath: parents.slice(0, g + 1) };
  return { kind: 'main' };
}

/** The loopback form of a bind value, keeping a scheme and port (`0.0.0.0:8080` -> `127.0.0.1:8080`). */
function loopbackFor(value: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?(?:\[[^\]]*\]|[^:]*)(:\d+)?$/i.exec(value.trim());
  return m ? `${m[1] ?? ''}${LOOPBACK}${m[2] ?? ''}` : LOOPBACK;
}

function bindFix(ctx: RuleContext, ref: YamlRef, title: string): Fix[] {
  const raw = typeof ref.value === 'string' ? ref.value : LOOPBACK;
  const edit = setValue(ctx.file, ref, raw.includes('${') ? LOOPBACK : loopbackFor(raw));
  return edit ? [{ title, kind: 'suggestion', changes: [{ path: ctx.file.path, edits: [edit] }] }] : [];
}

function net001Yaml(ctx: RuleContext): void {
  for (const doc of ctx.file.yaml.documents()) {
    for (const ref of doc.refs) {
      if (!ref.keySpan || !ref.valueSpan || !isScalar(ref.node)) continue;
      const listener = listenerOf(ref);
      if (!listener) continue;
      const value = resolvedString(ctx, ref);
      if (value === undefined || !isAllInterfaces(value)) continue;
      const shown = writtenValue(ctx.file, ref);
      if (listener.kind === 'health') {
        ctx.report({
          span: ref.valueSpan,
          message: `${dotted(ref)} is ${shown}, so this internal (health, metrics or admin) endpoint answers on every interface and tells anyone who reaches it about versions, internal state and errors. Bind it to 127.0.0.1 and probe or scrape it locally.`,
          fixes: bindFix(ctx, ref, `Bind ${lastKey(ref)} to ${LOOPBACK}`),
        });
        continue;
      }
      const off = listener.kind === 'grpc' ? grpcTlsOff(ctx, doc, listener.grpcPath) && (listener.grpcPath.length === 1 || mainTlsOff(ctx, doc, ref.path)) : mainTlsOff(ctx, doc, ref.path);
      if (!off) continue;
      ctx.report({
        span: ref.valueSpan,
        message: `${dotted(ref)} is ${shown}: the ${listener.kind === 'grpc' ? 'gRPC' : 'ThemisDB'} listener accepts connections on every interface and TLS is off for it, so tokens and data cross any network that reaches the port in clear. Bind it to a private or loopback address, or turn TLS on.`,
        fixes: bindFix(ctx, ref, `Bind ${lastKey(ref)} to ${LOOPBACK} (loopback only)`),
      });
    }
  }
}

const TRUTHY_MTLS = /^(?:1|true|yes)$/i;

/** The entry of a key that takes effect (the last one), if `e` is it. */
function effective(ctx: RuleContext, e: EnvEntry): boolean {
  return ctx.file.env.get(e.key) === e;
}

function net001Env(ctx: RuleContext): void {
  const env = ctx.file.env;
  const host = env.get('THEMIS_WAL_GRPC_HOST');
  if (!host || !isAllInterfaces(host.value)) return;
  const mtls = env.get('THEMIS_WAL_GRPC_ENABLE_MTLS');
  if (mtls && TRUTHY_MTLS.test(mtls.value.trim())) return;
  const fixes: Fix[] = [{ title: `Bind THEMIS_WAL_GRPC_HOST to ${LOOPBACK} (single node)`, kind: 'suggestion', changes: [{ path: ctx.file.path, edits: [setEnvValue(host, loopbackFor(host.value))] }] }];
  const enable: TextEdit = mtls ? setEnvValue(mtls, '1') : appendEnvEntry(ctx.file.text, 'THEMIS_WAL_GRPC_ENABLE_MTLS', '1');
  fixes.push({ title: 'Turn on WAL mTLS (THEMIS_WAL_GRPC_ENABLE_MTLS=1)', kind: 'suggestion', changes: [{ path: ctx.file.path, edits: [enable] }] });
  ctx.report({
    span: host.valueSpan.end > host.valueSpan.start ? host.valueSpan : host.keySpan,
    message: `THEMIS_WAL_GRPC_HOST=${host.value} opens the WAL replication listener on every interface while WAL mTLS is off, so any host that reaches it can read or inject replicated writes. Bind it to a private address and set THEMIS_WAL_GRPC_ENABLE_MTLS=1.`,
    fixes,
  });
}

const net001 = defineRule('NET001', (ctx) => {
  if (ctx.kind === 'env') net001Env(ctx);
  else net001Yaml(ctx);
});

// ---------------------------------------------------------------------------
// NET002 plaintext-remote-endpoint
// ---------------------------------------------------------------------------

/** Keys whose URL value names a document, not a connection. */
const NOT_ENDPOINT = /^(?:\$schema|\$id|schema|xmlns|homepage|documentation|docs_url|doc_url|help_url|info_url|license_url|website|repository|source_url)$/i;

function purpose(path: string): string {
  if (/otlp|tracing|otel|jaeger|zipkin|telemetry/i.test(path)) return 'traces, which carry query text, travel';
  if (/ollama|llm|model/i.test(path)) return 'model downloads and prompts travel';
  if (/vault|kms|hsm/i.test(path)) return 'key requests and the Vault token travel';
  if (/webhook|slack|notif|alert/i.test(path)) return 'notifications and their tokens travel';
  if (/ranger|policy|authz|auth/i.test(path)) return 'access-policy decisions travel';
  if (/pki|crl|ocsp|tsa|cert/i.test(path)) return 'PKI requests travel';
  if (/metric|prometheus|export/i.test(path)) return 'metrics travel';
  if (/licen/i.test(path)) return 'license requests travel';
  return 'the traffic travels';
}

/** Inserts the "s" of https right after "http" in the source text of a value. */
function httpsEdit(text: string, span: { start: number; end: number }): TextEdit | undefined {
  const i = text.slice(span.start, span.end).search(/http:\/\//i);
  if (i < 0) return undefined;
  const at = span.start + i + 4;
  return { start: at, end: at, newText: 's' };
}

function httpsFix(ctx: RuleContext, span: { start: number; end: number }): Fix[] {
  const edit = httpsEdit(ctx.file.text, span);
  return edit ? [{ title: 'Use https://', kind: 'suggestion', changes: [{ path: ctx.file.path, edits: [edit] }] }] : [];
}

function net002Yaml(ctx: RuleContext): void {
  for (const ref of ctx.file.yaml.refs) {
    if (!ref.valueSpan || !isScalar(ref.node)) continue;
    // audit sinks are AUD003's (the more specific rule), which reads these three blocks
    if (ref.path[0] === 'audit' || ((ref.path[0] === 'logging' || ref.path[0] === 'security') && ref.path[1] === 'audit')) continue;
    const key = [...ref.path].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
    if (NOT_ENDPOINT.test(key)) continue;
    const value = resolvedString(ctx, ref);
    if (value === undefined) continue;
    const host = plainHttpHost(value);
    if (host === undefined || host === '' || isLoopbackHost(host)) continue;
    const path = dotted(ref);
    ctx.report({
      span: ref.valueSpan,
      message: `${path} sends to ${host} over plain http://, so ${purpose(path)} unencrypted and can be read or altered on the way. Use https:// with a certificate the server trusts.`,
      fixes: httpsFix(ctx, ref.valueSpan),
    });
  }
}

/** Vault addresses belong to ENV010; every other THEMIS_* URL and the OTLP exporter are ours. */
const ENV_SKIP = new Set(['THEMIS_VAULT_ADDR', 'VAULT_ADDR']);

function net002Env(ctx: RuleContext): void {
  for (const e of ctx.file.env.entries) {
    if (!effective(ctx, e) || ENV_SKIP.has(e.key)) continue;
    if (!e.key.startsWith('THEMIS_') && !/^OTEL_EXPORTER_OTLP(?:_[A-Z]+)?_ENDPOINT$/.test(e.key)) continue;
    const host = plainHttpHost(e.value);
    if (host === undefined || host === '' || isLoopbackHost(host)) continue;
    ctx.report({
      span: e.valueSpan,
      message: `${e.key} points to ${host} over plain http://, so ${purpose(e.key)} unencrypted and can be read or altered on the way. Use https:// with a certificate the server trusts.`,
      fixes: httpsFix(ctx, e.valueSpan),
    });
  }
}

const net002 = defineRule('NET002', (ctx) => {
  if (ctx.kind === 'env') net002Env(ctx);
  else net002Yaml(ctx);
});

export const netRules: Rule[] = [net001, net002];
