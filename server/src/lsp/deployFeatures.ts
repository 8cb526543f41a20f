// Completion, hover, definition and references in deployment files (compose,
// Kubernetes manifests, Helm values, systemd units and drop-ins): engine results from
// features/deployCompletion.ts and deployHover.ts turned into LSP values. Other
// files get undefined, so the caller falls back to the ThemisDB-file features.
import { CompletionList, Hover, Location, MarkupKind, Position } from 'vscode-languageserver';
import { deployFileKind, saysThemis } from '../engine/deploy/recognize';
import { DeployFileKind, SourceRef } from '../engine/deploy/types';
import { deployCompletion } from '../engine/features/deployCompletion';
import { deployEnvSourceTarget, deployHover, deployVariablePlaces } from '../engine/features/deployHover';
import { SourceFile } from '../engine/sourceFile';
import { FileKind, Finding } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { toCompletionItem } from './completion';
import { pathToUri, toRange } from './convert';
import { withFindingHeadlines } from './hover';

/** A deployment file that mentions ThemisDB at all (cheap, per keystroke); other apps' files get nothing. */
function kindOf(file: SourceFile): DeployFileKind | undefined {
  return saysThemis(file.text) ? deployFileKind(file) : undefined;
}

const FAMILY_KINDS: readonly string[] = ['config', 'mig', 'env'];

/** A config.yaml, mig.yaml or .env of ThemisDB is no deployment file: no YAML parse per keystroke to find out. */
export function mayBeDeployment(kind: FileKind | undefined): boolean {
  return !kind || !FAMILY_KINDS.includes(kind);
}

const isSystemd = (k: DeployFileKind) => k === 'systemd' || k === 'systemd-dropin';

export function deployCompletionList(file: SourceFile, position: Position): CompletionList | undefined {
  const kind = kindOf(file);
  if (!kind) return undefined;
  const entries = deployCompletion(file, file.lines.offset(position), isSystemd(kind));
  return { isIncomplete: false, items: entries.map((e) => toCompletionItem(file, e)) };
}

/**
 * Under the rule headlines of the findings on the line, as in .env files. Undefined when
 * the cursor is on no variable, so `${VAR}` hovers still get their turn.
 */
export function deployHoverAt(
  file: SourceFile,
  position: Position,
  ws: Workspace,
  root?: string,
  findings?: readonly Finding[],
): Hover | undefined {
  const kind = kindOf(file);
  if (!kind) return undefined;
  const h = deployHover(file, file.lines.offset(position), ws, { systemd: isSystemd(kind), root });
  if (!h) return undefined;
  const value = withFindingHeadlines(h.markdown, file, position.line, findings);
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(file.lines, h.span) };
}

/** The places as LSP locations; undefined when there are none, so `${VAR}` navigation still gets its turn. */
function locations(refs: SourceRef[], ws: Workspace): Location[] | undefined {
  const out = refs.flatMap((r) => {
    const f = ws.file(r.file);
    return f ? [Location.create(pathToUri(r.file), toRange(f.lines, r.span))] : [];
  });
  return out.length ? out : undefined;
}

/** From `env_file:` / `EnvironmentFile=` to the file; from a variable to every place that sets it. */
export function deployDefinition(file: SourceFile, position: Position, ws: Workspace): Location[] | undefined {
  const kind = kindOf(file);
  if (!kind) return undefined;
  const offset = file.lines.offset(position);
  const target = deployEnvSourceTarget(file, offset, ws);
  if (target) return [Location.create(pathToUri(target), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })];
  return locations(deployVariablePlaces(file, offset, ws, isSystemd(kind)), ws);
}

export function deployReferences(file: SourceFile, position: Position, ws: Workspace): Location[] | undefined {
  const kind = kindOf(file);
  if (!kind) return undefined;
  return locations(deployVariablePlaces(file, file.lines.offset(position), ws, isSystemd(kind)), ws);
}
