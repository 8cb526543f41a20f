// textDocument/hover: engine hover -> LSP Hover. The deployment hover (deployFeatures.ts)
// puts the headline of the rule documentation of the line's findings above its own; where
// nothing has a hover of its own, the headlines of the findings under the cursor are the hover.
import * as fs from 'fs';
import * as path from 'path';
import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { hover } from '../engine/features/hover';
import { SourceFile } from '../engine/sourceFile';
import { FileKind, Finding } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { extensionRoot, isRuleId, ruleDocsDir } from '../protocol';
import { ruleDocsUri, toRange } from './convert';

// docs/rules is shipped next to the bundles (server/out -> ../../docs/rules).
const RULE_DOCS = ruleDocsDir(extensionRoot(__dirname));
const headlines = new Map<string, string | undefined>();

/** First paragraph of docs/rules/<ID>.md (after its title), or undefined. */
export function ruleHeadline(ruleId: string, dir = RULE_DOCS): string | undefined {
  const key = `${dir}\0${ruleId}`;
  if (headlines.has(key)) return headlines.get(key);
  let headline: string | undefined;
  if (isRuleId(ruleId)) {
    try {
      const text = fs.readFileSync(path.join(dir, `${ruleId}.md`), 'utf8');
      const para: string[] = [];
      for (const line of text.split(/\r?\n/)) {
        if (!para.length && (line.trim() === '' || line.startsWith('#'))) continue;
        if (line.trim() === '' || line.startsWith('#') || line.startsWith('|')) break;
        para.push(line.trim());
      }
      headline = para.join(' ') || undefined;
    } catch {
      headline = undefined;
    }
  }
  headlines.set(key, headline);
  return headline;
}

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
  // the engine leads the hover with the findings of the hovered key or value, by first sentence
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

/** One line per rule of `findings` (at most three): its ID linked to its page, its name and the headline of its documentation. */
function headlineLines(findings: Iterable<Finding>): string[] {
  const seen = new Set<string>();
  const rules: string[] = [];
  for (const f of findings) {
    if (seen.has(f.ruleId) || seen.size >= 3) continue;
    seen.add(f.ruleId);
    const headline = ruleHeadline(f.ruleId);
    const link = ruleDocsUri(f.ruleId);
    const id = link ? `[${f.ruleId}](${link})` : f.ruleId;
    rules.push(`**${id}** ${f.ruleName}${headline ? `: ${headline}` : ''}`);
  }
  return rules;
}

/** A hover's markdown under the rule headlines of the findings on `line` (at most three rules). */
export function withFindingHeadlines(
  markdown: string,
  file: SourceFile,
  line: number,
  findings: readonly Finding[] = [],
): string {
  const lineSpan = { start: file.lines.lineStart(line), end: file.lines.lineEnd(line) };
  const rules = headlineLines(findings.filter((f) => f.span.start <= lineSpan.end && f.span.end >= lineSpan.start));
  return rules.length ? `${rules.join('\n\n')}\n\n---\n\n${markdown}` : markdown;
}

/**
 * Where no key, value or variable has a hover (a published port, an image, a service, a
 * variable the catalog does not know): the rule headlines of the findings under the cursor,
 * so every finding's place explains why its rule matters. Null when there are none.
 */
export function findingsHoverAt(file: SourceFile, position: Position, findings: readonly Finding[] = []): Hover | null {
  const offset = file.lines.offset(position);
  const under = findings.filter((f) => f.span.start <= offset && offset <= f.span.end);
  if (!under.length) return null;
  // the narrowest finding says what the hover is about
  const span = under.reduce((a, b) => (b.span.end - b.span.start < a.span.end - a.span.start ? b : a)).span;
  return { contents: { kind: MarkupKind.Markdown, value: headlineLines(under).join('\n\n') }, range: toRange(file.lines, span) };
}
