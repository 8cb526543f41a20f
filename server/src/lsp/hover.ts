// textDocument/hover: engine hover -> LSP Hover. The findings of the hovered key or
// value lead it, linked to their rule pages (docs/rules, shipped with the extension).
import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { hover } from '../engine/features/hover';
import { SourceFile } from '../engine/sourceFile';
import { FileKind, Finding } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { ruleDocsUri, toRange } from './convert';

export interface HoverContext {
  root?: string;
  /** Findings of the current version of the document, when an analysis is at hand. */
  findings?: readonly Finding[];
}

export function hoverAt(
  file: SourceFile,
  position: Position,
  kind: FileKind | undefined,
  ws: Workspace,
  ctx: HoverContext = {},
): Hover | null {
  if (!kind) return null;
  const h = hover(file, file.lines.offset(position), {
    kind,
    workspace: ws,
    root: ctx.root,
    findings: ctx.findings,
    ruleLink: ruleDocsUri,
  });
  if (!h) return null;
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(file.lines, h.span) };
}
