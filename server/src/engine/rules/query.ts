// Small lookups that rules share: entries by key name, and the dialect a key is in.
import { YamlRef } from '../documents/yamlModel';
import { RuleContext } from './rule';

/** Every mapping entry whose own key matches (any depth, all documents). */
export function entriesNamed(ctx: RuleContext, key: string | RegExp): YamlRef[] {
  return ctx.file.yaml.named(key);
}

export function lastKey(ref: YamlRef): string {
  return ref.path[ref.path.length - 1];
}

export function parentKey(ref: YamlRef): string | undefined {
  return ref.path[ref.path.length - 2];
}

/** Span to report on: the value when there is one, else the key. */
export function spanOf(ref: YamlRef): { start: number; end: number } {
  return ref.valueSpan ?? ref.keySpan ?? { start: 0, end: 0 };
}
