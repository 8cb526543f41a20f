// The shared settings file, `.themisdb-lint.yaml` (or `.yml` / `.json`): one file that
// the language server and the CLI both read, found from a file's folder up to the
// repository root (the nearest one applies, as with ruff and eslint).
import ignore, { Ignore } from 'ignore';
import * as path from 'path';
import { parse } from 'yaml';
import { CATALOG } from './rules/catalog';
import * as validators from './schema/generated/index';
import { FileKind, ProfileSetting, RuleSetting } from './types';
import { Host } from './workspace/workspace';

export const LINT_CONFIG_NAMES = ['.themisdb-lint.yaml', '.themisdb-lint.yml', '.themisdb-lint.json'] as const;

export interface LintConfig {
  /** Absolute path of the settings file. */
  path: string;
  profile?: ProfileSetting;
  /** Rule ID → severity or off, with the key of the file that decided it. */
  rules: Map<string, { setting: RuleSetting; from: string }>;
  /** Extra globs per file kind, relative to the settings file's folder. */
  files: Partial<Record<FileKind, string[]>>;
  exclude: string[];
  /** Absolute path of the baseline file, when one is named. */
  baseline?: string;
  /** What is wrong with the file (it still applies where it can). */
  problems: string[];
}

/** The nearest settings file from `dir` up to the repository root (a folder with `.git`) or the file-system root. */
export function findLintConfig(host: Host, dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const names = host.readDir(d) ?? [];
    const found = LINT_CONFIG_NAMES.find((n) => names.includes(n));
    if (found) return path.join(d, found);
    if (names.includes('.git') || path.dirname(d) === d) return undefined;
  }
}

/** Reads and checks a settings file; a file that cannot be read or parsed gives a config with problems only. */
export function loadLintConfig(host: Host, file: string): LintConfig {
  const config: LintConfig = { path: file, rules: new Map(), files: {}, exclude: [], problems: [] };
  const text = host.readFile(file);
  if (text === undefined) {
    config.problems.push(`${file} cannot be read.`);
    return config;
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parse(text);
  } catch (err) {
    config.problems.push(`${file} does not parse: ${String((err as Error).message).split('\n')[0]}`);
    return config;
  }
  data ??= {};
  if (!validators.lint(data)) {
    for (const e of validators.lint.errors ?? [])
      config.problems.push(`${file}: ${e.instancePath || '(top level)'} ${e.message}`);
    if (typeof data !== 'object' || Array.isArray(data)) return config;
  }
  const d = data as { profile?: unknown; rules?: unknown; files?: unknown; exclude?: unknown; baseline?: unknown };
  if (d.profile === 'auto' || d.profile === 'production' || d.profile === 'development') config.profile = d.profile;
  if (d.rules && typeof d.rules === 'object') resolveRules(d.rules as Record<string, unknown>, config);
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

const SETTINGS = new Set(['off', 'hint', 'info', 'warning', 'error']);

/** Patterns (`ENV0*`) first, in file order; then exact IDs and names, which win. */
function resolveRules(rules: Record<string, unknown>, config: LintConfig): void {
  const entries = Object.entries(rules).filter(([key, value]) => {
    if (typeof value === 'string' && SETTINGS.has(value)) return true;
    config.problems.push(`${config.path}: rules.${key} must be one of off, hint, info, warning, error.`);
    return false;
  }) as [string, RuleSetting][];
  for (const [key, setting] of entries) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1).toUpperCase();
    const ids = [...CATALOG.keys()].filter((id) => id.startsWith(prefix));
    if (ids.length === 0) config.problems.push(`${config.path}: rules.${key} matches no rule.`);
    for (const id of ids) config.rules.set(id, { setting, from: key });
  }
  for (const [key, setting] of entries) {
    if (key.endsWith('*')) continue;
    const meta = CATALOG.get(key.toUpperCase()) ?? [...CATALOG.values()].find((m) => m.name === key);
    if (meta) config.rules.set(meta.id, { setting, from: key });
    else config.problems.push(`${config.path}: rules.${key} is not a ThemisDB rule ID or name.`);
  }
}

/** Severity settings for the engine (`AnalyzeOptions.rules`). */
export function ruleSettingsOf(config: LintConfig | undefined): Record<string, RuleSetting> {
  return Object.fromEntries([...(config?.rules ?? [])].map(([id, r]) => [id, r.setting]));
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
