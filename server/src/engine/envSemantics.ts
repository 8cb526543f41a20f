// What a .env value means to the ThemisDB server: which variables it reads, how it
// reads a value, which definition takes effect and what `${VAR}` expands to.
// Facts: reference/env_vars.tsv and the research report (section b), through the
// catalog schemas/themisdb-env.json. Values are compared the way the server
// compares them: exact, case-sensitive strings (ProductionMode::isEnabled takes
// 1/true/True/TRUE/yes/Yes/on/On; THEMIS_PII_STRICT and THEMIS_HSM_ENABLED only "1").
// Nothing here knows about rules, so the ENV rules, hover and completion can share it.
import { EnvEntry, expandVars, findVarRefs } from './documents/envModel';
import { ENV_PATTERNS, ENV_VARS, isSecretVar, VarInfo, varInfo } from './envCatalog';
import { isEnvTemplate } from './fileKinds';
import type { EnvEdits } from './fixes/envEdits';
import { SourceFile } from './sourceFile';
import { Span } from './types';
import { Workspace } from './workspace/workspace';

/**
 * The variables one ThemisDB process gets: a .env file read alone, or the effective
 * environment of a service (merged from a deployment file, its env files, Secrets…).
 */
export interface Environment {
  /** The definitions, in the order they apply; `get` gives the one that takes effect. */
  readonly entries: readonly EnvEntry[];
  get(name: string): EnvEntry | undefined;
  /** Where a missing variable is reported. */
  readonly absentSpan: Span;
  /** Whether missing variables are judged here (not in an env file that a service loads: the service is judged). */
  readonly judgesMissing: boolean;
  /** A ThemisDB service's whole environment: the server's by definition, whatever variables it sets. */
  readonly ofService?: boolean;
  /**
   * The final value of an entry when the environment already resolved it (a service's
   * merged environment; undefined: the workspace cannot tell). Without it values expand as dotenv does.
   */
  resolvedValue?(e: EnvEntry): string | undefined;
  /** How fixes change its variables (a service's: in the deployment file's syntax); by default the .env edits. */
  readonly edits?: EnvEdits;
}

/**
 * The file being analyzed, the workspace whose other .env files can define its `${VAR}`
 * references, and the environment judged (by default the file's own variables).
 */
export interface EnvScope {
  readonly file: SourceFile;
  readonly workspace: Pick<Workspace, 'lookupVar'>;
  readonly environment?: Environment;
}

const fileEnvironments = new WeakMap<SourceFile, Environment>();

/** The environment a scope judges: the service's, or the file's own .env variables. */
export function environmentOf(scope: EnvScope): Environment {
  if (scope.environment) return scope.environment;
  let env = fileEnvironments.get(scope.file);
  if (!env) {
    const model = scope.file.env;
    const first = model.entries[0];
    env = {
      entries: model.entries,
      get: (name) => model.get(name),
      absentSpan: first ? first.keySpan : { start: 0, end: 0 },
      judgesMissing: true,
    };
    fileEnvironments.set(scope.file, env);
  }
  return env;
}

// ---------------------------------------------------------------------------
// Catalog
// ---------------------------------------------------------------------------

/** Names the server reads: the only sensible rename targets. */
export const SERVER_VARIABLES: readonly string[] = [...ENV_VARS.entries()].filter(([, v]) => v.status === 'code').map(([k]) => k);

/** Every name the catalog documents, read by the server or not. */
export const DOCUMENTED_VARIABLES: readonly string[] = [...ENV_VARS.keys()];

/** A THEMIS_* name (any case) that is neither in the catalog nor covered by one of its patterns. */
export function unknownThemisName(name: string): boolean {
  return /^THEMIS_/i.test(name) && !varInfo(name) && !varInfo(name.toUpperCase()) && !ENV_PATTERNS.some((p) => p.re.test(name));
}

// ---------------------------------------------------------------------------
// Values as the server reads them
// ---------------------------------------------------------------------------

/** ProductionMode::isEnabled (include/core/production_mode.h): exact, case-sensitive. */
export const PRODUCTION_MODE_ON: ReadonlySet<string> = new Set(['1', 'true', 'True', 'TRUE', 'yes', 'Yes', 'on', 'On']);
/** The THEMIS_ENVIRONMENT values that mean production (case-sensitive). */
export const ENVIRONMENT_PRODUCTION: ReadonlySet<string> = new Set(['production', 'prod']);
/** What a person writes when they mean "on" / "off" (any case). */
const INTENT_ON = /^(?:1|y|yes|t|true|on|enable|enabled|production|prod)$/i;
const INTENT_OFF = /^(?:0|n|no|f|false|off|disable|disabled|none)$/i;

/** The WAL replication mTLS switch and the switch that requires peers' client certificates. */
export const WAL_MTLS = 'THEMIS_WAL_GRPC_ENABLE_MTLS';
export const WAL_CLIENT_CERT = 'THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT';
const CLIENT_CERT_OFF = new Set(['false', '0', 'no']);

/** The spellings of THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT that switch client certificates off. */
export function clientCertsOff(value: string | undefined): boolean {
  return value !== undefined && CLIENT_CERT_OFF.has(value);
}

/** The files WAL mTLS is served with; the CA verifies the peers' client certificates. */
export const WAL_CERT_PATH = 'THEMIS_WAL_GRPC_CERT_PATH';
export const WAL_KEY_PATH = 'THEMIS_WAL_GRPC_KEY_PATH';
export const WAL_CA_PATH = 'THEMIS_WAL_GRPC_CA_CERT_PATH';

/** The files mTLS on needs in this environment (the CA while client certificates are required): without one the WAL service does not start. */
export function walTlsFiles(scope: EnvScope): string[] {
  return clientCertsOff(valueNamed(scope, WAL_CLIENT_CERT))
    ? [WAL_CERT_PATH, WAL_KEY_PATH]
    : [WAL_CERT_PATH, WAL_KEY_PATH, WAL_CA_PATH];
}

function acceptedOn(name: string): string[] {
  return varInfo(name)?.accepted ?? [];
}

/** The value written for a flag the user clearly wants on, in a spelling the server ignores. */
export function misspelledOn(name: string, value: string | undefined): boolean {
  if (value === undefined || acceptedOn(name).includes(value)) return false;
  return INTENT_ON.test(value.trim());
}

/** A value that turns a flag on, as the server reads it (empty or unknown: no). */
export function flagOn(name: string, value: string | undefined): boolean {
  return value !== undefined && acceptedOn(name).includes(value);
}

/** A switch a person meant to turn on (any usual spelling, any case). */
export function looksOn(value: string | undefined): boolean {
  return value !== undefined && INTENT_ON.test(value.trim());
}

/** A switch a person meant to turn off (any usual spelling, any case). */
export function looksOff(value: string | undefined): boolean {
  return value !== undefined && INTENT_OFF.test(value.trim());
}

/** A variable with no value (or only blanks) is unset as far as the server's checks go. */
export function isBlank(value: string | undefined): boolean {
  return value !== undefined && value.trim() === '';
}

/** "Production", "PROD": meant production, but the server compares case-sensitively. */
export function productionSpelling(value: string): boolean {
  return !ENVIRONMENT_PRODUCTION.has(value) && ENVIRONMENT_PRODUCTION.has(value.trim().toLowerCase());
}

// ---------------------------------------------------------------------------
// Definitions and their values
// ---------------------------------------------------------------------------

/** The definition of `name` that takes effect in this file: the last one, as dotenv reads it. */
export function entryOf(scope: EnvScope, name: string): EnvEntry | undefined {
  return environmentOf(scope).get(name);
}

/** Every definition of `name` in this file, in order. */
export function entriesOf(scope: EnvScope, name: string): EnvEntry[] {
  return environmentOf(scope).entries.filter((e) => e.key === name);
}

/**
 * The value the server sees: `${VAR}` references expanded from this file or the
 * workspace's .env files (dotenv-expand); undefined when a reference is unknown.
 */
export function valueOf(scope: EnvScope, e: EnvEntry | undefined): string | undefined {
  if (!e) return undefined;
  const env = environmentOf(scope);
  if (env.resolvedValue) return env.resolvedValue(e);
  if (e.quote === "'" || !e.value.includes('$')) return e.value;
  const refs = findVarRefs(e.value);
  const lookup = (name: string): string | undefined => {
    const local = env.get(name);
    if (local && local !== e) return local.value;
    return scope.workspace.lookupVar(name, scope.file.path)?.entry.value;
  };
  if (refs.some((r) => r.fallback === undefined && lookup(r.name) === undefined)) return undefined;
  return expandVars(e.value, lookup);
}

/** The value the server sees for `name` (see `valueOf`). */
export function valueNamed(scope: EnvScope, name: string): string | undefined {
  return valueOf(scope, entryOf(scope, name));
}

/**
 * Production mode as every ENV rule tells it, so that their messages agree. ProductionMode::isEnabled
 * takes either switch; older checks (the HSM provider among them) read only THEMIS_PRODUCTION_MODE.
 */
export interface ProductionMode {
  /** On for ProductionMode::isEnabled. */
  on: boolean;
  /** On only through THEMIS_ENVIRONMENT (its value): the checks that read THEMIS_PRODUCTION_MODE alone stay in development. */
  byEnvironmentOnly?: string;
}

export function productionMode(scope: EnvScope): ProductionMode {
  const pm = valueNamed(scope, 'THEMIS_PRODUCTION_MODE');
  const env = valueNamed(scope, 'THEMIS_ENVIRONMENT');
  const pmOn = pm !== undefined && PRODUCTION_MODE_ON.has(pm);
  const envOn = env !== undefined && ENVIRONMENT_PRODUCTION.has(env);
  if (pmOn) return { on: true };
  return envOn ? { on: true, byEnvironmentOnly: env } : { on: false };
}

/** Whether production mode is on, as ProductionMode::isEnabled decides. */
export function productionOn(scope: EnvScope): boolean {
  return productionMode(scope).on;
}

/** Per environment: every ENV rule asks. */
const configures = new WeakMap<Environment, boolean>();

/**
 * Whether this environment is (all of) the server's, so that a missing variable is a
 * finding. A compose-only .env (ports and image settings the server never reads), a
 * file of unrelated variables, a template, a file of secrets only, or an env file that a
 * service loads among other sources is not, and the "missing variable" rules stay quiet there.
 */
export function configuresServer(scope: EnvScope): boolean {
  const env = environmentOf(scope);
  let answer = configures.get(env);
  if (answer === undefined) configures.set(env, (answer = environmentConfiguresServer(scope, env)));
  return answer;
}

function environmentConfiguresServer(scope: EnvScope, env: Environment): boolean {
  if (!env.judgesMissing) return false;
  if (env.ofService) return true;
  // a template lists what to fill in, not a whole environment
  if (isEnvTemplate(scope.file.path)) return false;
  const entries = env.entries;
  if (entries.length === 0) return true;
  // secrets kept apart for a service that sets the rest (a systemd EnvironmentFile, a compose env_file)
  if (entries.every((e) => isSecretVar(e.key))) return false;
  return entries.some((e) => varInfo(e.key)?.status === 'code' || unknownThemisName(e.key));
}

// ---------------------------------------------------------------------------
// Values the server does not take as written
// ---------------------------------------------------------------------------

/** What the server makes of a value that is not what the person meant (see `valueProblem`). */
export type ValueProblem =
  /** THEMIS_ENVIRONMENT in another case than "production"/"prod": development. */
  | { kind: 'environmentCase' }
  /** A switch that is on by default, given an "off" spelling that is not one of `disabling`. */
  | { kind: 'doesNotDisable'; disabling: string[]; meant: string }
  /** A flag given an "on" spelling the server ignores: it stays off; `on` is the spelling it takes. */
  | { kind: 'onNotRecognized'; accepted: string[]; on: string }
  /** A flag given an "off" spelling the server ignores (it takes 0): off by accident. */
  | { kind: 'offNotRecognized' }
  /** A flag given neither an on nor an off spelling: it stays at its default. */
  | { kind: 'notRecognized'; accepted: string[] }
  /** A value outside an enumeration: the server falls back to its default. */
  | { kind: 'notInEnum'; accepted: string[]; caseInsensitive: boolean }
  | { kind: 'notInteger' }
  | { kind: 'notPort' }
  | { kind: 'notUrl' };

/**
 * Whether the server takes `value` of the variable `name` (catalog entry `v`) as
 * meant; undefined when it does, or when the value means what it says (an "off"
 * spelling of a flag that is off anyway).
 */
export function valueProblem(name: string, v: VarInfo, value: string): ValueProblem | undefined {
  if (name === 'THEMIS_ENVIRONMENT') return productionSpelling(value) ? { kind: 'environmentCase' } : undefined;
  if (v.disabling) {
    // on by default; only the listed spellings switch it off
    if (v.disabling.includes(value) || !looksOff(value)) return undefined;
    return { kind: 'doesNotDisable', disabling: v.disabling, meant: v.recommended ?? 'true' };
  }
  if (v.accepted && (v.type === 'flag' || v.type === 'boolean')) {
    if (v.accepted.includes(value)) return undefined;
    if (looksOn(value))
      return {
        kind: 'onNotRecognized',
        accepted: v.accepted,
        on: v.recommended ?? (v.accepted.includes('1') ? '1' : v.accepted[0]),
      };
    if (v.accepted.includes('0') && looksOff(value)) return { kind: 'offNotRecognized' };
    if (looksOff(value)) return undefined;
    return { kind: 'notRecognized', accepted: v.accepted };
  }
  if (v.accepted && v.type === 'enum') {
    const ci = !!v.caseInsensitive;
    const norm = ci ? value.trim().toLowerCase() : value;
    if (v.accepted.some((a) => (ci ? a.toLowerCase() : a) === norm)) return undefined;
    return { kind: 'notInEnum', accepted: v.accepted, caseInsensitive: ci };
  }
  if (v.type === 'integer' || v.type === 'port') {
    if (!/^\s*-?\d+\s*$/.test(value)) return { kind: 'notInteger' };
    const n = Number(value);
    if (v.type === 'port' && (n < 1 || n > 65535)) return { kind: 'notPort' };
    return undefined;
  }
  if (v.type === 'url' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) return { kind: 'notUrl' };
  return undefined;
}
