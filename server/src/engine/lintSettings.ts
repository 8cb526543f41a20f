// The settings that apply to one file, in layers: the defaults, then the settings file
// found for it (or named with --config / themisdb.configFile), then the caller's own
// settings (CLI flags, editor settings), which win. Each value says where it came from.
// In an untrusted workspace the settings file can only make the linter stricter.
import { isExcluded, kindFromLintConfig, LintConfig } from './lintConfig';
import { CATALOG } from './rules/catalog';
import { FileKind, ProfileSetting, RuleSetting, Severity, SEVERITY_ORDER } from './types';

/** Where a value came from: the defaults, a key of a settings file, or a setting of the caller (`--rule`, `themisdb.rules`). */
export type Origin = { source: 'default' } | { source: 'file'; path: string; key: string } | { source: 'caller'; name: string };

export interface CallerSettings {
  /** Undefined when not set (the editor's default, `auto`, counts as not set). */
  profile?: ProfileSetting;
  /** Per rule ID. */
  rules: Record<string, RuleSetting>;
  /** How the caller's settings are called where origins are shown. */
  names: { profile: string; rules: string };
}

export interface FileSettings {
  /** The settings file applied; undefined when there is none. */
  config?: LintConfig;
  profile: { value: ProfileSetting; origin: Origin };
  /** For `AnalyzeOptions.rules`: every rule not at its default. */
  rules: Record<string, RuleSetting>;
  ruleOrigins: Map<string, Origin>;
  /** The kind the settings file's `files` globs give the file. */
  kind?: FileKind;
  /** The settings file's `exclude` leaves the file out. */
  excluded: boolean;
  /** The baseline the settings file names. */
  baseline?: string;
  /** Untrusted workspace: the settings file's entries that were not applied (`profile`, `rules.SCH006`, `exclude`, ...). */
  ignored: string[];
}

/** `config` must have no problems (a file with problems applies nowhere). */
export function settingsForFile(
  file: string,
  config: LintConfig | undefined,
  caller: CallerSettings,
  trusted: boolean,
): FileSettings {
  const ignored: string[] = [];
  const fileOrigin = (key: string): Origin => ({ source: 'file', path: config!.path, key });
  let profile: FileSettings['profile'] = { value: 'auto', origin: { source: 'default' } };
  if (config?.profile) {
    if (!trusted && config.profile === 'development') ignored.push('profile');
    else profile = { value: config.profile, origin: fileOrigin('profile') };
  }
  if (caller.profile) profile = { value: caller.profile, origin: { source: 'caller', name: caller.names.profile } };

  const rules: Record<string, RuleSetting> = {};
  const ruleOrigins = new Map<string, Origin>();
  for (const [id, r] of config?.rules ?? []) {
    if (!trusted && !raises(id, r.setting)) {
      if (!ignored.includes(`rules.${r.from}`)) ignored.push(`rules.${r.from}`);
      continue;
    }
    rules[id] = r.setting;
    ruleOrigins.set(id, fileOrigin(`rules.${r.from}`));
  }
  for (const [id, setting] of Object.entries(caller.rules)) {
    rules[id] = setting;
    ruleOrigins.set(id, { source: 'caller', name: caller.names.rules });
  }

  // exclude and baseline hide findings: an untrusted settings file does not get to
  const excludes = !!config && config.exclude.length > 0;
  if (!trusted && excludes) ignored.push('exclude');
  if (!trusted && config?.baseline) ignored.push('baseline');
  return {
    config,
    profile,
    rules,
    ruleOrigins,
    kind: kindFromLintConfig(config, file),
    excluded: trusted && isExcluded(config, file),
    baseline: trusted ? config?.baseline : undefined,
    ignored,
  };
}

/** The strongest severity a rule reports under the production profile. */
export function strongestSeverity(id: string): Severity {
  const s = CATALOG.get(id)?.severity ?? 'error';
  const all: readonly Severity[] = typeof s === 'string' ? [s] : s;
  return all.reduce((a, b) => (SEVERITY_ORDER[b] > SEVERITY_ORDER[a] ? b : a));
}

/** Whether a setting leaves every finding of the rule at least as severe as the rule makes it. */
function raises(id: string, setting: RuleSetting): boolean {
  return setting !== 'off' && SEVERITY_ORDER[setting] >= SEVERITY_ORDER[strongestSeverity(id)];
}
