// TLS — transport security rules.
import { YamlRef } from '../documents/yamlModel';
import { setValue } from '../fixes/yamlEdits';
import { Fix } from '../types';
import { defineRule, RuleContext } from './rule';
import { entriesNamed, lastKey, parentKey } from './query';

/** Minor TLS version (0 = 1.0, 3 = 1.3) of a value like "1.2", 1.2, "TLSv1.2", "SSLv3"; undefined if unreadable. */
export function tlsMinor(value: unknown): number | undefined {
  if (typeof value === 'number') value = value.toFixed(1);
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (/^sslv?[23]$/i.test(v)) return -1;
  const m = /^(?:tls\s*v?\s*)?1[._](\d)$/i.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** The value that means TLS 1.3 in the dialect of this entry. */
function tls13For(ref: YamlRef): string | number {
  const v = ref.value;
  if (typeof v === 'number') return 1.3;
  if (typeof v === 'string' && /^tls/i.test(v.trim())) return 'TLSv1.3';
  // core config.yaml spells the server's TLS versions "TLSv1.x"
  return lastKey(ref) === 'tls_min_version' && parentKey(ref) === 'server' ? 'TLSv1.3' : '1.3';
}

/** The value as the user wrote it, quotes removed (YAML reads `1.0` as the number 1). */
function sourceText(ctx: RuleContext, ref: YamlRef): string {
  const span = ref.valueSpan!;
  return ctx.file.text.slice(span.start, span.end).replace(/^["']|["']$/g, '');
}

function minVersionEntries(ctx: RuleContext): YamlRef[] {
  return entriesNamed(ctx, /^(?:min_version|tls_min_version|min_tls_version)$/).filter(
    (r) => lastKey(r) !== 'min_version' || /tls/i.test(parentKey(r) ?? ''),
  );
}

function setTo13(ctx: RuleContext, ref: YamlRef): Fix[] {
  const value = tls13For(ref);
  const edit = setValue(ctx.file, ref, value);
  return edit ? [{ title: `Set ${lastKey(ref)} to ${JSON.stringify(value)}`, kind: 'fix', changes: [{ path: ctx.file.path, edits: [edit] }] }] : [];
}

const tls002 = defineRule('TLS002', (ctx) => {
  for (const ref of minVersionEntries(ctx)) {
    const value = ctx.resolved(ref);
    const minor = tlsMinor(value);
    if (minor === undefined || !ref.valueSpan) continue;
    const shown = sourceText(ctx, ref);
    if (minor < 2) {
      ctx.report({
        span: ref.valueSpan,
        severity: 'error',
        message: `Minimum TLS version ${shown} lets clients connect with protocol versions older than TLS 1.2, which have known breaks. Require TLS 1.3.`,
        fixes: setTo13(ctx, ref),
      });
    } else if (minor === 2) {
      ctx.report({
        span: ref.valueSpan,
        severity: 'warning',
        message: `The minimum TLS version is ${shown}. TLS 1.2 is still acceptable, but 1.3 removes the legacy handshakes and weak suites: require 1.3.`,
        fixes: setTo13(ctx, ref),
      });
    }
    // max_version below min_version: no handshake can ever succeed
    const siblingMax = lastKey(ref) === 'tls_min_version' ? 'tls_max_version' : 'max_version';
    const maxRef = ctx.file.yaml.get([...ref.path.slice(0, -1), siblingMax]);
    const maxMinor = tlsMinor(ctx.resolved(maxRef));
    if (maxRef?.valueSpan && maxMinor !== undefined && maxMinor < minor) {
      ctx.report({
        span: maxRef.valueSpan,
        severity: 'error',
        message: `The maximum TLS version ${sourceText(ctx, maxRef)} is below the minimum ${shown}: no client can complete a handshake.`,
        fixes: setTo13(ctx, maxRef),
      });
    }
  }
});

export const tlsRules = [tls002];
