// Per-resource settings from the client (`themisdb.*`), cached until they change.
import { Connection } from 'vscode-languageserver';
import { ProfileSetting, RuleSetting } from '../engine/types';
import { SECTION } from '../protocol';

export interface Settings {
  profile: ProfileSetting;
  rules: Record<string, RuleSetting>;
  /** `themisdb.configFile`: the settings file for every document instead of the nearest (relative to the workspace folder). */
  configFile?: string;
  /** Milliseconds between the last edit and the diagnostics (`themisdb.validate.delay`). */
  delay: number;
}

export const DEFAULT_DELAY_MS = 150;
const MAX_DELAY_MS = 60_000;

export const DEFAULT_SETTINGS: Settings = { profile: 'auto', rules: {}, delay: DEFAULT_DELAY_MS };

const PROFILES = new Set(['auto', 'production', 'development']);
const RULE_VALUES = new Set(['off', 'hint', 'info', 'warning', 'error']);

export function sanitize(raw: unknown): Settings {
  const r = (raw ?? {}) as { profile?: unknown; rules?: unknown; configFile?: unknown; validate?: { delay?: unknown } };
  const rules: Record<string, RuleSetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>))
      if (typeof v === 'string' && RULE_VALUES.has(v)) rules[k.toUpperCase()] = v as RuleSetting;
  }
  const delay = r.validate?.delay;
  return {
    profile: typeof r.profile === 'string' && PROFILES.has(r.profile) ? (r.profile as ProfileSetting) : 'auto',
    rules,
    ...(typeof r.configFile === 'string' && r.configFile.trim() ? { configFile: r.configFile.trim() } : {}),
    delay: typeof delay === 'number' && delay >= 0 ? Math.min(delay, MAX_DELAY_MS) : DEFAULT_DELAY_MS,
  };
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(sanitize, () => DEFAULT_SETTINGS);
      this.cache.set(uri, s);
    }
    return s;
  }

  clear(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }
}
