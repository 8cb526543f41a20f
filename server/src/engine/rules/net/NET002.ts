// NET002 plaintext-remote-endpoint: an http:// URL to a host other than the local machine.
import { isScalar } from 'yaml';
import { isEditable } from '../../fixes/yamlEdits';
import { Span, TextEdit } from '../../types';
import { dotted } from '../query';
import { defineRule, RuleContext } from '../rule';
import { isLoopbackHost, isUnspecifiedHost } from '../shared/hosts';
import { resolvedString } from '../shared/values';
import { capitalized } from '../shared/wording';

/** Host of an `http://` URL, or undefined when the value is not one. */
export function plainHttpHost(value: string): string | undefined {
  const m = /^\s*http:\/\/([^/?#\s]*)/i.exec(value);
  if (!m) return undefined;
  const authority = m[1].replace(/^.*@/, '');
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1) || authority;
  return authority.replace(/:\d*$/, '');
}

/** A host that traffic to stays on this machine: loopback, or the unspecified address (which a client reaches locally). */
function isLocalHost(host: string): boolean {
  return isLoopbackHost(host) || isUnspecifiedHost(host);
}

/** Keys whose URL value names a document, not a connection. */
const NOT_ENDPOINT =
  /^(?:\$schema|\$id|schema|xmlns|homepage|documentation|docs_url|doc_url|help_url|info_url|license_url|website|repository|source_url)$/i;
/** Vault addresses belong to ENV010; every other THEMIS_* URL and the OTLP exporter are ours. */
const ENV_SKIP = new Set(['THEMIS_VAULT_ADDR', 'VAULT_ADDR']);

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
function httpsEdit(text: string, span: Span): TextEdit | undefined {
  const i = text.slice(span.start, span.end).search(/http:\/\//i);
  if (i < 0) return undefined;
  const at = span.start + i + 4;
  return { start: at, end: at, newText: 's' };
}

const messages = {
  yamlPlainHttp: (d: { path: string; host: string; purpose: string }) =>
    `${d.path} sends to ${d.host} over plain http://. ` +
    `${capitalized(d.purpose)} unencrypted and can be read or altered on the way. ` +
    'Use https:// with a certificate the server trusts.',
  envPlainHttp: (d: { key: string; host: string; purpose: string }) =>
    `${d.key} points to ${d.host} over plain http://. ` +
    `${capitalized(d.purpose)} unencrypted and can be read or altered on the way. ` +
    'Use https:// with a certificate the server trusts.',
};

type Ctx = RuleContext<typeof messages>;

function checkYaml(ctx: Ctx): void {
  for (const ref of ctx.file.yaml.refs) {
    if (!ref.valueSpan || !isScalar(ref.node)) continue;
    // audit sinks are AUD003's (the more specific rule), which reads these three blocks
    if (ref.path[0] === 'audit' || ((ref.path[0] === 'logging' || ref.path[0] === 'security') && ref.path[1] === 'audit'))
      continue;
    const key = [...ref.path].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
    if (NOT_ENDPOINT.test(key)) continue;
    const value = resolvedString(ctx, ref);
    if (value === undefined) continue;
    const host = plainHttpHost(value);
    if (host === undefined || host === '' || isLocalHost(host)) continue;
    const path = dotted(ref);
    // the edit rewrites the written value: never a `${VAR}` one or one reached through an alias
    const edit = isEditable(ref) ? httpsEdit(ctx.file.text, ref.valueSpan) : undefined;
    ctx.report({
      messageId: 'yamlPlainHttp',
      data: { path, host, purpose: purpose(path) },
      span: ref.valueSpan,
      fixes: [ctx.suggest('Use https://', [edit])],
    });
  }
}

function checkEnv(ctx: Ctx): void {
  for (const e of ctx.file.env.entries) {
    // only the entry that takes effect (the last of duplicated lines)
    if (ctx.file.env.get(e.key) !== e || ENV_SKIP.has(e.key)) continue;
    if (!e.key.startsWith('THEMIS_') && !/^OTEL_EXPORTER_OTLP(?:_[A-Z]+)?_ENDPOINT$/.test(e.key)) continue;
    const host = plainHttpHost(e.value);
    if (host === undefined || host === '' || isLocalHost(host)) continue;
    ctx.report({
      messageId: 'envPlainHttp',
      data: { key: e.key, host, purpose: purpose(e.key) },
      span: e.valueSpan,
      fixes: [ctx.suggest('Use https://', [httpsEdit(ctx.file.text, e.valueSpan)])],
    });
  }
}

export default defineRule({
  meta: {
    id: 'NET002',
    name: 'plaintext-remote-endpoint',
    kinds: ['config', 'env'],
    blockLocal: true,
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
