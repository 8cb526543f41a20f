// TLS002 tls-min-version: a minimum TLS version below 1.3 (below 1.2: error), or a maximum below the minimum.
import { YamlRef } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { entriesNamed, lastKey, parentKey, shownValue } from '../query';
import { defineRule, RuleContext } from '../rule';

/** The keys of a minimum TLS version. */
const MIN_VERSION_KEY = /^(?:min_version|tls_min_version|min_tls_version)$/;

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

function minVersionEntries(ctx: Pick<RuleContext, 'file'>): YamlRef[] {
  return entriesNamed(ctx, MIN_VERSION_KEY).filter((r) => lastKey(r) !== 'min_version' || /tls/i.test(parentKey(r) ?? ''));
}

export default defineRule({
  meta: {
    id: 'TLS002',
    name: 'tls-min-version',
    kinds: ['config'],
    blockLocal: true,
    severity: ['error', 'warning'],
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      belowTls12: (d: { shown: string }) =>
        `Minimum TLS version ${d.shown} is below TLS 1.2. ` +
        'Clients may then connect with protocol versions that have known breaks. Require TLS 1.3.',
      tls12: (d: { shown: string }) =>
        `Minimum TLS version ${d.shown} is below TLS 1.3. ` +
        'TLS 1.2 is still acceptable, but 1.3 removes the legacy handshakes and weak suites: require 1.3.',
      maxBelowMin: (d: { max: string; min: string }) =>
        `Maximum TLS version ${d.max} is below the minimum ${d.min}. No client can complete a handshake.`,
    },
  },
  check(ctx) {
    // the TLS 1.3 value in the entry's dialect, through the shared edit policy (never on a `${VAR}` value)
    const setTo13 = (ref: YamlRef) => {
      const value = tls13For(ref);
      return ctx.fix(`Set ${lastKey(ref)} to ${JSON.stringify(value)}`, [setValue(ctx.file, ref, value)]);
    };
    for (const ref of minVersionEntries(ctx)) {
      const minor = tlsMinor(ctx.resolved(ref));
      if (minor === undefined || !ref.valueSpan) continue;
      const shown = shownValue(ctx, ref);
      if (minor < 2) {
        ctx.report({ messageId: 'belowTls12', data: { shown }, span: ref.valueSpan, severity: 'error', fixes: [setTo13(ref)] });
      } else if (minor === 2) {
        ctx.report({ messageId: 'tls12', data: { shown }, span: ref.valueSpan, severity: 'warning', fixes: [setTo13(ref)] });
      }
      // max_version below min_version: no handshake can ever succeed
      const siblingMax = lastKey(ref) === 'tls_min_version' ? 'tls_max_version' : 'max_version';
      const maxRef = ctx.file.yaml.get([...ref.path.slice(0, -1), siblingMax]);
      const maxMinor = tlsMinor(ctx.resolved(maxRef));
      if (maxRef?.valueSpan && maxMinor !== undefined && maxMinor < minor) {
        ctx.report({
          messageId: 'maxBelowMin',
          data: { max: shownValue(ctx, maxRef), min: shown },
          span: maxRef.valueSpan,
          severity: 'error',
          fixes: [setTo13(maxRef)],
        });
      }
    }
  },
});
