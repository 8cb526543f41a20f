// Quick fixes for findings: the rule's fix (preferred) and its suggestions.
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { Workspace } from '../engine/workspace/workspace';
import { DocAnalysis } from './analysisCache';
import { toWorkspaceEdit } from './convert';

export function codeActionsFor(params: CodeActionParams, entry: DocAnalysis, ws: Workspace): CodeAction[] {
  const actions: CodeAction[] = [];
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix))) return actions;
  for (const diagnostic of params.context.diagnostics) {
    const finding = findingOf(diagnostic, entry);
    if (!finding) continue;
    finding.fixes.forEach((fix, i) => {
      actions.push({
        title: fix.note ? `${fix.title} (${fix.note})` : fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.kind === 'fix' && i === 0,
        edit: toWorkspaceEdit(fix.changes, ws),
      });
    });
  }
  return actions;
}

function findingOf(d: Diagnostic, entry: DocAnalysis) {
  const data = d.data as { index?: number; version?: number; ruleId?: string } | undefined;
  if (d.source !== 'themisdb' || !data || data.version !== entry.version || data.index === undefined) return undefined;
  const f = entry.analysis.findings[data.index];
  return f && f.ruleId === data.ruleId ? f : undefined;
}
