// The rule documentation pages (docs/rules/<ID>.md), read at run time next to the bundle
// (server/out/cli.js -> docs/rules), for the SARIF rule descriptors.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

export interface RuleDoc {
  /** The page's one-sentence summary (first paragraph after the title). */
  summary: string;
  /** Summary and the first paragraph of "Why it matters", as plain text. */
  full: string;
  markdown: string;
  text: string;
  uri: string;
}

export function docsDir(): string {
  return path.resolve(__dirname, '../../docs/rules');
}

export function readRuleDoc(id: string, dir = docsDir()): RuleDoc | undefined {
  const file = path.join(dir, `${id}.md`);
  let markdown: string;
  try {
    markdown = fs
      .readFileSync(file, 'utf8')
      .replace(/\r\n?/g, '\n')
      .replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
  const summary = firstParagraph(markdown.replace(/^#\s.*\n/, ''));
  if (!summary) return undefined;
  const why = /^##\s+Why it matters\s*\n([\s\S]*?)(?=^##\s|(?![\s\S]))/m.exec(markdown);
  const whyText = why ? firstParagraph(why[1]) : '';
  return {
    summary,
    full: whyText ? `${summary} ${whyText}` : summary,
    markdown: markdown.trim() + '\n',
    text: markdownToText(markdown),
    uri: pathToFileURL(file).href,
  };
}

/** First prose paragraph (no heading, table, list or code), joined into one line, as plain text. */
function firstParagraph(md: string): string {
  for (const para of md.split(/\n\s*\n/)) {
    const p = para.trim();
    if (!p || /^(#|\||```|- |\* |\d+\. |>)/.test(p)) continue;
    return inline(p.replace(/\s*\n\s*/g, ' '));
  }
  return '';
}

/** Inline Markdown to plain text: code spans, emphasis and links. */
function inline(s: string): string {
  return s
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_m, a, b) => a ?? b)
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?!\w)/g, '$1$2')
    .replace(/!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, t, u) => (t && t !== u ? `${t} (${u})` : u));
}

/** A Markdown page as plain text, for SARIF help.text. */
export function markdownToText(md: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const raw of md.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(`    ${line}`);
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      if (out.length && out[out.length - 1] !== '') out.push('');
      out.push(inline(heading[1]));
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue; // table rule
    if (/^\s*\|/.test(line)) {
      const cells = line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => inline(c.trim()));
      if (cells.every((c) => !c)) continue; // empty header row
      out.push(cells.filter(Boolean).join(': '));
      continue;
    }
    out.push(inline(line));
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
