// DEP001's "move it" for Kubernetes and Helm: one workspace edit that writes the secret
// into a Secret and turns the env entry into `valueFrom.secretKeyRef`. The Secret is one
// the service already reads from the workspace (the same file first), else a new Secret
// manifest beside this file: never the Helm values file itself.
import * as path from 'path';
import { locate } from '../../deploy/envEdits';
import { k8sObjects, K8sObject, objectEntries } from '../../deploy/kubernetes';
import { str } from '../../deploy/yamlAccess';
import { EnvValue, Service } from '../../deploy/types';
import { YamlRef } from '../../documents/yamlModel';
import { doubleQuoted } from '../../documents/yamlScalar';
import { insertUnder } from '../../fixes/yamlEdits';
import { SourceFile } from '../../sourceFile';
import { FileEdit, Fix, TextEdit } from '../../types';
import { gitignoreStatus, relativeTo } from '../sec/shared';
import { DepContext } from './shared';

/** Where the value goes: the Secret's name and file, and the edit that adds the key (none when it already holds this value). */
interface Target {
  name: string;
  file: string;
  edit?: TextEdit | FileEdit;
}

export function moveToSecretFix(ctx: DepContext, service: Service, v: EnvValue): Fix | undefined {
  if (v.value === undefined) return undefined;
  const place = locate(ctx.file, v);
  if (place?.syntax !== 'envItem' || !place.value?.keySpan || !place.value.valueSpan) return undefined;
  if ((place.item.node as { flow?: boolean } | null)?.flow) return undefined;
  const target = existingSecret(ctx, service, v) ?? newSecret(ctx, service, v);
  if (!target) return undefined;
  const rel = relativeTo(ctx, target.file);
  const outOfGit = gitignoreStatus(ctx, target.file).ignored ? '' : ' or keep it out of version control';
  const note = `${rel} holds the value (a Secret is only base64-encoded): seal it (Sealed Secrets, SOPS, an external secrets operator)${outOfGit} before committing.`;
  return ctx.suggest(
    `Move ${v.name} to Secret ${target.name} (${rel})`,
    [toSecretKeyRef(ctx.file, place.value, target.name, v.name), ...(target.edit ? [target.edit] : [])],
    { note },
  );
}

/** `value: …` rewritten as `valueFrom.secretKeyRef` at the same indentation. */
function toSecretKeyRef(file: SourceFile, value: YamlRef, secret: string, key: string): TextEdit {
  const li = file.lines;
  const pad = ' '.repeat(li.position(value.keySpan!.start).character);
  const eol = li.eol;
  const text = [`valueFrom:`, `${pad}  secretKeyRef:`, `${pad}    name: ${secret}`, `${pad}    key: ${key}`].join(eol);
  return { start: value.keySpan!.start, end: value.valueSpan!.end, newText: text };
}

/** A Secret of the workspace the service already loads from (secretKeyRef or envFrom), this file's first. */
function existingSecret(ctx: DepContext, service: Service, v: EnvValue): Target | undefined {
  const named = service.sources.filter((s) => s.name.startsWith('Secret/') && s.resolved);
  const ordered = [...named.filter((s) => s.resolved === ctx.file.path), ...named.filter((s) => s.resolved !== ctx.file.path)];
  for (const s of ordered) {
    // the values file is no place for a Secret: only manifests count
    const file = s.resolved === ctx.file.path ? ctx.file : ctx.workspace.file(s.resolved!);
    const obj = file && k8sObjects(file).find((o) => o.kind === 'Secret' && `Secret/${o.name}` === s.name);
    if (!file || !obj) continue;
    const held = objectEntries(obj).find((e) => e.key === v.name);
    if (held) return held.value === v.value ? { name: obj.name, file: file.path } : undefined;
    const edit = addKey(file, obj, v.name, v.value!);
    if (!edit) return undefined;
    return {
      name: obj.name,
      file: file.path,
      edit: file === ctx.file ? edit : { path: file.path, edits: [edit] },
    };
  }
  return undefined;
}

/** The key added under `stringData` (or base64 under `data`, when the Secret has only that). */
function addKey(file: SourceFile, obj: K8sObject, key: string, value: string): TextEdit | undefined {
  const onlyData = !!obj.doc.get(['data']) && !obj.doc.get(['stringData']);
  const line = onlyData ? `${key}: ${Buffer.from(value).toString('base64')}` : `${key}: ${doubleQuoted(value)}`;
  return insertUnder(file, [onlyData ? 'data' : 'stringData'], [line], obj.doc.index);
}

/** A new Secret manifest beside this file, named after the workload (not when a file of that name exists). */
function newSecret(ctx: DepContext, service: Service, v: EnvValue): Target | undefined {
  const workload = service.kind === 'kubernetes' ? service.name.split('/')[1] : 'themisdb';
  const name = `${(workload || 'themisdb').toLowerCase()}-secrets`;
  const file = path.join(path.dirname(ctx.file.path), `${name}.yaml`);
  if (ctx.workspace.file(file)) return undefined;
  const doc = service.kind === 'kubernetes' ? ctx.file.yaml.documents().find((d) => d.index === service.docIndex) : undefined;
  const namespace = doc && str(doc.get(['metadata', 'namespace']));
  const eol = ctx.file.lines.eol;
  const text = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'type: Opaque',
    'stringData:',
    `  ${v.name}: ${doubleQuoted(v.value!)}`,
    '',
  ].join(eol);
  return { name, file, edit: { path: file, edits: [{ start: 0, end: 0, newText: text }], create: true } };
}
