// Small lookups that rules share: entries by key name, and the dialect a key is in.
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

/** Dotted path of an entry, for messages (`hsm.vault.tls_verify`). */
export function dotted(ref: YamlRef): string {
  return ref.path.join('.');
}

/** The value as written in the file, quotes removed (YAML reads `1.0` as the number 1). */
export function writtenValue(file: SourceFile, ref: YamlRef): string {
  const span = ref.valueSpan;
  if (!span) return '';
  return file.text.slice(span.start, span.end).replace(/^(["'])(.*)\1$/s, '$2');
}
