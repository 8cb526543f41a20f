// Engine values <-> LSP values.
import * as path from 'path';
import {
  Diagnostic,
  DiagnosticSeverity,
  Range,
  WorkspaceEdit,
  TextDocumentEdit,
  CreateFile,
  OptionalVersionedTextDocumentIdentifier,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { LineIndex } from '../engine/documents/lineIndex';
import { FileEdit, Finding, Severity, Span } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { extensionRoot, isRuleId, ruleDocsPath, SECTION } from '../protocol';

export function uriToPath(uri: string): string {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : uri;
}

export function pathToUri(p: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(p) && !path.isAbsolute(p) ? p : URI.file(p).toString();
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const docsUris = new Map<string, string>();

/**
 * Where a rule's documentation page is: shipped next to the bundles (asked for every diagnostic
 * of every keystroke). None for an engine notice (LIMIT, a link the workspace did not follow).
 */
export function ruleDocsUri(ruleId: string): string | undefined {
  if (!isRuleId(ruleId)) return undefined;
  let uri = docsUris.get(ruleId);
  if (uri === undefined) docsUris.set(ruleId, (uri = URI.file(ruleDocsPath(ruleId, extensionRoot(__dirname))).toString()));
  return uri;
}

export function toDiagnostic(lines: LineIndex, f: Finding, index: number, version: number): Diagnostic {
  const href = ruleDocsUri(f.ruleId);
  return {
    range: toRange(lines, f.span),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: SECTION,
    message: f.message,
    data: { index, version, ruleId: f.ruleId },
  };
}

/** Turns engine file edits into one WorkspaceEdit (files are created first where needed). */
export function toWorkspaceEdit(changes: FileEdit[], ws: Workspace): WorkspaceEdit {
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const c of changes) {
    const uri = pathToUri(c.path);
    const existing = ws.file(c.path);
    if (!existing && c.create) documentChanges.push(CreateFile.create(uri, { ignoreIfExists: true }));
    const lines = new LineIndex(existing?.text ?? '');
    documentChanges.push(
      TextDocumentEdit.create(
        OptionalVersionedTextDocumentIdentifier.create(uri, null),
        c.edits.map((e) => ({ range: toRange(lines, e), newText: e.newText })),
      ),
    );
  }
  return { documentChanges };
}
