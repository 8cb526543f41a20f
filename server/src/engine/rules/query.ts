// Small lookups that rules share: entries by key name, and the dialect a key is in.
import { isScalar } from 'yaml';
import { YamlRef } from '../documents/yamlModel';
import { SourceFile } from '../sourceFile';
import { Span } from '../types';

/** Every mapping entry whose own key matches (any depth, all documents). */
export function entriesNamed(ctx: { file: SourceFile }, key: string | RegExp): YamlRef[] {
  return ctx.file.yaml.named(key);
}

export function lastKey(ref: YamlRef): string {
  return ref.path[ref.path.length - 1];
}

export function parentKey(ref: YamlRef): string | undefined {
  return ref.path[ref.path.length - 2];
}

/** The span of a key (falls back to its value). */
export function keySpanOf(ref: YamlRef): Span {
  return ref.keySpan ?? ref.valueSpan ?? { start: 0, end: 0 };
}

/** A key path for messages: dotted, list items as `[1]` (`network.tls.cipher_suites[1]`, `sharding.shards[0].host`). */
export function pathText(path: readonly string[]): string {
  return path.reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** Path of an entry, for messages (`hsm.vault.tls_verify`, `logging.audit.outputs[1].token`). */
export function dotted(ref: YamlRef): string {
  return pathText(ref.path);
}

/**
 * The value as written, quotes removed (YAML reads `1.0` as the number 1). For `key: *name`
 * it is the anchored value, told with where it comes from: `1.0 (from *tls_floor)`.
 */
export function writtenValue(file: SourceFile, ref: YamlRef): string {
  if (ref.alias) {
    const target = isScalar(ref.node) ? (ref.node.source ?? String(ref.node.value)) : '…';
    return `${target} (from *${ref.alias})`;
  }
  const span = ref.valueSpan;
  if (!span) return '';
  return file.text.slice(span.start, span.end).replace(/^(["'])(.*)\1$/s, '$2');
}

/**
 * The value as the server reads it, for messages: `${VAR}` substituted and told
 * (`file (from ${KEY_PROVIDER})`), aliases as in `writtenValue`. Never for secrets.
 */
export function shownValue(ctx: { file: SourceFile; resolved(ref: YamlRef): unknown }, ref: YamlRef): string {
  const written = writtenValue(ctx.file, ref);
  if (ref.alias || !written.includes('${')) return written;
  const value = ctx.resolved(ref);
  if (value === null || value === undefined || typeof value === 'object') return written;
  const text = String(value).trim();
  return text === written || text.includes('${') ? written : `${text} (from ${written})`;
}
