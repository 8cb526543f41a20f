// Helm values files: one release per file. Only the values are read; the chart's
// templates are not rendered, so the env shapes a ThemisDB chart uses are recognised
// where they are written: a list of {name, value | valueFrom} (the corpus example) or
// a map of NAME: value, under `env`, `extraEnv`, `extraEnvVars`, `envVars` or `environment`.
import * as path from 'path';
import { asBool, isMapRef, isSeqRef, YamlRef } from '../documents/yamlModel';
import { SourceFile } from '../sourceFile';
import { Workspace } from '../workspace/workspace';
import { EnvBuilder, ReadBudget } from './env';
import { addEnvFrom, addEnvList, embeddedConfig, K8sIndex } from './kubernetes';
import { isServerThemisVar, saysThemis } from './recognize';
import { EmbeddedConfig, EnvSource, Service } from './types';
import { entries, spanOf, str } from './yamlAccess';

const ENV_KEYS = /^(?:env|extraEnv|extraEnvVars|envVars|environment)$/;
const CONFIG_KEYS = /^(?:config|configYaml|configuration|themisConfig|config\.ya?ml|config\.json)$/;

/** The chart's name from a Chart.yaml beside the values file or one folder up. */
function chartName(ws: Workspace, valuesPath: string): string | undefined {
  const dir = path.dirname(valuesPath);
  for (const d of [dir, path.dirname(dir)]) {
    const chart = ws.file(path.join(d, 'Chart.yaml'));
    const name = chart && str(chart.yaml.get('name'));
    if (name) return name;
  }
  return undefined;
}

/** Names an env block sets, without building anything (to decide whether it is ThemisDB's). */
function blockNames(file: SourceFile, r: YamlRef): string[] {
  const doc = file.yaml.documents()[r.docIndex] ?? file.yaml.documents()[0];
  if (isSeqRef(r))
    return doc
      .children(r.path)
      .map((i) => str(doc.get([...i.path, 'name'])))
      .filter((n): n is string => !!n);
  return isMapRef(r) ? doc.children(r.path).map((c) => c.path[c.path.length - 1]) : [];
}

/** The release a values file describes (ThemisDB's or not, `themis` says which). */
export function helmServices(ws: Workspace, file: SourceFile, index: K8sIndex, budget?: ReadBudget): Service[] {
  const doc = file.yaml.documents()[0];
  if (!doc) return [];
  const chart = chartName(ws, file.path);
  const themisChart = saysThemis(chart);
  // env blocks of ThemisDB: under a themis-named key, setting THEMIS_* variables, or at the top of a ThemisDB chart
  const blocks = doc
    .named(ENV_KEYS)
    .filter((r) => isSeqRef(r) || isMapRef(r))
    .filter(
      (r) =>
        r.path.slice(0, -1).some(saysThemis) ||
        blockNames(file, r).some(isServerThemisVar) ||
        (themisChart && r.path.length === 1),
    );
  const b = new EnvBuilder(budget);
  const sources: EnvSource[] = [];
  for (const r of blocks) {
    const parent = r.path.slice(0, -1);
    addEnvFrom(b, doc, [...parent, 'envFrom'], file.path, index, undefined, sources);
    if (isSeqRef(r)) addEnvList(b, doc, r.path, file.path, index, undefined, sources, 'helm-env');
    else {
      for (const e of entries(doc, r.path)) {
        const value = str(e) ?? str(doc.get([...e.path, 'value']));
        b.set({
          name: e.path[e.path.length - 1],
          value: value ?? '',
          file: file.path,
          span: spanOf(e),
          keySpan: e.keySpan,
          origin: 'helm-env',
        });
      }
    }
  }

  const imageRef = [doc.get(['image']), ...doc.named('image').filter((r) => r.path.slice(0, -1).some(saysThemis))].find(Boolean);
  const repo = imageRef && (str(imageRef) ?? str(doc.get([...imageRef.path, 'repository'])));
  const tag = imageRef && str(doc.get([...imageRef.path, 'tag']));
  const image = repo ? (tag ? `${repo}:${tag}` : repo) : undefined;
  const themisVar = [...b.env.keys()].find(isServerThemisVar);
  const themisReason = saysThemis(image)
    ? `image ${image}`
    : themisChart
      ? `chart ${chart}`
      : themisVar
        ? `it sets ${themisVar}`
        : undefined;

  const configs: EmbeddedConfig[] = doc
    .named(CONFIG_KEYS)
    .map((r) => embeddedConfig(file, r, `values ${r.path.join('.')}`))
    .filter((c): c is EmbeddedConfig => !!c);

  const replicas = Number(str(doc.get(['replicaCount'])) ?? NaN);
  const maxReplicas = Number(str(doc.get(['autoscaling', 'maxReplicas'])) ?? NaN);
  const autoscaling = asBool(doc.get(['autoscaling', 'enabled'])?.value) === true && maxReplicas > 1;
  const instances =
    replicas > 1
      ? { count: replicas, reason: `replicaCount: ${replicas}` }
      : autoscaling
        ? { count: maxReplicas, reason: `autoscaling up to ${maxReplicas}` }
        : undefined;

  const anchor = blocks[0] ?? doc.firstRoot;
  return [
    {
      kind: 'helm',
      name: chart ? `${chart} (${path.basename(file.path)})` : path.basename(file.path),
      file: file.path,
      span: anchor?.keySpan ?? { start: 0, end: 0 },
      files: [file.path],
      docIndex: doc.index,
      yamlPath: blocks[0]?.path.slice(0, -1),
      image,
      themis: !!themisReason,
      themisReason,
      env: b.env,
      sources,
      configs,
      configFiles: [],
      instances,
      notes: ['Helm templates are not rendered: only the values file is read'],
      unread: b.unread || undefined,
    },
  ];
}
