// The rule documentation pages (docs/rules/<ID>.md), read at run time next to the bundle
// (server/out/cli.js -> docs/rules), for the SARIF rule descriptors and `explain`; and their
// public address, for helpUri and the JSON `url`.
import * as fs from 'fs';
import * as path from 'path';

export interface RuleDoc {
  /** The page's one-sentence summary (first paragraph after the title). */
  summary: string;
  /** Summary and the first paragraph of "Why it matters", as plain text. */
  full: string;
  markdown: string;
  text: string;
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
  };
}

/** The package.json next to the bundle (server/out -> the package root), or {} when it is not there. */
function packageJson(): { homepage?: unknown; repository?: unknown } {
  try {
    return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
  } catch {
    return {};
  }
}

/** An http(s) URL from a package.json URL field (`git+https://…/x.git` → `https://…/x`). */
function webUrl(raw: unknown): string | undefined {
  const value = typeof raw === 'object' && raw ? (raw as { url?: unknown }).url : raw;
  if (typeof value !== 'string') return undefined;
  const url = value.replace(/^git\+/, '').replace(/\.git$/, '');
  return /^https?:\/\//.test(url) ? url : undefined;
}

export interface ProjectUrls {
  /** Where the project lives (homepage, else repository). */
  home?: string;
  repository?: string;
}

let urls: ProjectUrls | undefined;

export function projectUrls(): ProjectUrls {
  if (!urls) {
    const pkg = packageJson();
    const repository = webUrl(pkg.repository);
    urls = { home: webUrl(pkg.homepage) ?? repository, repository };
  }
  return urls;
}

/**
 * The rule's page in the repository at the tag of this version (v0.1.0), so the text matches the
 * rules that ran; a development build links the default branch. Undefined without a repository URL.
 */
export function ruleDocUrl(id: string, version: string): string | undefined {
  const repo = projectUrls().repository;
  if (!repo) return undefined;
  const ref = /^\d+\.\d+\.\d+$/.test(version) ? `v${version}` : 'HEAD';
  return `${repo.replace(/\/$/, '')}/blob/${ref}/docs/rules/${encodeURIComponent(id)}.md`;
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

/** A Markdown page as plain text, for SARIF help.text and `explain` (which makes headings bold). */
export function markdownToText(md: string, heading: (text: string) => string = (t) => t): string {
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
    const title = /^#{1,6}\s+(.*)$/.exec(line);
    if (title) {
      if (out.length && out[out.length - 1] !== '') out.push('');
      out.push(heading(inline(title[1])));
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
