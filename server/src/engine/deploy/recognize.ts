// Which deployment file a file is (DESIGN "Deployments"), by name and content, and
// the tests for "this runs ThemisDB" that every parser shares.
import * as path from 'path';
import { isMapRef } from '../documents/yamlModel';
import { varInfo } from '../envCatalog';
import { SourceFile } from '../sourceFile';
import { DeployFileKind } from './types';
import { sizeLimitFinding } from '../limits';

const COMPOSE_NAME = /^(?:docker-compose|compose)(?:[.-][\w.-]*)?\.ya?ml$|\.compose\.ya?ml$/i;
// values.yaml, values-prod.yaml, values.prod.yaml, k8s_production_values.yaml, prod-values.yml
const HELM_VALUES_NAME = /(?:^|[._-])values(?:[._-][\w.-]*)?\.ya?ml$/i;

/** A file the deployment walk reads (its content then decides): units, drop-ins and every YAML file. */
export function isDeploymentCandidate(filePath: string): boolean {
  return isUnitName(filePath) || isDropInName(filePath) || /\.ya?ml$/i.test(path.basename(filePath));
}

const isUnitName = (filePath: string) => /\.service$/i.test(path.basename(filePath));
const isDropInName = (filePath: string) =>
  /\.conf$/i.test(path.basename(filePath)) && /\.service\.d$/i.test(path.basename(path.dirname(filePath)));

/** Whether the size limits count a file's flow-collection items too (YAML) or its lines only. */
export const sizedAsYaml = (filePath: string): boolean => !isUnitName(filePath) && !isDropInName(filePath);

/**
 * Whether a file too large to parse may be a ThemisDB deployment file, from its text alone: a
 * unit or drop-in, or YAML with a manifest's or compose file's keys (or a values file's name),
 * that names ThemisDB somewhere. Such a file says it was not analyzed rather than nothing.
 */
export function mayBeThemisDeployment(file: SourceFile): boolean {
  if (!isDeploymentCandidate(file.path) || !saysThemis(file.text)) return false;
  if (!sizedAsYaml(file.path)) return true;
  return !isHelmTemplate(file) && hasDeploymentKeys(file);
}

// a key, a closing quote or not, blanks, `:` (keyWritten checks where the key starts)
const API_VERSION_KEY = /apiVersion["']?[ \t]*:/g;
const KIND_KEY = /kind["']?[ \t]*:/g;
const SERVICES_KEY = /services["']?[ \t]*:/g;

/** YAML text with a manifest's or a compose file's keys, or a values file's name: what a deployment file needs before it is parsed. */
function hasDeploymentKeys(file: SourceFile): boolean {
  const manifest = keyWritten(file.text, API_VERSION_KEY) && keyWritten(file.text, KIND_KEY);
  return manifest || keyWritten(file.text, SERVICES_KEY) || isHelmValuesName(file.path);
}

export function isComposeName(filePath: string): boolean {
  return COMPOSE_NAME.test(path.basename(filePath));
}

export function isHelmValuesName(filePath: string): boolean {
  return HELM_VALUES_NAME.test(path.basename(filePath));
}

/** A Helm chart template: not YAML until Helm renders it, so it is left alone. */
function isHelmTemplate(file: SourceFile): boolean {
  return file.path.split(/[\\/]/).includes('templates') && file.text.includes('{{');
}

/** deployFileKind's answers per version of a file (null: none); the server asks several times per keystroke. */
const kinds = new WeakMap<SourceFile, DeployFileKind | null>();

/** The deployment kind of a file, or undefined when it is none (whether it is ThemisDB's is decided per service). */
export function deployFileKind(file: SourceFile): DeployFileKind | undefined {
  let kind = kinds.get(file);
  if (kind === undefined) kinds.set(file, (kind = recognized(file) ?? null));
  return kind ?? undefined;
}

function recognized(file: SourceFile): DeployFileKind | undefined {
  // a file over the analysis limits is never parsed (it gets its own limit finding)
  if (!isDeploymentCandidate(file.path) || sizeLimitFinding(file.text, sizedAsYaml(file.path))) return undefined;
  // a section header after blanks on its line (a \s* across line breaks re-read a run of blank lines from each of them)
  if (isUnitName(file.path))
    return /^[^\S\r\n\u2028\u2029]*\[(?:Unit|Service|Install)\]/m.test(file.text) ? 'systemd' : undefined;
  if (isDropInName(file.path)) return /^[^\S\r\n\u2028\u2029]*\[[A-Za-z]+\]/m.test(file.text) ? 'systemd-dropin' : undefined;
  if (isHelmTemplate(file)) return undefined;
  // a YAML file without the keys of a manifest or a compose file is none: the walk over every
  // YAML file of a workspace then parses (and keeps the model of) none of them
  if (!hasDeploymentKeys(file)) return undefined;
  const docs = file.yaml.documents();
  if (docs.some((d) => typeof d.get('apiVersion')?.value === 'string' && typeof d.get('kind')?.value === 'string'))
    return 'kubernetes';
  const first = docs[0];
  if (!first) return undefined;
  const services = first.get('services');
  if (isComposeName(file.path) && isMapRef(services)) return 'compose';
  if (isHelmValuesName(file.path)) return 'helm';
  // a compose file under another name: services that have an image or a build
  if (
    isMapRef(services) &&
    first.children('services').some((s) => first.has([...s.path, 'image']) || first.has([...s.path, 'build']))
  ) {
    return 'compose';
  }
  return undefined;
}

/** Whether a key `written` finds may be written as a mapping key in the text (plain or quoted, block or flow); never false for one that is. */
function keyWritten(text: string, written: RegExp): boolean {
  // the key with its colon as one regex: on the real core config V8 finds it several times
  // faster than indexOf(key) (this runs on every keystroke); each match is tested where it stands
  written.lastIndex = 0;
  for (let m = written.exec(text); m; m = written.exec(text)) {
    if (startsKey(text, m.index)) return true;
    written.lastIndex = m.index + 1; // a key written inside this match is tried too
  }
  return false;
}

/** Whether a key may start at `at`: the text's start, or after a space, a line break, `{`, `,` or `?`, with a quote between or not. */
function startsKey(text: string, at: number): boolean {
  const opens = (i: number) => i === 0 || /[\s{,?]/.test(text[i - 1]);
  return opens(at) || ((text[at - 1] === '"' || text[at - 1] === "'") && opens(at - 1));
}

/** Text that names ThemisDB (an image, a command, a unit or container name). */
export function saysThemis(text: string | undefined): boolean {
  return !!text && /themis/i.test(text);
}

/** A variable that only ThemisDB's server (not a client of it) reads or is configured with. */
export function isServerThemisVar(name: string): boolean {
  if (!/^THEMIS_/i.test(name)) return false;
  return varInfo(name)?.statusDetail !== 'client-side';
}
