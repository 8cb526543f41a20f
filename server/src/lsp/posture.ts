// `themisdb/posture`: the deployment posture of the workspace as Markdown, for the
// client's read-only "Deployment Posture" document. The values come masked from the
// engine (displayValue via servicePosture); nothing else of the files' text is shown.
import * as path from 'path';
import { deploymentModel, unreadServices } from '../engine/deploy/model';
import { deploymentPosture, PostureControl, ServicePosture, unreadServicesNote, Verdict } from '../engine/deploy/posture';
import { Workspace } from '../engine/workspace/workspace';
import { PostureResult } from '../protocol';
import { pathToUri } from './convert';

const VERDICT_MARK: Record<Verdict, string> = { ok: 'ok', risk: '**risk**', unknown: '_unknown_' };
const MAX_SETTING = 48;

/** Where the client finds the targets of the `file:line` cells (an HTML comment: the preview hides it). */
export const SOURCES_START = "<!-- sources: the lines named above, for the editor's links";

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
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

function clip(s: string): string {
  return s.length > MAX_SETTING ? s.slice(0, MAX_SETTING - 1) + '…' : s;
}

/** The `file:line` texts of the document and the URI (with a `#L<line>` fragment) each stands for. */
class Sources {
  private readonly targets = new Map<string, string>();
  constructor(private readonly ws: Workspace) {}
  at(file: string, line: number): string {
    const text = `${shownPath(this.ws, file)}:${line}`;
    this.targets.set(text, `${pathToUri(file)}#L${line}`);
    return text;
  }
  block(): string[] {
    return [SOURCES_START, ...[...this.targets].map(([text, uri]) => `${text} ${uri}`), '-->'];
  }
}

/** Rows padded to common column widths, so the Markdown source reads as a table too. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)];
}

/** `THEMIS_X=value` as the setting reads (value masked by the engine); `THEMIS_X unset` when the default applies. */
function setting(c: PostureControl): string {
  const text = !c.variable ? c.value : c.source === 'default' ? `${c.variable} ${c.value}` : `${c.variable}=${c.value}`;
  return cell(code(clip(text)));
}

/** The posture document of a set of services. */
export function postureMarkdown(ws: Workspace, postures: ServicePosture[], left?: string): string {
  const sources = new Sources(ws);
  const out = ['# ThemisDB deployment posture', ''];
  if (left) out.push(`**${left}**`, '');
  if (postures.length === 0) {
    out.push(
      'No ThemisDB service was found in the workspace: no compose service, Kubernetes container, Helm values file or systemd unit that runs ThemisDB.',
    );
    return out.join('\n') + '\n';
  }
  const all = postures.flatMap((p) => p.controls);
  const count = (v: Verdict) => all.filter((c) => c.verdict === v).length;
  out.push(
    `${postures.length} ThemisDB service${postures.length === 1 ? '' : 's'}: ${count('risk')} risk, ${count('unknown')} unknown, ${count('ok')} ok.`,
    'Each setting is what the service runs with (secrets masked); the source is the line that sets it',
    '(Ctrl+click it in the editor), or `default` when nothing does. This document follows the files as they change.',
    '',
  );
  for (const { service: s, controls } of postures) {
    const line = (ws.file(s.file)?.lines.position(s.span.start).line ?? 0) + 1;
    out.push(`## ${s.kind} ${cell(s.name)}`, '');
    out.push(`Defined at ${sources.at(s.file, line)}${s.themisReason ? ` (${s.themisReason})` : ''}.`, '');
    const rows = controls.map((c) => [
      cell(c.label),
      setting(c),
      c.source === 'default' ? 'default' : sources.at(c.source.file, c.source.line),
      VERDICT_MARK[c.verdict],
    ]);
    out.push(...table(['control', 'setting', 'source', 'verdict'], rows), '');
    const notes = [
      ...controls.filter((c) => c.note && c.verdict !== 'ok').map((c) => `- ${c.label}: ${c.note}`),
      ...s.notes.map((n) => `- ${n}`),
    ];
    if (notes.length) out.push(...notes, '');
  }
  out.push(...sources.block());
  return out.join('\n') + '\n';
}

/** The posture of every ThemisDB service under the workspace roots (open buffers included). */
export function workspacePosture(ws: Workspace): PostureResult {
  const model = deploymentModel(ws);
  const postures = deploymentPosture(ws, model);
  return { markdown: postureMarkdown(ws, postures, unreadServicesNote(unreadServices(model))), services: postures.length };
}
