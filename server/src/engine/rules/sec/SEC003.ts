// SEC003 weak-secret: a secret that is a placeholder, a default or dictionary word, too short or too regular.
import * as path from 'path';
import { isSecretVar } from '../../envCatalog';
import { isEnvTemplate } from '../../fileKinds';
import { maskSecret } from '../../mask';
import { isPlaceholderOrWeakWord } from '../../secrets';
import { dotted } from '../query';
import { defineRule } from '../rule';
import {
  findInSource,
  isIndirect,
  isReference,
  isUrl,
  scalars,
  secretEntries,
  urlCredential,
  valueSpanOf,
  WEAK_STEMS,
  Weakness,
  weakness,
} from './shared';

/** What is weak about a value, short enough for a first sentence (`length` for a short one). */
function what(d: { weakness: Weakness; length: number }): string {
  switch (d.weakness) {
    case 'placeholder':
      return 'a placeholder that was never replaced';
    case 'dictionary':
      return 'a well-known default or dictionary word';
    case 'short':
      return `only ${d.length} characters long`;
    case 'regular':
      return 'too regular to be random';
  }
}

/** What the follow-on sentence adds for a regular value. */
const detail = (d: { weakness: Weakness }): string =>
  d.weakness === 'regular' ? ': it repeats characters or runs in sequence' : '';

type Weak = { name: string; masked: string; weakness: Weakness; length: number };

export default defineRule({
  meta: {
    id: 'SEC003',
    name: 'weak-secret',
    kinds: ['config', 'mig', 'env'],
    blockLocal: true,
    severity: 'error',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      weakSecret: (d: Weak) =>
        `Weak secret in ${d.name}: ${what(d)}. ` +
        `The value, ${d.masked}, can be guessed${detail(d)}. Replace it with a long random value, e.g. \`openssl rand -base64 32\`.`,
      weakVariable: (d: Weak & { path: string; file: string }) =>
        `Weak secret for ${d.path}: ${d.name} in ${d.file} is ${what(d)}. ` +
        `The value, ${d.masked}, can be guessed${detail(d)}. Replace it with a long random value.`,
      weakUrlPassword: (d: { path: string; masked: string }) =>
        `Guessable password in the URL of ${d.path}. ` +
        `The password, ${d.masked}, is a well-known default or dictionary word. Use a long random password.`,
    },
  },
  check(ctx) {
    const weak = (name: string, value: string) => {
      const w = weakness(value);
      return w && { name, masked: maskSecret(value), weakness: w, length: value.trim().length };
    };
    if (ctx.kind === 'env') {
      // a template's secrets are SEC007's business: they should be empty, not strong
      if (isEnvTemplate(ctx.file.path)) return;
      for (const entry of ctx.file.env.entries) {
        if (!isSecretVar(entry.key) || isReference(entry.value) || isUrl(entry.value)) continue;
        const data = weak(entry.key, entry.value);
        if (data) ctx.report({ messageId: 'weakSecret', data, span: entry.valueSpan });
      }
      return;
    }
    for (const { ref, value } of secretEntries(ctx)) {
      const span = valueSpanOf(ctx, ref)!;
      if (isIndirect(value) || isUrl(value) || /^(?:null|none|~|redacted)$/i.test(value.trim())) continue;
      if (isReference(value)) {
        // `${VAR}`: weak when the variable it names is weak and its own .env line is not already reported
        const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-[^}]*)?\}$/.exec(value.trim());
        const def = m ? ctx.workspace.lookupVar(m[1], ctx.file.path) : undefined;
        if (!def || isSecretVar(def.entry.key) || isEnvTemplate(def.file.path) || isReference(def.entry.value)) continue;
        const data = weak(m![1], def.entry.value);
        if (data) {
          ctx.report({
            messageId: 'weakVariable',
            data: { ...data, path: dotted(ref), file: path.basename(def.file.path) },
            span,
          });
        }
        continue;
      }
      const data = weak(dotted(ref), value);
      if (data) ctx.report({ messageId: 'weakSecret', data, span });
    }
    // `scheme://user:password@host` with a default or dictionary password
    for (const { ref, value } of scalars(ctx)) {
      const cred = urlCredential(value);
      if (!cred || !(isPlaceholderOrWeakWord(cred.password) || WEAK_STEMS.test(cred.password))) continue;
      const at = findInSource(ctx, ref, `${cred.user}:${cred.password}@`);
      const start = at !== undefined ? at + cred.user.length + 1 : undefined;
      ctx.report({
        messageId: 'weakUrlPassword',
        data: { path: dotted(ref), masked: maskSecret(cred.password) },
        span: start !== undefined ? { start, end: start + cred.password.length } : valueSpanOf(ctx, ref)!,
      });
    }
  },
});
