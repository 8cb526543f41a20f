// `themisdb-lint posture [PATH…]`: what each ThemisDB service of a deployment will really
// run with, control by control. Values come masked from the engine (displayValue); this
// file prints nothing else of the files' text.
import { deploymentModel, themisServices, unreadServices } from '../engine/deploy/model';
import { PostureControl, servicePosture, ServicePosture, unreadServicesNote, Verdict } from '../engine/deploy/posture';
import { Workspace } from '../engine/workspace/workspace';
import { createNodeHost } from '../nodeHost';
import { linkNotice } from '../engine/workspace/linkNotice';
import { parsePostureArgs, POSTURE_USAGE, UsageError } from './args';
import { collectDeploymentFiles, PathError } from './collect';
import { relative, useColor } from './format';

export interface PostureIo {
  out: (s: string) => void;
  err: (s: string) => void;
  isTty: boolean;
  env?: NodeJS.ProcessEnv;
}

export function runPosture(argv: string[], cwd: string, io: PostureIo): number {
  let opts;
  try {
    opts = parsePostureArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`themisdb-lint posture: ${e.message}\n\nRun themisdb-lint posture --help for the options.\n`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    io.out(POSTURE_USAGE + '\n');
    return 0;
  }
  let collected;
  try {
    collected = collectDeploymentFiles(opts.paths, cwd);
  } catch (e) {
    if (e instanceof PathError) {
      io.err(`themisdb-lint posture: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const ws = new Workspace(createNodeHost(collected.roots), collected.roots);
  const model = deploymentModel(ws, collected.files);
  const wanted = new Set(collected.files);
  const postures = themisServices(model)
    .filter((s) => s.files.some((f) => wanted.has(f)))
    .map((s) => servicePosture(ws, s, model));
  const left = unreadServicesNote(unreadServices(model).filter((s) => s.files.some((f) => wanted.has(f))));
  if (left) io.err(`themisdb-lint posture: ${left}\n`);
  if (opts.format === 'json') io.out(JSON.stringify(toJson(postures, cwd, ws), null, 2) + '\n');
  else io.out(formatPosture(postures, cwd, ws, useColor(io.env ?? process.env, io.isTty, opts.color)));
  // the workspace boundary: a link not followed is said, not skipped in silence
  for (const [link, refusal] of ws.refusedLinks()) io.err(`themisdb-lint posture: ${linkNotice(link, refusal).message}\n`);
  return 0;
}

function lineOf(ws: Workspace, file: string, offset: number): number {
  return (ws.file(file)?.lines.position(offset).line ?? 0) + 1;
}

function sourceText(c: PostureControl, cwd: string): string {
  return c.source === 'default' ? 'default' : `${relative(cwd, c.source.file)}:${c.source.line}`;
}

export function toJson(postures: ServicePosture[], cwd: string, ws: Workspace): object {
  return {
    services: postures.map(({ service: s, controls }) => ({
      name: s.name,
      kind: s.kind,
      file: relative(cwd, s.file),
      line: lineOf(ws, s.file, s.span.start),
      files: s.files.map((f) => relative(cwd, f)),
      image: s.image,
      themisReason: s.themisReason,
      sources: s.sources.map((src) => ({
        kind: src.kind,
        name: src.name,
        file: relative(cwd, src.ref.file),
        line: lineOf(ws, src.ref.file, src.ref.span.start),
        resolved: src.resolved && relative(cwd, src.resolved),
        resolvedBy: src.resolvedBy,
        optional: src.optional,
        assumed: src.assumed,
      })),
      notes: s.notes,
      controls: controls.map((c) => ({
        id: c.id,
        control: c.label,
        variable: c.variable,
        value: c.value,
        source: c.source === 'default' ? 'default' : { file: relative(cwd, c.source.file), line: c.source.line },
        verdict: c.verdict,
        note: c.note,
      })),
    })),
  };
}

const VERDICT_COLOR: Record<Verdict, string> = { ok: '32', risk: '31', unknown: '33' };
const MAX_VALUE = 44;

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** One table per service: control, variable, value, source, verdict, note; columns aligned over all services. */
export function formatPosture(postures: ServicePosture[], cwd: string, ws: Workspace, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  if (postures.length === 0) {
    return 'No ThemisDB service (compose service, Kubernetes container, Helm values or systemd unit) was found under the given paths.\n';
  }
  const rows = postures.flatMap((p) => p.controls);
  const head = { label: 'control', variable: 'variable', value: 'value', source: 'source', verdict: 'verdict' };
  const w = {
    label: Math.max(head.label.length, ...rows.map((c) => c.label.length)),
    variable: Math.max(head.variable.length, ...rows.map((c) => (c.variable ?? '').length)),
    value: Math.max(head.value.length, ...rows.map((c) => clip(c.value, MAX_VALUE).length)),
    source: Math.max(head.source.length, ...rows.map((c) => sourceText(c, cwd).length)),
    verdict: Math.max(head.verdict.length, ...rows.map((c) => c.verdict.length)),
  };
  const lines: string[] = [];
  for (const { service: s, controls } of postures) {
    const where = `${relative(cwd, s.file)}:${lineOf(ws, s.file, s.span.start)}`;
    lines.push(
      `${paint('1', `${s.kind} ${s.name}`)}  ${paint('90', where)}${s.themisReason ? paint('90', `  (${s.themisReason})`) : ''}`,
    );
    const cells = (label: string, variable: string, value: string, source: string) =>
      `  ${label.padEnd(w.label)}  ${variable.padEnd(w.variable)}  ${value.padEnd(w.value)}  ${source.padEnd(w.source)}  `;
    lines.push(paint('90', cells(head.label, head.variable, head.value, head.source) + head.verdict));
    for (const c of controls) {
      const verdict = paint(VERDICT_COLOR[c.verdict], c.verdict.padEnd(w.verdict));
      const note = c.note ? `  ${c.note}` : '';
      lines.push((cells(c.label, c.variable ?? '', clip(c.value, MAX_VALUE), sourceText(c, cwd)) + verdict + note).trimEnd());
    }
    for (const n of s.notes) lines.push(paint('90', `  note: ${n}`));
    lines.push('');
  }
  const count = (v: Verdict) => rows.filter((c) => c.verdict === v).length;
  const n = postures.length;
  const risks = count('risk');
  lines.push(
    `${n} ThemisDB service${n === 1 ? '' : 's'}: ${risks} risk${risks === 1 ? '' : 's'}, ${count('unknown')} unknown, ${count('ok')} ok`,
  );
  return lines.join('\n') + '\n';
}
