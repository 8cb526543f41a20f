// Helpers of the CMP family: a `compliance.<framework>` claim that is switched on.
import { DocView, YamlRef } from '../../documents/yamlModel';
import { switchRef } from '../shared/documents';
import { boolOf, ValueReader } from '../shared/values';

/** The switch of `compliance.<name>` when it is on. */
export function frameworkOn(ctx: ValueReader, doc: DocView, name: string): YamlRef | undefined {
  const sw = switchRef(ctx, doc, ['compliance', name]);
  return sw && boolOf(ctx, sw) === true ? sw : undefined;
}
