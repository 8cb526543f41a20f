// textDocument/completion: engine completion entries -> LSP items, and the
// (cached) family of each open document so a request never re-parses the file.
import {
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  CompletionList,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  Position,
} from 'vscode-languageserver';
import { complete, CompletionEntry } from '../engine/features/completion';
import { kindFromName, modeline } from '../engine/fileKinds';
import { SourceFile } from '../engine/sourceFile';
import { FileKind } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { toRange } from './convert';

const ITEM_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  section: CompletionItemKind.Snippet,
  value: CompletionItemKind.Value,
  variable: CompletionItemKind.Variable,
};

// Files larger than this are classified once per open: classify() parses the whole YAML.
const RECLASSIFY_MAX_LINES = 3000;
const kinds = new Map<string, { version: number; kind: FileKind | undefined }>();

/** Nothing but blanks and comments yet: a new file, whose name decides. */
function isEmptyFile(text: string): boolean {
  if (text.length > 20000) return false;
  return text.split(/\r?\n|\r/).every((l) => /^\s*(#.*)?$/.test(l));
}

/**
 * The family an open document is completed and hovered as. Once a document is
 * ThemisDB's it stays so while open (classification parses the whole file, which
 * completion must not do per keystroke); a new, still empty config.yaml,
 * security.yaml, mig.yaml or .env counts by its name.
 */
export function documentKind(uri: string, version: number, file: SourceFile, ws: Workspace): FileKind | undefined {
  const hit = kinds.get(uri);
  if (hit && (hit.kind || hit.version === version)) return hit.kind;
  if (hit && file.lines.lineCount > RECLASSIFY_MAX_LINES) return undefined;
  let kind = ws.classify(file);
  if (!kind && modeline(file.text) !== 'off' && isEmptyFile(file.text)) kind = kindFromName(file.path);
  if (kinds.size > 500) kinds.clear();
  kinds.set(uri, { version, kind });
  return kind;
}

export function forgetDocument(uri: string): void {
  kinds.delete(uri);
}

export function toCompletionItem(file: SourceFile, e: CompletionEntry): CompletionItem {
  return {
    label: e.label,
    labelDetails: e.detail ? { description: e.detail } : undefined,
    kind: ITEM_KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
    textEdit: { range: toRange(file.lines, e.span), newText: e.insertText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // multi-line texts carry their full indentation already
    insertTextMode: InsertTextMode.asIs,
    sortText: e.sortText,
    filterText: e.filterText,
    preselect: e.preselect,
    tags: e.insecure ? [CompletionItemTag.Deprecated] : undefined,
    command: e.retrigger ? { title: 'Suggest values', command: 'editor.action.triggerSuggest' } : undefined,
  };
}

export function completionList(
  file: SourceFile,
  position: Position,
  kind: FileKind | undefined,
  ws: Workspace,
  root?: string,
): CompletionList {
  if (!kind) return { isIncomplete: false, items: [] };
  const entries = complete(file, file.lines.offset(position), { kind, workspace: ws, root });
  return { isIncomplete: false, items: entries.map((e) => toCompletionItem(file, e)) };
}
