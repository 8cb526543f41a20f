// TLS003 tls-weak-cipher: a cipher suite without authenticated encryption, or an unknown TLS 1.3 suite name.
import { isSeq } from 'yaml';
import { isSeqRef, YamlRef } from '../../documents/yamlModel';
import { deleteEntryLines, isEditable, setValue } from '../../fixes/yamlEdits';
import { SourceFile } from '../../sourceFile';
import { Fix, TextEdit } from '../../types';
import { entriesNamed, lastKey } from '../query';
import { defineRule, RuleContext } from '../rule';
import { resolvedString } from '../shared/values';
import { listed } from '../shared/wording';

const TLS13_SUITES = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
]);
const RECOMMENDED = ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
const RECOMMENDED_TEXT = RECOMMENDED.join(' and ');
/** OpenSSL aliases that pull in non-AEAD, export, anonymous or NULL suites. */
const WEAK_ALIASES = new Set([
  'ALL',
  'COMPLEMENTOFALL',
  'COMPLEMENTOFDEFAULT',
  'LOW',
  'MEDIUM',
  'EXPORT',
  'EXP',
  'ENULL',
  'ANULL',
  'NULL',
  'ADH',
  'AECDH',
  'RC4',
  'DES',
  '3DES',
  'MD5',
  'SHA',
  'SHA1',
  'IDEA',
  'SEED',
  'RC2',
  'CBC',
]);

/** Why a cipher suite name is unacceptable, or undefined when it is fine (or not a suite). */
export function weakCipherReason(raw: string): string | undefined {
  const name = raw.trim();
  if (!name || /^[!\-+@]/.test(name)) return undefined; // exclusions and directives
  const u = name.toUpperCase();
  if (WEAK_ALIASES.has(u)) return `the "${name}" group includes non-AEAD suites`;
  const tokens = u.split(/[-_+]/);
  const has = (...t: string[]) => t.some((x) => tokens.includes(x));
  if (has('NULL', 'ENULL', 'ANULL')) return 'NULL cipher or no authentication';
  if (has('ANON', 'ADH', 'AECDH')) return 'anonymous key exchange';
  if (has('EXPORT', 'EXP', 'EXPORT40', 'EXPORT1024')) return 'export-grade';
  if (has('RC4', 'RC2')) return 'RC4/RC2';
  if (has('3DES', 'DES', 'DES40', 'CBC3', 'EDE') || /DES-CBC3|DES_EDE|3DES/.test(u)) return '3DES/DES';
  if (has('MD5')) return 'MD5 MAC';
  if (has('CBC') || /_CBC_|-CBC-/.test(u)) return 'CBC mode';
  if (u.startsWith('TLS_') && !u.includes('_WITH_')) return TLS13_SUITES.has(u) ? undefined : 'unknown';
  if (/GCM|CHACHA20|POLY1305|CCM/.test(u)) return undefined;
  // an explicit suite (OpenSSL `ECDHE-RSA-AES128-SHA`, IANA `TLS_RSA_WITH_AES_128_CBC_SHA`) without an AEAD cipher
  if (u.includes('_WITH_') || /^[A-Z0-9]+(?:-[A-Z0-9]+)+$/.test(u))
    return /CAMELLIA|ARIA|AES|SEED|IDEA/.test(u) ? 'CBC mode' : 'not an AEAD cipher';
  return undefined;
}

const CIPHER_KEYS =
  /^(?:cipher_suites|ciphersuites|tls_cipher_suites|tls_ciphersuites|ciphers|tls_ciphers|cipher_list|tls_cipher_list)$/;

/**
 * Replaces the list (sequence or `:`-separated string) by the recommended suites; none
 * when any part may not be edited. A block sequence is rewritten item by item (the
 * first items get the new names, the others are deleted, one is added when it is
 * short), so comments between items and everything around the list stay as written.
 */
function replaceListFix(ctx: Pick<RuleContext, 'file' | 'fix'>, listRef: YamlRef): Fix | undefined {
  const title = `Use only ${RECOMMENDED_TEXT}`;
  const node = listRef.node;
  if (!isSeq(node)) return ctx.fix(title, [setValue(ctx.file, listRef, RECOMMENDED.join(':'))]);
  const span = listRef.valueSpan;
  // only the items written in this list: a key written twice has two lists at one path
  const items = ctx.file.yaml
    .childrenIn(listRef.docIndex, listRef.path)
    .filter((r) => span && r.valueSpan && r.valueSpan.start >= span.start && r.valueSpan.end <= span.end);
  // the edits below rewrite the written list: not through an alias, not over a `${VAR}` or nested item
  if (!span || listRef.viaAlias || items.length === 0 || !items.every((item) => isEditable(item))) return undefined;
  if ((node as { flow?: boolean }).flow) return ctx.fix(title, [{ ...span, newText: `[${RECOMMENDED.join(', ')}]` }]);
  const li = ctx.file.lines;
  const edits = items.map((item, i) =>
    i < RECOMMENDED.length ? setValue(ctx.file, item, RECOMMENDED[i]) : deleteItem(ctx.file, item),
  );
  const missing = RECOMMENDED.slice(items.length);
  if (missing.length) {
    const last = items[items.length - 1].valueSpan!;
    const prefix = /^[ \t]*-[ \t]+/.exec(li.lineText(li.position(last.start).line))?.[0];
    if (!prefix || li.position(last.start).character !== prefix.length) return undefined;
    const at = li.lineEnd(li.position(last.end).line);
    edits.push({ start: at, end: at, newText: missing.map((suite) => li.eol + prefix + suite).join('') });
  }
  return ctx.fix(title, edits);
}

/** Deletes a sequence item's line; a comment after it stays, as a line of its own. */
function deleteItem(file: SourceFile, item: YamlRef): TextEdit | undefined {
  const li = file.lines;
  const span = item.valueSpan!;
  const line = li.position(span.end).line;
  const rest = file.text.slice(span.end, li.lineEnd(line));
  const dash = file.text.lastIndexOf('-', span.start);
  if (!/^[ \t]*#/.test(rest) || dash < li.lineStart(li.position(span.start).line)) return deleteEntryLines(file, item);
  return { start: dash, end: span.end + rest.indexOf('#'), newText: '' };
}

export default defineRule({
  meta: {
    id: 'TLS003',
    name: 'tls-weak-cipher',
    kinds: ['config'],
    blockLocal: true,
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      unknownSuite: (d: { name: string }) =>
        `"${d.name}" is not a TLS 1.3 cipher suite name. ` +
        'The TLS library ignores or rejects it, so the suites in use differ from the ones reviewed. ' +
        `List ${RECOMMENDED_TEXT}.`,
      weakSuite: (d: { name: string; reason: string }) =>
        `Cipher suite "${d.name}" is not authenticated encryption (${d.reason}). ` +
        `Such suites are open to padding-oracle, keystream or downgrade attacks. Allow only ${RECOMMENDED_TEXT}.`,
      weakList: (d: { names: string; count: number }) =>
        `The cipher list allows ${d.count === 1 ? 'a weak or unknown suite' : `${d.count} weak or unknown suites`}: ${d.names}. ` +
        `They lack authenticated encryption or are not TLS 1.3 names. Allow only ${RECOMMENDED_TEXT}.`,
    },
  },
  check(ctx) {
    const reportSuite = (name: string, reason: string, span: { start: number; end: number }, fix: Fix | undefined) => {
      if (reason === 'unknown') ctx.report({ messageId: 'unknownSuite', data: { name }, span, fixes: [fix] });
      else ctx.report({ messageId: 'weakSuite', data: { name, reason }, span, fixes: [fix] });
    };
    for (const ref of entriesNamed(ctx, CIPHER_KEYS)) {
      const k = lastKey(ref);
      // bare `ciphers` / `cipher_list` only inside a TLS block
      if (!/^tls_/.test(k) && k !== 'cipher_suites' && !ref.path.slice(0, -1).some((p) => /tls|ssl/i.test(p))) continue;
      if (isSeqRef(ref)) {
        for (const item of ctx.file.yaml.children(ref.path).filter((r) => r.docIndex === ref.docIndex)) {
          const name = resolvedString(ctx, item);
          const reason = name === undefined ? undefined : weakCipherReason(name);
          if (!reason || !item.valueSpan) continue;
          reportSuite(name!, reason, item.valueSpan, replaceListFix(ctx, ref));
        }
        continue;
      }
      const value = resolvedString(ctx, ref);
      if (!value || !ref.valueSpan) continue;
      const bad = value
        .split(/[:,\s]+/)
        .map((n) => [n, weakCipherReason(n)] as const)
        .filter(([, r]) => r);
      if (!bad.length) continue;
      if (bad.length === 1) reportSuite(bad[0][0], bad[0][1]!, ref.valueSpan, replaceListFix(ctx, ref));
      else
        ctx.report({
          messageId: 'weakList',
          data: { names: listed(bad.map(([n]) => n)), count: bad.length },
          span: ref.valueSpan,
          fixes: [replaceListFix(ctx, ref)],
        });
    }
  },
});
