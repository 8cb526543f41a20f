// Compose services and their environment. Precedence (docs.docker.com "Environment
// variables precedence"): `environment:` over `env_file:` (later files over earlier), and
// `${VAR}` in the compose file interpolated from the project's `.env` (the compose
// file's folder). The `.env` only feeds interpolation; a variable of the shell is unknown here.
import * as path from 'path';
import { DocView, isMapRef, YamlRef } from '../documents/yamlModel';
import { SourceFile } from '../sourceFile';
import { Workspace } from '../workspace/workspace';
import { Span } from '../types';
import { addEnvFile, EnvBuilder, lastReadings, NewValue, ReadBudget } from './env';
import { isServerThemisVar, saysThemis } from './recognize';
import { EnvSource, Service, SourceRef } from './types';
import { entries, innerSpan, items, spanOf, str } from './yamlAccess';

interface Lookup {
  value: string;
  ref: SourceRef;
}

interface Interpolated {
  /** undefined: a variable only the shell could provide. */
  text: string | undefined;
  refs: { name: string; ref?: SourceRef }[];
}

/** Compose interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+a}`, `${VAR+a}`. */
export function interpolate(raw: string, lookup: (name: string) => Lookup | undefined): Interpolated {
  const refs: Interpolated['refs'] = [];
  let unknown = false;
  const run = (s: string, depth: number): string => {
    let out = '';
    for (let i = 0; i < s.length;) {
      const c = s[i];
      if (c !== '$') {
        out += c;
        i++;
        continue;
      }
      if (s[i + 1] === '$') {
        out += '$';
        i += 2;
        continue;
      }
      if (s[i + 1] === '{') {
        let j = i + 2;
        for (let level = 1; j < s.length; j++) {
          if (s[j] === '{') level++;
          else if (s[j] === '}' && --level === 0) break;
        }
        const body = s.slice(i + 2, j);
        i = j + 1;
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?$/s.exec(body);
        if (!m) {
          out += `\${${body}}`;
          continue;
        }
        const [, name, op, arg = ''] = m;
        const l = lookup(name);
        refs.push({ name, ref: l?.ref });
        const set = !!l && (op?.startsWith(':') ? l.value !== '' : true);
        if (!op) {
          if (l) out += l.value;
          else unknown = true;
        } else if (op.endsWith('-')) out += set ? l!.value : depth < 8 ? run(arg, depth + 1) : '';
        else if (op.endsWith('?')) {
          if (set) out += l!.value;
          else unknown = true;
        } else out += set && depth < 8 ? run(arg, depth + 1) : '';
        continue;
      }
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
      if (!m) {
        out += c;
        i++;
        continue;
      }
      const l = lookup(m[0]);
      refs.push({ name: m[0], ref: l?.ref });
      if (l) out += l.value;
      else unknown = true;
      i += 1 + m[0].length;
    }
    return out;
  };
  const text = run(raw, 0);
  return { text: unknown ? undefined : text, refs };
}

/** The project's `.env` as an interpolation lookup (values expanded from earlier entries). */
function dotenvLookup(ws: Workspace, composePath: string): (name: string) => Lookup | undefined {
  const envPath = path.join(path.dirname(composePath), '.env');
  const f = ws.file(envPath);
  if (!f) return () => undefined;
  const values = new Map<string, Lookup>();
  for (const e of f.env.entries) {
    const value = e.quote === "'" ? e.value : (interpolate(e.value, (n) => values.get(n)).text ?? e.value);
    values.set(e.key, { value, ref: { file: envPath, span: e.valueSpan } });
  }
  return (name) => values.get(name);
}

const CONFIG_NAMES = ['config.yaml', 'config.yml', 'config.json', 'core/config.yaml'];

/** ThemisDB config files of the workspace a service bind-mounts (`./config:/etc/themis:ro`). */
function mountedConfigs(
  ws: Workspace,
  doc: DocView,
  svcPath: string[],
  dir: string,
  interp: (s: string) => string | undefined,
): string[] {
  const out: string[] = [];
  for (const v of items(doc, [...svcPath, 'volumes'])) {
    let source: string | undefined;
    let target: string | undefined;
    const short = str(v);
    if (short !== undefined) [source, target] = short.split(':');
    else {
      source = str(doc.get([...v.path, 'source']));
      target = str(doc.get([...v.path, 'target']));
    }
    source = source && interp(source);
    if (!source || !target || !/^[.~/]/.test(source) || !/config|themis|\.(?:ya?ml|json)$/i.test(target)) continue;
    const abs = path.resolve(dir, source);
    const candidates = /\.(?:ya?ml|json)$/i.test(abs) ? [abs] : CONFIG_NAMES.map((n) => path.join(abs, n));
    for (const c of candidates) if (ws.file(c)) out.push(c);
  }
  return out;
}

/** What one compose file says about one service; an override file adds a second part. */
interface Part {
  file: SourceFile;
  svc: YamlRef;
  envFiles: { file: SourceFile; via: SourceRef }[];
  environment: NewValue[];
  sources: EnvSource[];
  image?: string;
  command: string;
  named: string[];
  replicas?: number;
  configFiles: string[];
}

function readPart(ws: Workspace, file: SourceFile, doc: DocView, svc: YamlRef, lookup: (n: string) => Lookup | undefined): Part {
  const p = svc.path;
  const dir = path.dirname(file.path);
  const interp = (s: string) => interpolate(s, lookup);
  const at = (r: YamlRef): SourceRef => ({ file: file.path, span: spanOf(r) });
  const part: Part = { file, svc, envFiles: [], environment: [], sources: [], command: '', named: [], configFiles: [] };

  // env_file: a path, a list of paths, or a list of {path, required}
  const envFiles = doc.get([...p, 'env_file']);
  for (const r of str(envFiles) !== undefined ? [envFiles!] : items(doc, [...p, 'env_file'])) {
    const written = str(r) ?? str(doc.get([...r.path, 'path']));
    if (written === undefined) continue;
    const required = str(doc.get([...r.path, 'required'])) !== 'false';
    const f = ws.file(path.resolve(dir, interp(written).text ?? written));
    part.sources.push({
      kind: 'env_file',
      name: written,
      ref: at(r),
      resolved: f?.path,
      optional: !required,
      resolvedBy: f ? 'path' : undefined,
    });
    if (f) part.envFiles.push({ file: f, via: at(r) });
  }

  // environment: a map (KEY: value) or a list (- KEY=value / - KEY)
  const add = (key: string, raw: string | undefined, keySpan: Span, span: Span) => {
    const base = { name: key, file: file.path, span, keySpan, origin: 'compose-environment' as const };
    if (raw === undefined) {
      // no value: compose takes it from the shell or the .env
      const l = lookup(key);
      const note = l ? undefined : 'taken from the shell at deploy time';
      part.environment.push({ ...base, value: l?.value, interpolated: [{ name: key, ref: l?.ref }], note });
      return;
    }
    const r = interp(raw);
    const unknown = r.refs.find((x) => !x.ref)?.name;
    const note =
      r.text === undefined ? `\${${unknown}} is not in the project's .env: it comes from the shell at deploy time` : undefined;
    part.environment.push({ ...base, value: r.text, interpolated: r.refs.length ? r.refs : undefined, note });
  };
  if (isMapRef(doc.get([...p, 'environment']))) {
    for (const e of entries(doc, [...p, 'environment'])) add(e.path[e.path.length - 1], str(e), e.keySpan!, spanOf(e));
  } else {
    for (const item of items(doc, [...p, 'environment'])) {
      const s = str(item);
      if (s === undefined || !item.valueSpan) continue;
      const inner = innerSpan(file.text, item.valueSpan);
      const eq = s.indexOf('=');
      const key = (eq < 0 ? s : s.slice(0, eq)).trim();
      if (!key) continue;
      // offsets inside the scalar are exact when it is written as it reads (no escapes)
      const exact = file.text.slice(inner.start, inner.end) === s;
      const keySpan = exact ? { start: inner.start, end: inner.start + key.length } : inner;
      const span = exact && eq >= 0 ? { start: inner.start + eq + 1, end: inner.end } : inner;
      add(key, eq < 0 ? undefined : s.slice(eq + 1), keySpan, span);
    }
  }

  const image = str(doc.get([...p, 'image']));
  part.image = image && (interp(image).text ?? image);
  part.command = [str(doc.get([...p, 'command'])), str(doc.get([...p, 'entrypoint']))]
    .concat(items(doc, [...p, 'command']).map(str), items(doc, [...p, 'entrypoint']).map(str))
    .filter(Boolean)
    .join(' ');
  part.named = [
    p[1],
    str(doc.get([...p, 'container_name'])),
    str(doc.get([...p, 'build'])) ?? str(doc.get([...p, 'build', 'context'])),
  ].filter((x): x is string => !!x);
  const replicasText = str(doc.get([...p, 'deploy', 'replicas'])) ?? str(doc.get([...p, 'scale']));
  if (replicasText !== undefined && /^\d+$/.test(replicasText)) part.replicas = Number(replicasText);
  part.configFiles = mountedConfigs(ws, doc, p, dir, (x) => interp(x).text);
  return part;
}

/**
 * The services of a compose file, ThemisDB's or not (`themis` says which). `overrides`
 * (docker-compose.override.yml) merge over it as compose does: env_file lists append,
 * environment entries of the override win, scalars such as image are replaced.
 */
export function composeServices(ws: Workspace, file: SourceFile, overrides: SourceFile[] = [], budget?: ReadBudget): Service[] {
  const lookup = dotenvLookup(ws, file.path);
  const parts = new Map<string, Part[]>();
  for (const f of [file, ...overrides]) {
    const doc = f.yaml.documents()[0];
    if (!doc) continue;
    for (const svc of entries(doc, ['services'])) {
      const list = parts.get(svc.path[1]) ?? [];
      list.push(readPart(ws, f, doc, svc, lookup));
      parts.set(svc.path[1], list);
    }
  }
  const out: Service[] = [];
  for (const [name, list] of parts) {
    const b = new EnvBuilder(budget);
    // env_file values first, then environment: environment wins over any env_file
    for (const { file: f, via } of lastReadings(
      list.flatMap((p) => p.envFiles),
      (e) => e.file,
    )) {
      const expand = (raw: string, own: Map<string, string>) =>
        interpolate(raw, (n) => (own.has(n) ? { value: own.get(n)!, ref: via } : lookup(n))).text;
      addEnvFile(b, f, 'compose-env-file', via, expand);
    }
    for (const part of list) for (const v of part.environment) b.set(v);
    const last = <T>(pick: (p: Part) => T | undefined) =>
      list
        .map(pick)
        .filter((x) => x !== undefined)
        .pop();
    const image = last((p) => p.image);
    const command = last((p) => p.command || undefined) ?? '';
    const themisVar = [...b.env.keys()].find(isServerThemisVar);
    let themisReason: string | undefined;
    if (saysThemis(image)) themisReason = `image ${image}`;
    else if (saysThemis(command)) themisReason = 'its command';
    else if (themisVar) themisReason = `it sets ${themisVar}`;
    else if (!image && list.some((p) => p.named.some(saysThemis))) themisReason = `service ${name}`;
    const replicas = last((p) => p.replicas);
    const notes = [...b.env.values()].some((v) => v.value === undefined)
      ? ['some values come from the shell at deploy time']
      : [];
    const first = list[0];
    out.push({
      kind: 'compose',
      name,
      file: first.file.path,
      span: first.svc.keySpan!,
      files: [...new Set(list.map((p) => p.file.path))],
      docIndex: first.svc.docIndex,
      yamlPath: first.svc.path,
      image,
      themis: !!themisReason,
      themisReason,
      env: b.env,
      sources: list.flatMap((p) => p.sources),
      configs: [],
      configFiles: [...new Set(list.flatMap((p) => p.configFiles))],
      instances: replicas !== undefined && replicas > 1 ? { count: replicas, reason: `replicas: ${replicas}` } : undefined,
      notes,
      unread: b.unread || undefined,
    });
  }
  return out;
}

const OVERRIDE = /^(?:docker-)?compose\.override\.ya?ml$/i;
const BASES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** An override file that compose merges into a base file of the same folder, and that base. */
export function overrideBase(filePath: string, exists: (p: string) => boolean): string | undefined {
  if (!OVERRIDE.test(path.basename(filePath))) return undefined;
  const dir = path.dirname(filePath);
  return BASES.map((b) => path.join(dir, b)).find(exists);
}
