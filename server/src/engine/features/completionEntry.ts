// What a completion item is, engine side (server/src/lsp/completion.ts turns it
// into an LSP item), and the sort keys the completion modules share.
import { FileKind, Span } from '../types';
import { Workspace } from '../workspace/workspace';

export type CompletionKind = 'key' | 'section' | 'value' | 'variable';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** Short text next to the label (type, "recommended", "not read by the server"). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text that replaces `span`; multi-line texts carry their full indentation (insert as is). */
  insertText: string;
  /** insertText is snippet syntax (`$0`, `${1:…}`). */
  snippet?: boolean;
  span: Span;
  sortText: string;
  filterText?: string;
  preselect?: boolean;
  /** Open completion again after inserting (a key whose values can be completed). */
  retrigger?: boolean;
  /** An insecure value (TLS 1.0): shown with a warning mark (struck through in the list). */
  insecure?: boolean;
}

export interface CompletionOptions {
  /** The family the file is analyzed as. */
  kind: FileKind;
  /** For `${VAR}` names from the workspace .env files. */
  workspace?: Workspace;
  /** Workspace folder, for relative paths in the documentation. */
  root?: string;
}

/** Sort text of a rank: `0007`. */
export const pad = (n: number): string => String(n).padStart(4, '0');

/** Catalog variables by what reads them: the server's own first. */
export const STATUS_ORDER: Record<string, number> = { code: 0, 'compose-only': 1, 'docs-only': 2, test: 3, 'build-time': 4 };
