// Kubernetes manifests: Secrets and ConfigMaps of the workspace, and the containers of
// workloads with their environment. Precedence (kubelet): `envFrom` sources in order,
// then `env` entries in order over them; `$(VAR)` in a value expands from variables
// defined before it. Secret `data` is base64: decoded here, in memory, and never shown.
import { DocView, YamlModel, YamlRef } from '../documents/yamlModel';
import { kindFromName, looksLikeThemisConfig } from '../fileKinds';
import { SourceFile } from '../sourceFile';
import { Span } from '../types';
import { EnvBuilder, lastReadings, ReadBudget } from './env';
import { deployFileKind, isServerThemisVar, saysThemis } from './recognize';
import { EmbeddedConfig, EnvOrigin, EnvSource, Service, SourceRef } from './types';
import { entries, items, spanOf, str } from './yamlAccess';

export interface ObjectEntry {
  key: string;
  /** Decoded for a Secret's `data`; undefined when it is not valid base64. */
  value: string | undefined;
  keySpan: Span;
  span: Span;
}

export interface K8sObject {
  kind: string;
  name: string;
  namespace?: string;
  file: string;
  source: SourceFile;
  doc: DocView;
  /** `metadata.name`'s value, else the document's first key. */
  span: Span;
}

const WORKLOAD_POD_SPEC: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function isWorkloadKind(kind: string): boolean {
  return kind in WORKLOAD_POD_SPEC;
}

/** Every object of a manifest (multi-document files included); none in any other file, which is not parsed for them (a systemd unit is no YAML). */
export function k8sObjects(file: SourceFile): K8sObject[] {
  const out: K8sObject[] = [];
  if (deployFileKind(file) !== 'kubernetes') return out;
  for (const doc of file.yaml.documents()) {
    const kind = str(doc.get('kind'));
    if (!kind || str(doc.get('apiVersion')) === undefined) continue;
    const nameRef = doc.get(['metadata', 'name']);
    out.push({
      kind,
      name: str(nameRef) ?? '',
      namespace: str(doc.get(['metadata', 'namespace'])),
      file: file.path,
      source: file,
      doc,
      span: nameRef ? spanOf(nameRef) : spanOf(doc.firstRoot!),
    });
  }
  return out;
}

function decodeBase64(s: string): string | undefined {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** objectEntries' answers: every container that loads an object asks (1,000 Deployments of one ConfigMap). */
const entriesOf = new WeakMap<K8sObject, readonly ObjectEntry[]>();

/** Key/value entries of a Secret (`data` decoded, `stringData` over it) or a ConfigMap (`data`). */
export function objectEntries(obj: K8sObject): readonly ObjectEntry[] {
  let found = entriesOf.get(obj);
  if (!found) entriesOf.set(obj, (found = readEntries(obj)));
  return found;
}

function readEntries(obj: K8sObject): ObjectEntry[] {
  const byKey = new Map<string, ObjectEntry>();
  const read = (section: string, decode: boolean) => {
    for (const r of entries(obj.doc, [section])) {
      const raw = str(r) ?? '';
      byKey.set(r.path[1], { key: r.path[1], value: decode ? decodeBase64(raw) : raw, keySpan: r.keySpan!, span: spanOf(r) });
    }
  };
  if (obj.kind === 'Secret') {
    read('data', true);
    read('stringData', false); // the API server merges stringData over data
  } else read('data', false);
  return [...byKey.values()];
}

/** The Secrets and ConfigMaps of the workspace, for references by name. */
export class K8sIndex {
  private readonly objects: K8sObject[] = [];
  /** By kind and name: a workspace of 3,000 ConfigMaps is looked up once per reference. */
  private readonly byName = new Map<string, K8sObject[]>();

  add(objs: K8sObject[]): void {
    for (const o of objs) {
      if (o.kind !== 'Secret' && o.kind !== 'ConfigMap') continue;
      this.objects.push(o);
      const key = `${o.kind}/${o.name}`;
      const same = this.byName.get(key);
      if (same) same.push(o);
      else this.byName.set(key, [o]);
    }
  }

  /** Same namespace first; an object or workload without one matches any. */
  find(kind: 'Secret' | 'ConfigMap', name: string, namespace: string | undefined): K8sObject | undefined {
    const same = this.byName.get(`${kind}/${name}`) ?? [];
    return same.find((o) => o.namespace === namespace) ?? same.find((o) => !o.namespace || !namespace);
  }

  get all(): readonly K8sObject[] {
    return this.objects;
  }
}

/** ConfigMap entries that hold a ThemisDB config (by key name or content), with their place in the manifest. */
export function configMapConfigs(obj: K8sObject): EmbeddedConfig[] {
  if (obj.kind !== 'ConfigMap') return [];
  const out: EmbeddedConfig[] = [];
  for (const r of entries(obj.doc, ['data'])) {
    const cfg = embeddedConfig(obj.source, r, `ConfigMap/${obj.name}`);
    if (cfg) out.push(cfg);
  }
  return out;
}

/** A string value that is a ThemisDB config, mapped back into its file. */
export function embeddedConfig(file: SourceFile, r: YamlRef, owner: string): EmbeddedConfig | undefined {
  const text = str(r);
  const key = r.path[r.path.length - 1];
  if (text === undefined || !r.valueSpan || !text.includes('\n') || text.length > 1_000_000) return undefined;
  if (kindFromName(key) !== 'config' && !looksLikeThemisConfig(new YamlModel(text))) return undefined;
  const lineOffsets = blockLineOffsets(file.text, r.valueSpan, text);
  return { owner, key, file: file.path, text, offset: lineOffsets[0], lineOffsets, keySpan: r.keySpan! };
}

/**
 * Offsets in the file of each line of a block scalar's value (`|`), found by the
 * indentation of its body. Other styles map every line to the value's start.
 */
function blockLineOffsets(fileText: string, span: Span, value: string): number[] {
  const lines = value.split('\n');
  const src = fileText.slice(span.start, span.end);
  if (!/^[|>]/.test(src) || src.startsWith('>')) return lines.map(() => span.start);
  const bodyStart = span.start + src.indexOf('\n') + 1;
  const body = fileText.slice(bodyStart, span.end).split('\n');
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  const out: number[] = [];
  let pos = bodyStart;
  for (let i = 0; i < lines.length; i++) {
    const l = body[i] ?? '';
    out.push(pos + Math.min(indent, l.length - l.trimStart().length));
    pos += l.length + 1;
  }
  return out;
}

/** An offset in an embedded config's text to the offset in its manifest. */
export function embeddedOffset(cfg: EmbeddedConfig, textOffset: number): number {
  let line = 0;
  let start = 0;
  for (let i = 0; i < textOffset && i < cfg.text.length; i++) {
    if (cfg.text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return (cfg.lineOffsets[line] ?? cfg.offset) + (textOffset - start);
}

/** env and envFrom of one container into a builder: envFrom first, env over it. */
export function addContainerEnv(
  b: EnvBuilder,
  doc: DocView,
  p: string[],
  file: string,
  index: K8sIndex,
  namespace: string | undefined,
  sources: EnvSource[],
): void {
  addEnvFrom(b, doc, [...p, 'envFrom'], file, index, namespace, sources);
  addEnvList(b, doc, [...p, 'env'], file, index, namespace, sources, 'k8s-env');
}

/** An `envFrom` list (secretRef / configMapRef, optional prefix). */
export function addEnvFrom(
  b: EnvBuilder,
  doc: DocView,
  listPath: string[],
  file: string,
  index: K8sIndex,
  namespace: string | undefined,
  sources: EnvSource[],
): void {
  const at = (r: YamlRef): SourceRef => ({ file, span: spanOf(r) });
  const read: { obj: K8sObject; prefix: string; via: SourceRef }[] = [];
  for (const item of items(doc, listPath)) {
    const prefix = str(doc.get([...item.path, 'prefix'])) ?? '';
    for (const kind of ['Secret', 'ConfigMap'] as const) {
      const refPath = [...item.path, kind === 'Secret' ? 'secretRef' : 'configMapRef'];
      if (!doc.get(refPath)) continue;
      const name = str(doc.get([...refPath, 'name'])) ?? '';
      const obj = index.find(kind, name, namespace);
      const optional = str(doc.get([...refPath, 'optional'])) === 'true';
      sources.push({
        kind: 'envFrom',
        name: `${kind}/${name}`,
        ref: at(item),
        resolved: obj?.file,
        optional,
        resolvedBy: obj ? 'object' : undefined,
      });
      if (obj) read.push({ obj, prefix, via: at(item) });
    }
  }
  // an object listed again with the same prefix: its last listing decides
  for (const { obj, prefix, via } of lastReadings(read, (r) => `${r.prefix}\u0000${r.obj.file}\u0000${r.obj.span.start}`)) {
    const entries = objectEntries(obj);
    if (!b.mayRead(entries.length)) continue;
    for (const e of entries) {
      b.set({
        name: prefix + e.key,
        value: e.value,
        file: obj.file,
        span: e.span,
        keySpan: e.keySpan,
        origin: 'k8s-envFrom',
        via,
        fromSecretObject: obj.kind === 'Secret' || undefined,
      });
    }
  }
}

/** An `env` list of {name, value} / {name, valueFrom}. */
export function addEnvList(
  b: EnvBuilder,
  doc: DocView,
  listPath: string[],
  file: string,
  index: K8sIndex,
  namespace: string | undefined,
  sources: EnvSource[],
  origin: EnvOrigin,
): void {
  for (const item of items(doc, listPath)) {
    const nameRef = doc.get([...item.path, 'name']);
    const name = str(nameRef);
    if (!name || !nameRef) continue;
    const valueRef = doc.get([...item.path, 'value']);
    const from = doc.get([...item.path, 'valueFrom']);
    if (from) {
      addValueFrom(b, doc, from, name, nameRef, file, index, namespace, sources, { file, span: spanOf(item) });
      continue;
    }
    const raw = valueRef ? (str(valueRef) ?? '') : '';
    b.set({
      name,
      value: expandDependent(raw, b),
      file,
      span: valueRef ? spanOf(valueRef) : spanOf(nameRef),
      keySpan: spanOf(nameRef),
      origin,
    });
  }
}

function addValueFrom(
  b: EnvBuilder,
  doc: DocView,
  from: YamlRef,
  name: string,
  nameRef: YamlRef,
  file: string,
  index: K8sIndex,
  ns: string | undefined,
  sources: EnvSource[],
  via: SourceRef,
): void {
  for (const kind of ['Secret', 'ConfigMap'] as const) {
    const refPath = [...from.path, kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef'];
    if (!doc.get(refPath)) continue;
    const objName = str(doc.get([...refPath, 'name'])) ?? '';
    const key = str(doc.get([...refPath, 'key'])) ?? '';
    const obj = index.find(kind, objName, ns);
    const entry = obj && objectEntries(obj).find((e) => e.key === key);
    const origin = kind === 'Secret' ? 'k8s-secretKeyRef' : 'k8s-configMapKeyRef';
    const optional = str(doc.get([...refPath, 'optional'])) === 'true';
    sources.push({
      kind: kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef',
      name: `${kind}/${objName}`,
      ref: via,
      resolved: entry ? obj!.file : undefined,
      optional,
      resolvedBy: entry ? 'object' : undefined,
    });
    const templated = objName.includes('{{') ? ' (a Helm template: not rendered)' : '';
    if (entry) {
      b.set({
        name,
        value: entry.value,
        file: obj!.file,
        span: entry.span,
        keySpan: entry.keySpan,
        origin,
        via,
        fromSecretObject: kind === 'Secret' || undefined,
      });
    } else {
      const what = obj ? `key ${key} is not in ${kind} ${objName}` : `${kind} ${objName}${templated} is not in the workspace`;
      b.set({
        name,
        value: undefined,
        file,
        span: spanOf(from),
        keySpan: spanOf(nameRef),
        origin,
        via,
        fromSecretObject: kind === 'Secret' || undefined,
        note: what,
      });
    }
    return;
  }
  const field =
    str(doc.get([...from.path, 'fieldRef', 'fieldPath'])) ?? str(doc.get([...from.path, 'resourceFieldRef', 'resource']));
  b.set({
    name,
    value: undefined,
    file,
    span: spanOf(from),
    keySpan: spanOf(nameRef),
    origin: 'k8s-env',
    note: `set by Kubernetes at run time${field ? ` (${field})` : ''}`,
  });
}

/** `$(VAR)` from variables defined before; `$$(VAR)` stays `$(VAR)`; unknown references stay as written. */
function expandDependent(raw: string, b: EnvBuilder): string | undefined {
  if (!raw.includes('$(')) return raw;
  let unknown = false;
  const text = raw.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name) => {
    if (whole === '$$') return '$';
    const v = b.get(name);
    if (!v) return whole;
    if (v.value === undefined) unknown = true;
    return v.value ?? '';
  });
  return unknown ? undefined : text;
}

/** The containers of a workload manifest, one service each. */
export function k8sServices(file: SourceFile, index: K8sIndex, budget?: ReadBudget): Service[] {
  const out: Service[] = [];
  for (const obj of k8sObjects(file)) {
    const specPath = WORKLOAD_POD_SPEC[obj.kind];
    if (!specPath) continue;
    const doc = obj.doc;
    const volumes = items(doc, [...specPath, 'volumes'])
      .map((v) => str(doc.get([...v.path, 'configMap', 'name'])))
      .filter((n): n is string => !!n);
    const mounted = volumes.flatMap((n) => {
      const cm = index.find('ConfigMap', n, obj.namespace);
      return cm ? configMapConfigs(cm) : [];
    });
    const replicasText = str(doc.get(['spec', 'replicas']));
    const replicas = replicasText && /^\d+$/.test(replicasText) ? Number(replicasText) : undefined;
    for (const c of items(doc, [...specPath, 'containers'])) {
      const b = new EnvBuilder(budget);
      const sources: EnvSource[] = [];
      addContainerEnv(b, doc, c.path, file.path, index, obj.namespace, sources);
      const cname = str(doc.get([...c.path, 'name'])) ?? c.path[c.path.length - 1];
      const image = str(doc.get([...c.path, 'image']));
      const command = [...items(doc, [...c.path, 'command']), ...items(doc, [...c.path, 'args'])].map(str).join(' ');
      const themisVar = [...b.env.keys()].find(isServerThemisVar);
      const themisReason = saysThemis(image)
        ? `image ${image}`
        : saysThemis(command)
          ? 'its command'
          : themisVar
            ? `it sets ${themisVar}`
            : undefined;
      const nameRef = doc.get([...c.path, 'name']);
      out.push({
        kind: 'kubernetes',
        name: `${obj.kind}/${obj.name}/${cname}`,
        file: file.path,
        span: nameRef ? spanOf(nameRef) : obj.span,
        files: [file.path],
        docIndex: doc.index,
        yamlPath: c.path,
        image,
        themis: !!themisReason,
        themisReason,
        env: b.env,
        sources,
        configs: mounted,
        configFiles: [],
        instances:
          obj.kind === 'DaemonSet'
            ? { reason: 'a DaemonSet (one pod per node)' }
            : replicas !== undefined && replicas > 1
              ? { count: replicas, reason: `replicas: ${replicas}` }
              : undefined,
        notes: [],
        unread: b.unread || undefined,
      });
    }
  }
  return out;
}
