// The deployment model of a workspace: every deployment file under its roots, the
// services in them, and which files belong to ThemisDB (DESIGN "Deployments").
import { SourceFile } from '../sourceFile';
import { Workspace } from '../workspace/workspace';
import { composeServices, overrideBase } from './compose';
import { helmServices } from './helm';
import { configMapConfigs, K8sIndex, k8sObjects, k8sServices, objectEntries } from './kubernetes';
import { ReadBudget } from './env';
import { deployFileKind, isDeploymentCandidate, isServerThemisVar } from './recognize';
import { systemdServices } from './systemd';
import { DeployFile, DeployFileKind, DeploymentModel, Service } from './types';

/**
 * Reads the deployment files under the workspace roots, plus `extra` paths (files named
 * on a command line), and builds their services. Secrets and ConfigMaps are looked up
 * across all manifests of the workspace.
 */
export function deploymentModel(ws: Workspace, extra: readonly string[] = []): DeploymentModel {
  const byPath = new Map<string, SourceFile>();
  const kinds = new Map<string, DeployFileKind>();
  // what each file is stays known until it changes; only the deployment files are kept
  for (const p of new Set([...ws.findPaths(isDeploymentCandidate), ...extra])) {
    const k = ws.fileFact(p, 'deployKind', deployFileKind, (kind) => kind !== undefined);
    const f = k && ws.file(p);
    if (f) {
      byPath.set(p, f);
      kinds.set(p, k);
    }
  }
  const of = (...ks: DeployFileKind[]) => [...kinds].filter(([, k]) => ks.includes(k)).map(([p]) => byPath.get(p)!);

  // one budget for the values every service reads from env files and objects (MAX_READ_VALUES)
  const budget = new ReadBudget();
  // docker-compose.override.yml merges into the base file beside it, as `docker compose up` does
  const composeProjects = (files: SourceFile[]) => {
    const paths = new Set(files.map((f) => f.path));
    const overrides = new Map<string, SourceFile[]>();
    for (const f of files) {
      const base = overrideBase(f.path, (p) => paths.has(p));
      if (base) overrides.set(base, [...(overrides.get(base) ?? []), f]);
    }
    const merged = new Set([...overrides.values()].flat());
    return files.filter((f) => !merged.has(f)).flatMap((f) => composeServices(ws, f, overrides.get(f.path), budget));
  };
  const index = new K8sIndex();
  for (const f of of('kubernetes')) index.add(k8sObjects(f));
  const services: Service[] = [
    ...composeProjects(of('compose')),
    ...of('kubernetes').flatMap((f) => k8sServices(f, index, budget)),
    ...of('helm').flatMap((f) => helmServices(ws, f, index, budget)),
    ...systemdServices(ws, of('systemd', 'systemd-dropin'), budget),
  ];
  const configs = [
    ...index.all.flatMap((o) => configMapConfigs(o)),
    ...services.filter((s) => s.kind === 'helm').flatMap((s) => s.configs),
  ];

  // a file is ThemisDB's when a ThemisDB service is defined in it or loads from it
  const themisFiles = new Set<string>();
  for (const s of services.filter((x) => x.themis)) {
    for (const f of s.files) themisFiles.add(f);
    for (const src of s.sources) if (src.resolved) themisFiles.add(src.resolved);
    for (const v of s.env.values()) themisFiles.add(v.file);
  }
  for (const o of index.all) if (objectEntries(o).some((e) => isServerThemisVar(e.key))) themisFiles.add(o.file);
  for (const c of configs) themisFiles.add(c.file);
  const files: DeployFile[] = [...kinds].map(([p, kind]) => ({ path: p, kind, themis: themisFiles.has(p) }));
  return { files, services, configs };
}

/** The ThemisDB services of a model whose environment is known (what reads one judges it). */
export function themisServices(model: DeploymentModel): Service[] {
  return model.services.filter((s) => s.themis && !s.unread);
}

/** A model's services and files by path: every file of a folder asks for its own, several times (2,000 drop-ins of one unit). */
interface ModelIndex {
  files: Map<string, DeployFile>;
  /** Known ThemisDB services defined in each file. */
  definedIn: Map<string, Service[]>;
  /** Known ThemisDB services loading variables from each file they are not defined in. */
  loading: Map<string, Service[]>;
  /** ThemisDB services left unread, by each file they are defined in or load from. */
  unread: Map<string, Service[]>;
}

const indexes = new WeakMap<DeploymentModel, ModelIndex>();

function indexOf(model: DeploymentModel): ModelIndex {
  let index = indexes.get(model);
  if (index) return index;
  // one file per path: the model lists each deployment file once
  index = { files: new Map(model.files.map((f) => [f.path, f])), definedIn: new Map(), loading: new Map(), unread: new Map() };
  const add = (by: Map<string, Service[]>, paths: Iterable<string>, s: Service) => {
    for (const p of new Set(paths)) {
      const list = by.get(p);
      if (list) list.push(s);
      else by.set(p, [s]);
    }
  };
  for (const s of model.services) {
    if (!s.themis) continue;
    const sources = s.sources.flatMap((src) => (src.resolved ? [src.resolved] : []));
    if (s.unread) {
      add(index.unread, [...s.files, ...sources], s);
      continue;
    }
    add(index.definedIn, s.files, s);
    const values = [...s.env.values()].map((v) => v.file).filter((f) => !s.files.includes(f));
    add(index.loading, [...sources, ...values], s);
  }
  indexes.set(model, index);
  return index;
}

/** ThemisDB services whose sources were left unread (Service.unread): all, or those defined in or loading from a file. */
export function unreadServices(model: DeploymentModel, filePath?: string): Service[] {
  if (filePath === undefined) return model.services.filter((s) => s.themis && s.unread);
  return [...(indexOf(model).unread.get(filePath) ?? [])];
}

/** ThemisDB services that load variables from a file (an env file, a Secret or ConfigMap manifest). */
export function servicesLoading(model: DeploymentModel, filePath: string): Service[] {
  return [...(indexOf(model).loading.get(filePath) ?? [])];
}

/** ThemisDB services defined in a file (a unit's drop-in counts for the unit). */
export function servicesIn(model: DeploymentModel, filePath: string): Service[] {
  return [...(indexOf(model).definedIn.get(filePath) ?? [])];
}

/** The deployment kind of a file in the model, and whether it is ThemisDB's. */
export function deployFileOf(model: DeploymentModel, filePath: string): DeployFile | undefined {
  return indexOf(model).files.get(filePath);
}

/**
 * The workspace's deployment model, built once until a file changes. A file outside the
 * workspace roots (named on a command line) gets a model that includes it.
 */
export function workspaceModel(ws: Workspace, filePath?: string): DeploymentModel {
  const model = ws.memo('deploymentModel', () => deploymentModel(ws));
  if (!filePath || !isDeploymentCandidate(filePath) || deployFileOf(model, filePath)) return model;
  return ws.memo(`deploymentModel:${filePath}`, () => deploymentModel(ws, [filePath]));
}
