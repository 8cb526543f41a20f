// ENC003 weak-kdf: a key derivation that is not argon2id/scrypt, or argon2 parameters below the minimums.
import { DocView, isMapRef, YamlRef } from '../../documents/yamlModel';
import { insertUnder, setValue } from '../../fixes/yamlEdits';
import { lastKey, shownValue } from '../query';
import { defineRule, FixPart } from '../rule';
import { isFlow } from '../shared/documents';
import { numberAt, textOf } from '../shared/values';

/** The keys of a key-derivation setting. */
const KDF_KEY = /^(?:kdf|key_derivation|kdf_params|kdf_parameters|kdf_options)$/;

interface Argon2Minimum {
  names: RegExp;
  key: string;
  min: number;
  set: number;
  unit: string;
}

const ARGON2_MIN: Argon2Minimum[] = [
  { names: /^(?:memory_cost|m_cost|memory_kib|memory)$/, key: 'memory_cost', min: 65536, set: 65536, unit: 'KiB' },
  { names: /^(?:time_cost|t_cost|passes)$/, key: 'time_cost', min: 3, set: 3, unit: 'passes' },
  { names: /^(?:parallelism|p_cost|lanes|threads)$/, key: 'parallelism', min: 1, set: 4, unit: 'lane' },
];

function kdfParamsOf(doc: DocView, base: string[]): YamlRef | undefined {
  for (const name of ['kdf_params', 'kdf_parameters', 'kdf_options', 'argon2']) {
    const r = doc.get([...base, name]);
    if (isMapRef(r)) return r;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'ENC003',
    name: 'weak-kdf',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      weakKdf: (d: { kdf: string }) =>
        `Keys are derived with ${d.kdf}, which is cheap to brute-force. ` +
        'If a key file or backup leaks, GPUs guess the passphrase quickly. Use the memory-hard argon2id (or scrypt).',
      lowParameter: (d: { key: string; value: string; min: number; unit: string; set: number }) =>
        `argon2 ${d.key} is ${d.value}, below the minimum of ${d.min} ${d.unit}. ` +
        `That makes offline guessing of the passphrase cheaper. Raise it to at least ${d.set}.`,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      const bases = new Map<string, string[]>();
      for (const r of doc.named(KDF_KEY)) {
        const base = r.path.slice(0, -1);
        if (base.some((p) => /^(?:tls|network|grpc)$/.test(p))) continue;
        bases.set(base.join('\u0000'), base);
      }
      for (const base of bases.values()) {
        const kdfRef = doc.get([...base, 'kdf']) ?? doc.get([...base, 'key_derivation']);
        const kdf = textOf(ctx, kdfRef)?.toLowerCase().replace(/[\s_]/g, '-');
        const params = kdfParamsOf(doc, base);
        const paramRefs = params ? doc.children(params.path) : [];
        const low = (): { ref: YamlRef; spec: Argon2Minimum }[] => {
          const out: { ref: YamlRef; spec: Argon2Minimum }[] = [];
          for (const spec of ARGON2_MIN) {
            const ref = paramRefs.find((p) => spec.names.test(lastKey(p)));
            const n = numberAt(ctx, ref);
            if (ref && n !== undefined && n < spec.min) out.push({ ref, spec });
          }
          return out;
        };
        if (kdfRef && kdf !== undefined && kdf !== 'argon2id' && kdf !== 'scrypt' && kdfRef.valueSpan) {
          // switch to argon2id and bring its parameters to the minimums
          const edits: FixPart[] = [setValue(ctx.file, kdfRef, 'argon2id')];
          const isArgon = /^argon2/.test(kdf);
          if (params && !isFlow(params)) {
            for (const { ref, spec } of isArgon ? low() : []) edits.push(setValue(ctx.file, ref, spec.set));
            const missing = ARGON2_MIN.filter((spec) => !paramRefs.some((p) => spec.names.test(lastKey(p)))).map(
              (s) => `${s.key}: ${s.set}`,
            );
            if (missing.length) edits.push(insertUnder(ctx.file, params.path, missing, doc.index));
          } else if (!params) {
            edits.push(insertUnder(ctx.file, base, ['kdf_params:', ...ARGON2_MIN.map((s) => `  ${s.key}: ${s.set}`)], doc.index));
          }
          ctx.report({
            messageId: 'weakKdf',
            data: { kdf: shownValue(ctx, kdfRef) },
            span: kdfRef.valueSpan,
            fixes: [ctx.fix('Use argon2id with at least 64 MiB, 3 passes', edits)],
          });
          continue;
        }
        if (kdf !== undefined && kdf !== 'argon2id' && !/^argon2/.test(kdf)) continue; // scrypt, or a value we cannot read
        for (const { ref, spec } of low()) {
          if (!ref.valueSpan) continue;
          ctx.report({
            messageId: 'lowParameter',
            data: { key: lastKey(ref), value: shownValue(ctx, ref), min: spec.min, unit: spec.unit, set: spec.set },
            span: ref.valueSpan,
            fixes: [ctx.fix(`Set ${lastKey(ref)} to ${spec.set}`, [setValue(ctx.file, ref, spec.set)])],
          });
        }
      }
    }
  },
});
