// DEP001 secret-in-manifest: a secret variable given a literal value in a deployment file
// (compose `environment:`, Kubernetes `env[].value` or a ConfigMap, Helm values, systemd `Environment=`).
import { objectEntries, k8sObjects } from '../../deploy/kubernetes';
import { EnvSource, EnvValue, Service } from '../../deploy/types';
import { isSecretVar } from '../../envCatalog';
import { isEnvTemplate } from '../../fileKinds';
import { appendEnvEntry, setEnvValue } from '../../fixes/envEdits';
import { isTemplated } from '../../secrets';
import { SourceFile } from '../../sourceFile';
import { FileEdit, Span, TextEdit } from '../../types';
import { defineRule } from '../rule';
import { gitignoreStatus, relativeTo } from '../sec/shared';
import { moveToSecretFix } from './moveToSecret';
import { DepContext, servicesHere } from './shared';

const WHERE: Partial<Record<EnvValue['origin'], string>> = {
  'compose-environment': 'the compose environment',
  'k8s-env': "the container's env",
  'helm-env': 'the Helm values',
  'systemd-environment': 'an Environment= line',
};

const HOW: Record<Service['kind'], string> = {
  compose: "Move it to the service's env_file (kept out of version control) or a Docker secret.",
  kubernetes: 'Keep it in a Secret and read it with valueFrom.secretKeyRef.',
  helm: 'Keep it in a Secret the chart reads through secretKeyRef (created outside the values file).',
  systemd: 'Move it to the EnvironmentFile of the unit (readable by root only).',
};

export default defineRule({
  meta: {
    id: 'DEP001',
    name: 'secret-in-manifest',
    kinds: ['deploy'],
    severity: 'error',
    productionOnly: false,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      literal: (d: { name: string; where: string; how: string }) =>
        `${d.name} holds a secret in plain text in ${d.where}. Everyone who can read this file or its history can read it. ${d.how}`,
      configMap: (d: { name: string; configMap: string }) =>
        `${d.name} is a secret, but ConfigMap ${d.configMap} holds it in plain text. ConfigMaps are not secret: anyone who can read the namespace's configuration sees them. Keep it in a Secret and load it with secretRef or secretKeyRef.`,
    },
  },
  check(ctx) {
    for (const service of servicesHere(ctx)) {
      for (const v of service.env.values()) {
        const where = WHERE[v.origin];
        if (!where || v.file !== ctx.file.path || !literalSecret(v)) continue;
        ctx.report({
          messageId: 'literal',
          data: { name: v.name, where, how: HOW[service.kind] },
          span: v.span,
          fixes: [moveFix(ctx, service, v)],
        });
      }
    }
    for (const obj of k8sObjects(ctx.file)) {
      if (obj.kind !== 'ConfigMap') continue;
      for (const e of objectEntries(obj)) {
        if (!isSecretVar(e.key) || e.value === undefined || isTemplated(e.value)) continue;
        ctx.report({ messageId: 'configMap', data: { name: e.key, configMap: obj.name }, span: e.span });
      }
    }
  },
});

/** A secret variable with a value written here (not `${VAR}` from the project's .env, not a Secret's). */
function literalSecret(v: EnvValue): boolean {
  if (!v.secret || v.fromSecretObject || v.interpolated?.length) return false;
  return v.value !== undefined && !isTemplated(v.value);
}

/**
 * "Move it", one workspace edit. Kubernetes and Helm: into a Secret (moveToSecret.ts).
 * Compose and systemd: the line goes, and the value into the env file the service already
 * loads (env_file, EnvironmentFile; not a template, which is committed); only for a line
 * that holds nothing but this variable.
 */
function moveFix(ctx: DepContext, service: Service, v: EnvValue) {
  if (service.kind === 'kubernetes' || service.kind === 'helm') return moveToSecretFix(ctx, service, v);
  const kind = service.kind === 'compose' ? 'env_file' : service.kind === 'systemd' ? 'EnvironmentFile' : undefined;
  if (!kind || v.value === undefined) return undefined;
  const target = loadedEnvFile(ctx, service.sources, kind);
  const removal = target && lineOnlyFor(ctx.file, v);
  if (!target || !removal) return undefined;
  const own = target.env.get(v.name);
  const edit: TextEdit | undefined = own ? setEnvValue(own, v.value) : appendEnvEntry(target.text, v.name, v.value);
  if (!edit) return undefined;
  const change: FileEdit = { path: target.path, edits: [edit] };
  const rel = relativeTo(ctx, target.path);
  const ignored = gitignoreStatus(ctx, target.path).ignored;
  return ctx.suggest(`Move ${v.name} to ${rel}`, [removal, change], {
    ...(ignored ? {} : { note: `${rel} is not excluded by .gitignore: add it there before committing.` }),
  });
}

/** The last env file of that kind the service loads that the workspace holds (it wins over earlier ones). */
function loadedEnvFile(ctx: DepContext, sources: EnvSource[], kind: EnvSource['kind']): SourceFile | undefined {
  const found = sources.filter((s) => s.kind === kind && s.resolved && !s.assumed && !isEnvTemplate(s.resolved));
  const last = found[found.length - 1];
  return last?.resolved ? ctx.workspace.file(last.resolved) : undefined;
}

/** The edit that deletes the line that sets `v`, when the line sets nothing else. */
function lineOnlyFor(file: SourceFile, v: EnvValue): TextEdit | undefined {
  const li = file.lines;
  const start: Span = v.keySpan ?? v.span;
  const line = li.position(start.start).line;
  if (li.position(v.span.end).line !== line) return undefined;
  const text = li.lineText(line).trim();
  const name = v.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alone = [
    new RegExp(`^-\\s*["']?${name}=`), // compose list item
    new RegExp(`^["']?${name}["']?\\s*:`), // compose map entry
    new RegExp(`^Environment=["']?${name}=[^\\s"']*["']?$`), // one systemd assignment
  ];
  if (!alone.some((re) => re.test(text)) || /["']\s+\S/.test(text.replace(/^Environment=/, ''))) return undefined;
  const end = line + 1 < li.lineCount ? li.lineStart(line + 1) : file.text.length;
  return { start: li.lineStart(line), end, newText: '' };
}
