// What a rule is and what it can see. A rule reads the document model of one
// file (and the workspace around it) and reports findings with optional fixes.
import { YamlRef } from '../documents/yamlModel';
import { SourceFile } from '../sourceFile';
import { Fix, FileKind, Profile, Severity, Span } from '../types';
import { Workspace } from '../workspace/workspace';
import { CATALOG, RuleMeta } from './catalog';

export interface Report {
  span: Span;
  message: string;
  /** Only where the catalog gives a rule two severities (E/W): the one that applies. */
  severity?: Severity;
  fixes?: Fix[];
}

export interface RuleContext {
  readonly file: SourceFile;
  readonly kind: FileKind;
  readonly workspace: Workspace;
  readonly profile: Profile;
  report(report: Report): void;
  /** A YAML value with `${VAR}` / `${VAR:-default}` substituted where the variable is known. */
  resolved(ref: YamlRef | undefined): unknown;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** Binds a check to its catalog entry; an ID missing from the catalog is a programming error. */
export function defineRule(id: string, check: (ctx: RuleContext) => void): Rule {
  const meta = CATALOG.get(id);
  if (!meta) throw new Error(`rule ${id} is not in the catalog`);
  return { meta, check };
}
