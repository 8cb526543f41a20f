// TLS011 weak-key-size: an RSA key below 3072 bits, or a signature algorithm with SHA-1 or MD5.
import { isScalar } from 'yaml';
import { setValue } from '../../fixes/yamlEdits';
import { lastKey, shownValue } from '../query';
import { defineRule } from '../rule';
import { resolvedString } from '../shared/values';

const SHA1_SIG =
  /^(?:(?:RSA|ECDSA|DSA|RSASSA[-_]PKCS1[-_]V1[-_]5|RSASSA[-_]PSS|RSA[-_]PSS)[-_ ]?(?:WITH[-_ ]?)?(?:SHA[-_]?1|MD5)|(?:SHA[-_]?1|MD5)[-_ ]?(?:WITH)?[-_ ]?(?:RSA|ECDSA|DSA)(?:ENCRYPTION)?|RS1|ES1)$/i;

/** What is weak about a key-type / algorithm value, or undefined. */
export function weakKeyReason(value: string): { kind: 'size'; bits: number } | { kind: 'hash'; hash: string } | undefined {
  const v = value.trim();
  const m = /^RSA[-_: ]?(\d{3,5})(?:[-_ /].*)?$/i.exec(v) ?? /^(?:RSA[-_]?)?(?:SHA\d+[-_]?)?RSA[-_]?(\d{3,5})$/i.exec(v);
  if (m && Number(m[1]) < 3072) return { kind: 'size', bits: Number(m[1]) };
  if (SHA1_SIG.test(v)) return { kind: 'hash', hash: /MD5/i.test(v) ? 'MD5' : 'SHA-1' };
  return undefined;
}

const KEY_SIZE_KEYS = /^(?:rsa_)?(?:key_size|key_bits|key_length|modulus_bits|modulus_size|bits|rsa_bits|size)$/;
const KEY_TYPE_KEYS = /^(?:type|key_type|algorithm|key_algorithm|kty|alg)$/;

export default defineRule({
  meta: {
    id: 'TLS011',
    name: 'weak-key-size',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      smallRsaKey: (d: { shown: string; bits: number }) =>
        `${d.shown} is a ${d.bits}-bit RSA key, below the 3072 bits ThemisDB's posture guide asks for. ` +
        'Keys that sign or protect data for years need more margin. Use RSA-4096 or ECDSA-P256.',
      weakHash: (d: { shown: string; hash: string }) =>
        `${d.shown} signs with ${d.hash}, whose collisions are practical. ` +
        'Signatures made with it can be forged. Use RSA-4096 or ECDSA-P256 with SHA-256 or stronger.',
      smallRsaSize: (d: { bits: number }) =>
        `RSA key size ${d.bits} bits is below the 3072 bits ThemisDB's posture guide asks for. ` +
        'Use 4096-bit RSA or switch to ECDSA P-256.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const ref of doc.refs) {
        if (!ref.valueSpan || !isScalar(ref.node)) continue;
        const value = ctx.resolved(ref);
        if (typeof value === 'string') {
          const weak = weakKeyReason(value);
          if (!weak) continue;
          const shown = shownValue(ctx, ref);
          const use = (v: string) => ctx.suggest(`Use ${v}`, [setValue(ctx.file, ref, v)]);
          const fixes = [use('RSA-4096'), use('ECDSA-P256')];
          if (weak.kind === 'hash') {
            const alt = value.replace(/SHA[-_]?1|MD5/i, (s) => (/_/.test(s) ? 'SHA_256' : /-/.test(s) ? 'SHA-256' : 'SHA256'));
            if (alt !== value) fixes.push(use(alt));
            ctx.report({ messageId: 'weakHash', data: { shown, hash: weak.hash }, span: ref.valueSpan, fixes });
          } else {
            ctx.report({ messageId: 'smallRsaKey', data: { shown, bits: weak.bits }, span: ref.valueSpan, fixes });
          }
        } else if (typeof value === 'number' && KEY_SIZE_KEYS.test(lastKey(ref)) && value > 0 && value < 3072) {
          // a bare size counts only next to an RSA key type (or in an rsa_* key)
          const siblings = doc.children(ref.path.slice(0, -1));
          const rsa =
            /rsa/i.test(lastKey(ref)) ||
            siblings.some((s) => KEY_TYPE_KEYS.test(lastKey(s)) && /^RSA/i.test(resolvedString(ctx, s) ?? ''));
          if (!rsa) continue;
          ctx.report({
            messageId: 'smallRsaSize',
            data: { bits: value },
            span: ref.valueSpan,
            fixes: [ctx.suggest('Use 4096 bits', [setValue(ctx.file, ref, 4096)])],
          });
        }
      }
    }
  },
});
