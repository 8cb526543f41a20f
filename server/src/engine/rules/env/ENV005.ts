// ENV005 admin-token-weak: an admin token under 32 random bytes, a placeholder, or too regular to be random.
import { entryOf, isBlank, valueOf } from '../../envSemantics';
import { isEnvTemplate } from '../../fileKinds';
import { maskSecret } from '../../mask';
import { isPlaceholderOrWeakWord, isTooRegular } from '../../secrets';
import { defineRule } from '../rule';
import { editsOf, FRESH_TOKEN, freshToken, TOKEN_NOTE, valueSpan } from './shared';

const NAME = 'THEMIS_TOKEN_ADMIN';
const ADVICE = 'anyone who guesses it gets full admin rights. Use 32 random bytes, base64-encoded (44 characters).';

/** Bits of strength of a token, from its length and the alphabet it is written in. */
function tokenBits(v: string): number {
  if (/^[0-9a-f]+$/i.test(v)) return v.length * 4;
  const b64 = /^[A-Za-z0-9+/_-]+(={0,2})$/.exec(v);
  if (b64) return (v.length - b64[1].length) * 6;
  return v.length * Math.log2(95);
}

export default defineRule({
  meta: {
    id: 'ENV005',
    name: 'admin-token-weak',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: ['SEC003'],
    messages: {
      placeholder: (d: { token: string }) =>
        `The admin token ${maskSecret(d.token)} is a placeholder or a common word; ${ADVICE}`,
      short: (d: { token: string; bytes: number }) =>
        `The admin token ${maskSecret(d.token)} holds only about ${d.bytes} bytes of randomness; ${ADVICE}`,
      regular: (d: { token: string }) =>
        `The admin token ${maskSecret(d.token)} repeats too few distinct characters to be random; ${ADVICE}`,
    },
  },
  check(ctx) {
    if (isEnvTemplate(ctx.file.path)) return; // SEC007 empties secrets in templates
    const e = entryOf(ctx, NAME);
    const v = valueOf(ctx, e);
    if (!e || v === undefined || isBlank(v)) return;
    const token = v.trim();
    const bits = tokenBits(token);
    const weak = isPlaceholderOrWeakWord(token);
    if (!weak && bits >= 256 && !isTooRegular(token)) return;
    const span = valueSpan(e);
    const fixes = [ctx.suggest(`Replace ${NAME} with ${FRESH_TOKEN}`, [editsOf(ctx).set(e, freshToken())], { note: TOKEN_NOTE })];
    if (weak) ctx.report({ messageId: 'placeholder', data: { token }, span, fixes });
    else if (bits < 256) ctx.report({ messageId: 'short', data: { token, bytes: Math.floor(bits / 8) }, span, fixes });
    else ctx.report({ messageId: 'regular', data: { token }, span, fixes });
  },
});
