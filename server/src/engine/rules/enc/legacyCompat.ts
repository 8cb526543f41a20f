// TEMPORARY: the helpers the old enc.ts exported to gpu.ts and mig.ts (which import
// them from './enc'), so this branch builds until GPU and MIG are modules too.
// Revert this commit once wt-gpumig is merged (gpu.ts and mig.ts are then gone).
import { isScalar } from 'yaml';
import { DocView, YamlRef } from '../../documents/yamlModel';
import { insertUnder, setValue } from '../../fixes/yamlEdits';
import { Fix, FixKind, TextEdit } from '../../types';
import { LegacyContext as RuleContext } from '../legacy';
import { numberAt } from '../shared/values';

export { descendants, isFlow, switchRef } from '../shared/documents';
export { boolOf, textOf } from '../shared/values';

export function numberOf(ctx: RuleContext, ref: YamlRef | undefined): number | undefined {
  return numberAt(ctx, ref);
}

export function fixOf(ctx: RuleContext, title: string, kind: FixKind, edits: (TextEdit | undefined)[]): Fix[] {
  const list = edits.filter((e): e is TextEdit => !!e);
  if (list.length === 0 || list.length !== edits.length) return [];
  return [{ title, kind, changes: [{ path: ctx.file.path, edits: list }] }];
}

function setEdit(ctx: RuleContext, ref: YamlRef, value: string | number | boolean): TextEdit | undefined {
  if (ref.node && !isScalar(ref.node)) return undefined;
  if (typeof ref.value === 'string' && ref.value.includes('${')) return undefined;
  return setValue(ctx.file, ref, value);
}

export function setFix(ctx: RuleContext, ref: YamlRef, value: string | number | boolean, kind: FixKind = 'fix', title?: string): Fix[] {
  return fixOf(ctx, title ?? `Set ${ref.path[ref.path.length - 1]} to ${typeof value === 'string' ? value : String(value)}`, kind, [setEdit(ctx, ref, value)]);
}

export function insertFix(ctx: RuleContext, doc: DocView, parentPath: string[], lines: string[], title: string, kind: FixKind = 'fix'): Fix[] {
  return fixOf(ctx, title, kind, [insertUnder(ctx.file, parentPath, lines, doc.index)]);
}
