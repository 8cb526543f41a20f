// Helpers of the DEP rules: the ThemisDB services of the file being checked, read from
// the workspace's deployment model, and the YAML of their definitions.
import { servicesIn, workspaceModel } from '../../deploy/model';
import { Service } from '../../deploy/types';
import { DocView, YamlRef } from '../../documents/yamlModel';
import { RuleContext } from '../rule';

/** What the DEP helpers read of a rule's context. */
export type DepContext = Pick<RuleContext, 'file' | 'workspace' | 'fix' | 'suggest'>;

/**
 * The ThemisDB services this file defines. None for a version of the file the workspace
 * does not hold (a fix-all pass): the model's offsets belong to the workspace's text.
 */
export function servicesHere(ctx: DepContext): Service[] {
  if (ctx.workspace.file(ctx.file.path)?.text !== ctx.file.text) return [];
  return servicesIn(workspaceModel(ctx.workspace, ctx.file.path), ctx.file.path);
}

/** Services of a YAML kind (compose, kubernetes) defined in this file, with the document of each definition. */
export function yamlServices(ctx: DepContext, kind: Service['kind']): { service: Service; doc: DocView; path: string[] }[] {
  const defined = servicesHere(ctx).filter((s) => s.kind === kind && s.file === ctx.file.path && s.yamlPath);
  // read as YAML only when it defines some: a systemd unit is no YAML, and parsing it would cost (2,000 drop-ins)
  if (defined.length === 0) return [];
  const docs = ctx.file.yaml.documents();
  return defined
    .map((s) => ({ service: s, doc: docs[s.docIndex ?? 0], path: s.yamlPath! }))
    .filter((x): x is { service: Service; doc: DocView; path: string[] } => !!x.doc);
}

/** A node under a service's definition. */
export function under(doc: DocView, p: string[], ...rest: string[]): YamlRef | undefined {
  return doc.get([...p, ...rest]);
}
