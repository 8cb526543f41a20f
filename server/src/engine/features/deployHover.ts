// Hover and navigation in deployment files, from the deployment model: the catalog
// docs of a `THEMIS_*` variable plus which of the places that set it wins for each
// service, every place that sets it (definition/references), and the file behind a
// service's `env_file:` / `EnvironmentFile=`. Values are shown masked (displayValue).
import { deploymentModel, servicesIn, servicesLoading } from '../deploy/model';
import { displayValue } from '../deploy/posture';
import { EnvOrigin, EnvValue, Service, SourceRef } from '../deploy/types';
import { SourceFile } from '../sourceFile';
import { Span } from '../types';
import { Workspace } from '../workspace/workspace';
import { deployEnvAt } from './deployEnvAt';
import { displayFile, envStatusText, envVarInfo, envVarMarkdown, inlineCode } from './docs';
import { envValueNotes, HoverEntry } from './hover';

const ORIGIN: Record<EnvOrigin, string> = {
  'compose-environment': 'environment:',
  'compose-env-file': 'env_file',
  'k8s-env': 'env',
  'k8s-envFrom': 'envFrom',
  'k8s-secretKeyRef': 'secretKeyRef',
  'k8s-configMapKeyRef': 'configMapKeyRef',
  'helm-env': 'env',
  'systemd-environment': 'Environment=',
  'systemd-environment-file': 'EnvironmentFile=',
};

const contains = (s: Span, offset: number) => s.start <= offset && offset <= s.end;

/** The services whose environment this file defines or feeds. */
function servicesOf(ws: Workspace, file: SourceFile): Service[] {
  const model = deploymentModel(ws, [file.path]);
  const own = servicesIn(model, file.path);
  return [...own, ...servicesLoading(model, file.path).filter((s) => !own.includes(s))];
}

/** The variable name under the cursor in a deployment file, with its span. */
function variableAt(file: SourceFile, offset: number, systemdFile: boolean): { name: string; span: Span } | undefined {
  const at = deployEnvAt(file, offset, systemdFile);
  if (!at || !at.name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(at.name)) return undefined;
  return { name: at.name, span: at.part === 'value' && at.valueSpan ? at.valueSpan : at.nameSpan };
}

function placeText(ws: Workspace, v: EnvValue, root: string | undefined, from: string, told?: EnvValue): string {
  const line = (ws.file(v.file)?.lines.position(v.span.start).line ?? 0) + 1;
  // a value not in the workspace (a Secret elsewhere, set at deploy time) says why, unless the hover said it above
  const why = v.note && v !== told ? ` (${v.note})` : '';
  const value = v.value === undefined ? `a value not known here${why}` : inlineCode(displayValue(v));
  return `${value} from \`${displayFile(v.file, root, from)}:${line}\` (${ORIGIN[v.origin]})`;
}

/** Every value a service has for a variable: the winner last, as the tool applies them. */
function chain(v: EnvValue): EnvValue[] {
  return [...v.overrides, v];
}

/**
 * Hover on a variable of a deployment file: what the value set here means, per service
 * the value that wins (and from where, when several places set it), then the catalog docs.
 */
export function deployHover(
  file: SourceFile,
  offset: number,
  ws: Workspace,
  opts: { systemd: boolean; root?: string },
): HoverEntry | undefined {
  const v = variableAt(file, offset, opts.systemd);
  if (!v) return undefined;
  const parts: string[] = [];
  let statusSaid = false;
  const services = servicesOf(ws, file);
  const info = envVarInfo(v.name);
  const here = services
    .flatMap((s) => (s.env.get(v.name) ? chain(s.env.get(v.name)!) : []))
    .find((x) => x.file === file.path && [x.keySpan ?? x.span, x.span].some((sp) => contains(sp, offset)));
  if (here && info) {
    const notes =
      here.value === undefined
        ? [`Not known here: ${here.note ?? 'set at deploy time'}.`]
        : envValueNotes(v.name, here.value, info);
    const secretValue = here.secret && here.value !== undefined;
    const text = secretValue ? '**Secret**: the value is not shown.' : notes.join('\n\n');
    if (text) parts.push(text);
    statusSaid = !secretValue && notes.includes(envStatusText(info));
  }
  for (const s of services) {
    const effective = s.env.get(v.name);
    if (!effective) continue;
    const label = `${s.kind} service \`${s.name}\``;
    if (effective.overrides.length === 0) {
      parts.push(`**${label}** runs with ${placeText(ws, effective, opts.root, file.path, here)}.`);
      continue;
    }
    const lines = chain(effective).map(
      (x, i, all) => `${i + 1}. ${placeText(ws, x, opts.root, file.path, here)}${i === all.length - 1 ? ' — **wins**' : ''}`,
    );
    parts.push(
      `**${label}**: set in ${lines.length} places, applied in this order (${PRECEDENCE[s.kind]}):\n\n${lines.join('\n')}`,
    );
  }
  // whether the server reads it is said once, with the value
  const docs = envVarMarkdown(v.name, info, { status: !statusSaid });
  if (docs) parts.push(docs);
  return parts.length ? { markdown: parts.join('\n\n---\n\n'), span: v.span } : undefined;
}

/** Which source wins, per tool, in a few words. */
const PRECEDENCE: Record<Service['kind'], string> = {
  compose: '`environment:` over `env_file:`, later env files over earlier',
  kubernetes: '`env` over `envFrom`, later entries over earlier',
  helm: 'later entries over earlier',
  systemd: 'EnvironmentFile= over Environment=; within each, drop-ins after the unit and later lines over earlier',
};

/** Every place that sets the variable under the cursor, for the services of this file (earliest first). */
export function deployVariablePlaces(file: SourceFile, offset: number, ws: Workspace, systemdFile: boolean): SourceRef[] {
  const v = variableAt(file, offset, systemdFile);
  if (!v) return [];
  const out: SourceRef[] = [];
  for (const s of servicesOf(ws, file)) {
    const effective = s.env.get(v.name);
    if (!effective) continue;
    for (const x of chain(effective)) {
      const span = x.keySpan ?? x.span;
      if (!out.some((o) => o.file === x.file && o.span.start === span.start)) out.push({ file: x.file, span });
    }
  }
  return out;
}

/** The workspace file behind the `env_file:` / `EnvironmentFile=` / `envFrom` entry under the cursor. */
export function deployEnvSourceTarget(file: SourceFile, offset: number, ws: Workspace): string | undefined {
  for (const s of servicesOf(ws, file))
    for (const src of s.sources)
      if (src.ref.file === file.path && !src.assumed && contains(src.ref.span, offset) && src.resolved) return src.resolved;
  return undefined;
}
