// ENC002 weak-cipher-at-rest: an at-rest data cipher that is not an authenticated 256-bit one.
import { DocView, YamlRef } from '../../documents/yamlModel';
import { setValue } from '../../fixes/yamlEdits';
import { lastKey, shownValue } from '../query';
import { defineRule } from '../rule';
import { textOf } from '../shared/values';

/** Parents whose `algorithm` is an at-rest data cipher (not a signature or key type). */
const AT_REST_PARENT = /^(?:encryption|field_encryption|field_level|vram_encryption|at_rest|data_encryption|encryption_at_rest)$/;

/** The keys a cipher entry has: looked up by key, not found by a walk over every entry. */
const CIPHER_KEY = /^(?:algorithm|cipher|encryption_algorithm|encryption_cipher|cipher_at_rest)$/;

function cipherEntries(doc: DocView): YamlRef[] {
  return doc.named(CIPHER_KEY).filter((r) => {
    const key = lastKey(r);
    const parent = r.path[r.path.length - 2];
    const candidate =
      ((key === 'algorithm' || key === 'cipher') && parent !== undefined && AT_REST_PARENT.test(parent)) ||
      /^(?:encryption_algorithm|encryption_cipher|cipher_at_rest)$/.test(key);
    return candidate && !r.path.some((p) => /^(?:tls|grpc|network|hsm|signing)$/.test(p));
  });
}

type CipherVerdict = 'strong' | 'short' | 'weak';

function cipherVerdict(value: string): CipherVerdict {
  const v = value.toUpperCase().replace(/[\s_/]+/g, '-');
  if (/^X?CHACHA20-?POLY1305$/.test(v)) return 'strong';
  if (/^AES-?256-?GCM(?:-?SIV)?$/.test(v) || /^AES-?GCM-?256$/.test(v)) return 'strong';
  if (/^AES-?(?:128|192)-?GCM(?:-?SIV)?$/.test(v) || /^AES-?GCM-?(?:128|192)$/.test(v)) return 'short';
  if (/^AES-?(?:128|192|256)-?(?:CCM|OCB|SIV)$/.test(v)) return 'short';
  return 'weak';
}

export default defineRule({
  meta: {
    id: 'ENC002',
    name: 'weak-cipher-at-rest',
    kinds: ['config'],
    blockLocal: true,
    severity: ['error', 'warning'],
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      shortKey: (d: { shown: string }) =>
        `${d.shown} uses a key shorter than 256 bits. ` +
        "It is authenticated, but ThemisDB's hardening guidance asks for 256-bit keys for data at rest. " +
        'Switch to AES-256-GCM (existing data needs re-encryption).',
      weakCipher: (d: { shown: string }) =>
        `${d.shown} is not an authenticated 256-bit cipher. ` +
        'Modes like ECB, CBC or CTR and ciphers like DES, 3DES or RC4 let stored data be read or silently altered. ' +
        'Use AES-256-GCM or ChaCha20-Poly1305.',
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const ref of cipherEntries(doc)) {
        const value = textOf(ctx, ref);
        if (!value || !ref.valueSpan) continue;
        const verdict = cipherVerdict(value);
        if (verdict === 'strong') continue;
        const short = verdict === 'short';
        ctx.report({
          messageId: short ? 'shortKey' : 'weakCipher',
          data: { shown: shownValue(ctx, ref) },
          span: ref.valueSpan,
          severity: short ? 'warning' : 'error',
          fixes: [ctx.fix('Use AES-256-GCM', [setValue(ctx.file, ref, 'AES-256-GCM')])],
        });
      }
    }
  },
});
