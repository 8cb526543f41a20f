// Small readers over the engine's YAML model for the deployment parsers.
import { isScalar } from 'yaml';
import { asString, DocView, isMapRef, isSeqRef, YamlRef } from '../documents/yamlModel';
import { Span } from '../types';

/** A scalar as text (`1` and `true` too), undefined for collections and empty values. */
export function str(ref: YamlRef | undefined): string | undefined {
  return ref && isScalar(ref.node) ? asString(ref.value) : undefined;
}

/** Keyed children of a mapping (sequence items have no key span). */
export function entries(doc: DocView, p: string[]): YamlRef[] {
  return isMapRef(doc.get(p)) || p.length === 0 ? doc.children(p).filter((r) => r.keySpan) : [];
}

/** Items of a sequence, in order. */
export function items(doc: DocView, p: string[]): YamlRef[] {
  return isSeqRef(doc.get(p)) ? doc.children(p).filter((r) => !r.keySpan) : [];
}

/** A value's span without its quotes. */
export function innerSpan(text: string, span: Span): Span {
  const q = text[span.start];
  if ((q === '"' || q === "'") && span.end - span.start >= 2 && text[span.end - 1] === q)
    return { start: span.start + 1, end: span.end - 1 };
  return span;
}

/** Where a value is, or where it would be: the value, else the key. */
export function spanOf(ref: YamlRef): Span {
  return ref.valueSpan ?? ref.keySpan ?? { start: 0, end: 0 };
}
