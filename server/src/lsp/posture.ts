// `themisdb/posture`: the deployment posture of the workspace as Markdown, for the
// client's read-only "Deployment Posture" document. The values come masked from the
// engine (displayValue via servicePosture); nothing else of the files' text is shown.
import * as path from 'path';
import { deploymentModel } from '../engine/deploy/model';
import { deploymentPosture, PostureControl, ServicePosture, Verdict } from '../engine/deploy/posture';
import { Workspace } from '../engine/workspace/workspace';
import { PostureResult } from '../protocol';
import { pathToUri } from './convert';

const VERDICT_MARK: Record<Verdict, string> = { ok: 'ok', risk: '**risk**', unknown: '_unknown_' };

/** A workspace path as the user reads it: relative to its workspace folder. */
function shownPath(ws: Workspace, file: string): string {
  const root = ws.roots.find((r) => file.startsWith(r + path.sep));
  return (root ? path.relative(root, file) : file).split(path.sep).join('/');
}

/** Table cell text: pipes and line breaks would end the cell or the row. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(s: string): string {
  return s === '' ? '' : s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

/**
 * Links are reference links (`[compose.yml:12][3]`, targets listed at the end) so the
 * table stays readable as text; each target is the file's URI with a `#L<line>` fragment.
 */
class Links {
  private readonly targets: string[] = [];
  link(text: string, file: string, line: number): string {
    this.targets.push(`${pathToUri(file)}#L${line}`);
    return `[${text}][${this.targets.length}]`;
  }
  definitions(): string[] {
    return this.targets.map((t, i) => `[${i + 1}]: ${t}`);
  }
}

/** Rows padded to common column widths, so the Markdown source reads as a table too. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)];
}

function controlRow(ws: Workspace, c: PostureControl, links: Links): string[] {
  const source =
    c.source === 'default'
      ? 'default'
      : links.link(`${shownPath(ws, c.source.file)}:${c.source.line}`, c.source.file, c.source.line);
  return [cell(c.label), code(c.variable ?? ''), cell(code(c.value)), source, VERDICT_MARK[c.verdict], cell(c.note ?? '')];
}

/** The posture document of a set of services. */
export function postureMarkdown(ws: Workspace, postures: ServicePosture[]): string {
  const links = new Links();
  const out = ['# ThemisDB deployment posture', ''];
  if (postures.length === 0) {
    out.push(
      'No ThemisDB service was found in the workspace: no compose service, Kubernetes container, Helm values file or systemd unit that runs ThemisDB.',
    );
    return out.join('\n') + '\n';
  }
  const all = postures.flatMap((p) => p.controls);
  const count = (v: Verdict) => all.filter((c) => c.verdict === v).length;
  out.push(
    `${postures.length} ThemisDB service${postures.length === 1 ? '' : 's'}: ${count('risk')} risk, ${count('unknown')} unknown, ${count('ok')} ok. ` +
      'Each value is what the service runs with (secrets masked); the source is the line that sets it. ' +
      'This document follows the files as they change.',
    '',
  );
  for (const { service: s, controls } of postures) {
    const line = (ws.file(s.file)?.lines.position(s.span.start).line ?? 0) + 1;
    out.push(`## ${s.kind} ${cell(s.name)}`, '');
    out.push(
      `Defined at ${links.link(`${shownPath(ws, s.file)}:${line}`, s.file, line)}${s.themisReason ? ` (${s.themisReason})` : ''}.`,
      '',
    );
    const rows = controls.map((c) => controlRow(ws, c, links));
    out.push(...table(['control', 'variable', 'value', 'source', 'verdict', 'note'], rows), '');
    for (const n of s.notes) out.push(`- ${n}`);
    if (s.notes.length) out.push('');
  }
  out.push(...links.definitions());
  return out.join('\n') + '\n';
}

/** The posture of every ThemisDB service under the workspace roots (open buffers included). */
export function workspacePosture(ws: Workspace): PostureResult {
  const postures = deploymentPosture(ws, deploymentModel(ws));
  return { markdown: postureMarkdown(ws, postures), services: postures.length };
}
