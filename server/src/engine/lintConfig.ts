// The shared settings file, `.themisdb-lint.yaml` (or `.yml` / `.json`): one file that
// the language server and the CLI both read, found from a file's folder up to the
// repository root (the nearest one applies, as with ruff and eslint).
import ignore, { Ignore } from 'ignore';
import * as path from 'path';
import { Document, isMap, isNode, isPair, isScalar, parseDocument } from 'yaml';
import { CATALOG } from './rules/catalog';
import * as validators from './schema/generated/index';
import { FileKind, ProfileSetting, RuleSetting, Span } from './types';
import { Host } from './workspace/workspace';

export const LINT_CONFIG_NAMES = ['.themisdb-lint.yaml', '.themisdb-lint.yml', '.themisdb-lint.json'] as const;

/** What is wrong in a settings file, and where (offsets into `LintConfig.text`). */
export interface LintConfigProblem {
  message: string;
  span: Span;
}

export interface LintConfig {
  /** Absolute path of the settings file. */
  path: string;
  /** The text that was read ('' when it could not be read). */
  text: string;
  profile?: ProfileSetting;
  /** Rule ID → severity or off, with the key of the file that decided it. */
  rules: Map<string, { setting: RuleSetting; from: string }>;
  /** Extra globs per file kind, relative to the settings file's folder. */
  files: Partial<Record<FileKind, string[]>>;
  exclude: string[];
  /** Absolute path of the baseline file, when one is named. */
  baseline?: string;
  /** What is wrong with the file: callers apply a file with problems nowhere. */
  problems: LintConfigProblem[];
}

/**
 * The nearest settings file from `dir` up to the repository root (a folder with `.git`) or the
 * file-system root. `known` holds the answers of folders already asked (theirs and their
 * parents'): the folders of one repository share the walk above them.
 */
export function findLintConfig(host: Host, dir: string, known = new Map<string, string | undefined>()): string | undefined {
  const d = path.resolve(dir);
  if (known.has(d)) return known.get(d);
  const names = host.readDir(d) ?? [];
  const own = LINT_CONFIG_NAMES.find((n) => names.includes(n));
  const top = names.includes('.git') || path.dirname(d) === d;
  const found = own ? path.join(d, own) : top ? undefined : findLintConfig(host, path.dirname(d), known);
  known.set(d, found);
  return found;
}

/** Reads and checks a settings file; a file that cannot be read or parsed gives a config with problems only. */
export function loadLintConfig(host: Host, file: string): LintConfig {
  const text = host.readFile(file);
  const config: LintConfig = { path: file, text: text ?? '', rules: new Map(), files: {}, exclude: [], problems: [] };
  if (text === undefined) {
    config.problems.push({ message: 'The settings file cannot be read.', span: { start: 0, end: 0 } });
    return config;
  }
  const doc = parseDocument(text.replace(/^\uFEFF/, ' '));
  let data: unknown;
  if (file.endsWith('.json')) {
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      config.problems.push(jsonParseProblem(err as Error, doc));
      return config;
    }
  } else if (doc.errors.length) {
    const e = doc.errors[0];
    config.problems.push({
      message: `Not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}.`,
      span: { start: e.pos[0], end: e.pos[1] },
    });
    return config;
  } else data = doc.toJS();
  data ??= {};
  const at = spanFinder(doc);
  /** Keys the schema already reports, so they are not reported twice. */
  const flagged = new Set<string>();
  if (!validators.lint(data)) {
    for (const e of validators.lint.errors ?? []) {
      // a bad key is reported once, by the check on the name itself
      if (e.keyword === 'propertyNames') continue;
      const segments = e.instancePath.split('/').slice(1).map(unescapePointer);
      const key =
        (e.params as { additionalProperty?: string }).additionalProperty ?? (e as { propertyName?: string }).propertyName;
      const where = key === undefined ? segments : [...segments, key];
      const name = where.join('.');
      flagged.add(name);
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
      const what =
        key === undefined
          ? name
            ? `${name} ${e.message}`
            : 'The file must be a mapping of settings (profile, rules, files, exclude, baseline).'
          : e.keyword === 'additionalProperties'
            ? `${name} is not a setting.`
            : `${name} is not a rule ID (TLS002), rule name (tls-min-version) or ID pattern (ENV0*).`;
      config.problems.push({ message: allowed ? `${what}: ${allowed.join(', ')}.` : what, span: at(where, key !== undefined) });
    }
    if (typeof data !== 'object' || Array.isArray(data)) return config;
  }
  const d = data as { profile?: unknown; rules?: unknown; files?: unknown; exclude?: unknown; baseline?: unknown };
  if (d.profile === 'auto' || d.profile === 'production' || d.profile === 'development') config.profile = d.profile;
  if (d.rules && typeof d.rules === 'object') resolveRules(d.rules as Record<string, unknown>, config, at, flagged);
  if (d.files && typeof d.files === 'object') {
    for (const kind of ['config', 'mig', 'env'] as const) {
      const globs = (d.files as Record<string, unknown>)[kind];
      if (Array.isArray(globs)) config.files[kind] = globs.filter((g): g is string => typeof g === 'string');
    }
  }
  if (Array.isArray(d.exclude)) config.exclude = d.exclude.filter((g): g is string => typeof g === 'string');
  if (typeof d.baseline === 'string' && d.baseline) config.baseline = path.resolve(path.dirname(file), d.baseline);
  return config;
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** JSON.parse's complaint without the text it quotes (a settings file may sit next to secrets). */
function jsonParseProblem(err: Error, doc: Document): LintConfigProblem {
  const position = /at position (\d+)/.exec(err.message)?.[1];
  const reason = err.message
    .replace(/,\s*(?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .trim();
  const start = position !== undefined ? Number(position) : (doc.errors[0]?.pos[0] ?? 0);
  return { message: `Not valid JSON: ${reason || 'it does not parse'}`, span: { start, end: start + 1 } };
}

/** The span of the value (or key) at a path of the parsed file; the whole file when the path is not there. */
function spanFinder(doc: Document): (segments: readonly string[], key?: boolean) => Span {
  return (segments, key = false) => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const s of segments) {
      if (!isMap(node)) break;
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === s);
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    }
    const target = key ? keyNode : (node ?? keyNode);
    const range = isNode(target) ? target.range : undefined;
    return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
  };
}

const SETTINGS = new Set(['off', 'hint', 'info', 'warning', 'error']);

/** Patterns (`ENV0*`) first, in file order; then exact IDs and names, which win. */
function resolveRules(
  rules: Record<string, unknown>,
  config: LintConfig,
  at: (segments: readonly string[], key: boolean) => Span,
  flagged: ReadonlySet<string>,
): void {
  const entries = Object.entries(rules).filter(([, value]) => typeof value === 'string' && SETTINGS.has(value)) as [
    string,
    RuleSetting,
  ][];
  for (const [key, setting] of entries) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1).toUpperCase();
    const ids = [...CATALOG.keys()].filter((id) => id.startsWith(prefix));
    if (ids.length === 0) config.problems.push({ message: `rules.${key} matches no rule.`, span: at(['rules', key], true) });
    for (const id of ids) config.rules.set(id, { setting, from: key });
  }
  for (const [key, setting] of entries) {
    if (key.endsWith('*')) continue;
    const meta = CATALOG.get(key.toUpperCase()) ?? [...CATALOG.values()].find((m) => m.name === key);
    if (meta) config.rules.set(meta.id, { setting, from: key });
    else if (!flagged.has(`rules.${key}`))
      config.problems.push({ message: `rules.${key} is not a ThemisDB rule ID or name.`, span: at(['rules', key], true) });
  }
}

/** Severity settings for the engine (`AnalyzeOptions.rules`). */
export function ruleSettingsOf(config: LintConfig | undefined): Record<string, RuleSetting> {
  return Object.fromEntries([...(config?.rules ?? [])].map(([id, r]) => [id, r.setting]));
}

/** Each folder's settings file found once, each file read once, until `clear()`. */
export class LintConfigFinder {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LintConfig>();

  constructor(private readonly host: Host) {}

  /** The settings file that applies to a file: `override` when given, else the nearest one. */
  forFile(file: string, override?: string): LintConfig | undefined {
    const found = override ?? this.nearest(path.dirname(path.resolve(file)));
    return found === undefined ? undefined : this.load(found);
  }

  load(configPath: string): LintConfig {
    let c = this.loaded.get(configPath);
    if (!c) this.loaded.set(configPath, (c = loadLintConfig(this.host, configPath)));
    return c;
  }

  private nearest(dir: string): string | undefined {
    return findLintConfig(this.host, dir, this.byDir);
  }

  clear(): void {
    this.byDir.clear();
    this.loaded.clear();
  }
}

const matchers = new WeakMap<LintConfig, { exclude: Ignore; files: [FileKind, Ignore][] }>();

function matcherOf(config: LintConfig): { exclude: Ignore; files: [FileKind, Ignore][] } {
  let m = matchers.get(config);
  if (!m) {
    m = {
      exclude: ignore({ ignorecase: false }).add(config.exclude),
      files: Object.entries(config.files).map(([kind, globs]) => [
        kind as FileKind,
        ignore({ ignorecase: false }).add(globs ?? []),
      ]),
    };
    matchers.set(config, m);
  }
  return m;
}

/** The file's path relative to the settings file's folder, or undefined when it lies outside it. */
function relativeTo(config: LintConfig, file: string): string | undefined {
  const rel = path.relative(path.dirname(config.path), path.resolve(file)).split(path.sep).join('/');
  return rel === '' || rel.startsWith('../') || path.isAbsolute(rel) ? undefined : rel;
}

/** Whether `exclude` leaves this file (or folder) out. */
export function isExcluded(config: LintConfig | undefined, file: string): boolean {
  if (!config || config.exclude.length === 0) return false;
  const rel = relativeTo(config, file);
  return rel !== undefined && matcherOf(config).exclude.ignores(rel);
}

/** The kind the settings' `files` globs give this file, if any. */
export function kindFromLintConfig(config: LintConfig | undefined, file: string): FileKind | undefined {
  if (!config) return undefined;
  const rel = relativeTo(config, file);
  if (rel === undefined) return undefined;
  return matcherOf(config).files.find(([, m]) => m.ignores(rel))?.[0];
}
