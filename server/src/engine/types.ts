// Shared vocabulary of the engine. Offsets are UTF-16 code-unit offsets into the
// file text (what JavaScript strings and LSP positions use).

export type Severity = 'error' | 'warning' | 'info' | 'hint';
/** `deploy`: a compose file, Kubernetes manifest, Helm values file or systemd unit/drop-in of a ThemisDB service. */
export type FileKind = 'config' | 'mig' | 'env' | 'deploy';
export type Profile = 'production' | 'development';
export type ProfileSetting = Profile | 'auto';
export type RuleSetting = Severity | 'off';

export interface Span {
  start: number;
  end: number;
}

/**
 * The span moved by `by` characters. Built as a plain span: spreading the argument, as
 * an edit would need, is about ten times slower once spans of many shapes pass through
 * (a keystroke moves every entry of the edited block).
 */
export function shifted(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** The edit moved by `by` characters (its text kept). */
export function shiftedEdit(edit: TextEdit, by: number): TextEdit {
  return { ...edit, start: edit.start + by, end: edit.end + by };
}

export interface TextEdit extends Span {
  newText: string;
}

/** Edits to one file; `create` makes the file first when it does not exist. */
export interface FileEdit {
  path: string;
  edits: TextEdit[];
  create?: boolean;
}

/** A safe fix is applied by fix-all; a suggestion is only offered. */
export type FixKind = 'fix' | 'suggestion';

export interface Fix {
  title: string;
  kind: FixKind;
  changes: FileEdit[];
  /** Extra information the editor shows with the action (e.g. ".env is not git-ignored"). */
  note?: string;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  /** Which of the rule's messages this is (stable across wording changes). */
  messageId?: string;
  severity: Severity;
  span: Span;
  message: string;
  fixes: Fix[];
  /** Set only when the analysis keeps suppressed findings (AnalyzeOptions.keepSuppressed): why it was silenced. */
  suppressed?: { reason: string };
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
