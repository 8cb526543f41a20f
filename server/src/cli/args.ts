// Command-line parsing for themisdb-lint. Usage errors exit 2.
import { CATALOG } from '../engine/rules/catalog';
import { ProfileSetting, RuleSetting, Severity } from '../engine/types';

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export interface CliOptions {
  format: Format;
  profile: ProfileSetting;
  failOn: FailOn;
  /** Per rule ID: a severity or 'off' (AnalyzeOptions.rules). */
  rules: Record<string, RuleSetting>;
  fix: boolean;
  fixDryRun: boolean;
  baseline?: string;
  writeBaseline?: string;
  paths: string[];
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: themisdb-lint [options] PATH...
       themisdb-lint init --production [options] DIR   (see init --help)
       themisdb-lint posture [--format text|json] [PATH...]   (see posture --help)

Checks ThemisDB config.yaml, security.yaml, mig.yaml and .env files for
security problems. Folders are searched for those files (node_modules and
.git are skipped); a file named explicitly is checked as what its name or
content says it is.

Output:
  --format text|json|sarif        output format (default: text)
                                    text   grouped by file; colour on a
                                           terminal (NO_COLOR: never,
                                           FORCE_COLOR: also through a pipe)
                                    json   one array of {file, ruleId,
                                           ruleName, severity, line, column,
                                           endLine, endColumn, message}
                                    sarif  SARIF 2.1.0 for GitHub code
                                           scanning

Severity:
  --profile auto|production|development
                                  severity profile (default: auto: the sibling
                                  .env, then dev/test/examples folder names)
  --rule ID=off|hint|info|warning|error
                                  set the severity of one rule (ID or rule
                                  name, e.g. --rule TLS002=error or
                                  --rule tls-min-version=off); repeatable
  --fail-on error|warning|info|hint|none
                                  exit 1 when a reported finding at or above
                                  this severity exists (default: error)

Fixing:
  --fix                           apply the safe fixes in place (up to 10
                                  passes), then report what is left
  --fix-dry-run                   print the safe fixes as a unified diff on
                                  stdout and change no file

Baselines:
  --write-baseline FILE           record every current finding in FILE (JSON)
                                  and report none of them
  --baseline FILE                 report only findings that are not in FILE;
                                  findings are matched by rule, file and a
                                  fingerprint of their line, so lines moving
                                  up or down do not bring them back

  -h, --help                      show this help
  --version                       print the version

Exit codes: 0 no reported finding at the --fail-on severity, 1 at least one,
2 usage error, or a path, baseline or file that cannot be read or written.`;

const ONE_OF = {
  format: ['text', 'json', 'sarif'],
  profile: ['auto', 'production', 'development'],
  'fail-on': ['error', 'warning', 'info', 'hint', 'none'],
} as const;

const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'info', 'warning', 'error'];
const FLAGS = new Set(['fix', 'fix-dry-run']);
const FILE_OPTIONS = new Set(['baseline', 'write-baseline']);

/** A rule ID (any case) or a rule name to its catalog ID. */
export function ruleIdFor(idOrName: string): string | undefined {
  const upper = idOrName.toUpperCase();
  if (CATALOG.has(upper)) return upper;
  for (const meta of CATALOG.values()) if (meta.name === idOrName.toLowerCase()) return meta.id;
  return undefined;
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = {
    format: 'text',
    profile: 'auto',
    failOn: 'error',
    rules: {},
    fix: false,
    fixDryRun: false,
    paths: [],
    help: false,
    version: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') opts.help = true;
    else if (arg === '--version') opts.version = true;
    else if (arg === '--') {
      opts.paths.push(...argv.slice(i + 1));
      i = argv.length;
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (FLAGS.has(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
        if (name === 'fix') opts.fix = true;
        else opts.fixDryRun = true;
        continue;
      }
      const value = inline ?? argv[++i];
      if (FILE_OPTIONS.has(name)) {
        if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
          throw new UsageError(`--${name} takes a FILE`);
        if (name === 'baseline') opts.baseline = value;
        else opts.writeBaseline = value;
      } else if (name === 'rule') {
        const m = value === undefined ? null : /^([^=]+)=(.*)$/.exec(value);
        if (!m) throw new UsageError('--rule takes ID=off|hint|info|warning|error (e.g. --rule TLS002=error)');
        const id = ruleIdFor(m[1].trim());
        if (!id) throw new UsageError(`--rule: "${m[1]}" is not a ThemisDB rule ID or name`);
        const setting = m[2].trim().toLowerCase();
        if (!(RULE_SETTINGS as readonly string[]).includes(setting))
          throw new UsageError(`--rule ${m[1]}: the severity must be one of: ${RULE_SETTINGS.join(', ')}`);
        opts.rules[id] = setting as RuleSetting;
      } else if (name in ONE_OF) {
        const allowed = ONE_OF[name as keyof typeof ONE_OF] as readonly string[];
        if (value === undefined || !allowed.includes(value))
          throw new UsageError(`--${name} takes one of: ${allowed.join(', ')}`);
        if (name === 'format') opts.format = value as Format;
        else if (name === 'profile') opts.profile = value as ProfileSetting;
        else opts.failOn = value as FailOn;
      } else throw new UsageError(`unknown option --${name}`);
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else opts.paths.push(arg);
  }
  if (opts.help || opts.version) return opts;
  if (opts.paths.length === 0) throw new UsageError('no PATH given');
  if (opts.fix && opts.fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  if (opts.fixDryRun && opts.writeBaseline)
    throw new UsageError('--fix-dry-run changes no file; it cannot be combined with --write-baseline');
  if (opts.fixDryRun && opts.format !== 'text')
    throw new UsageError('--fix-dry-run prints a diff; it cannot be combined with --format json or sarif');
  return opts;
}

export const POSTURE_USAGE = `Usage: themisdb-lint posture [options] [PATH...]

Prints, for every ThemisDB service of the deployment files under PATH (default:
the current folder) — compose services, Kubernetes containers, Helm values,
systemd units with their drop-ins — each security control with the value the
server really gets (secrets masked), the line that sets it (or "default") and
a verdict: ok, risk or unknown.

Options:
  --format text|json              output format (default: text; colour on a
                                  terminal, NO_COLOR / FORCE_COLOR as for lint)
  -h, --help                      show this help

Exit codes: 0 printed, 2 usage error or a path that cannot be read.`;

export interface PostureOptions {
  format: 'text' | 'json';
  paths: string[];
  help: boolean;
}

export function parsePostureArgs(argv: string[]): PostureOptions {
  const opts: PostureOptions = { format: 'text', paths: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') opts.help = true;
    else if (arg === '--') {
      opts.paths.push(...argv.slice(i + 1));
      i = argv.length;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : argv[++i];
      if (value !== 'text' && value !== 'json') throw new UsageError('--format takes one of: text, json');
      opts.format = value;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else opts.paths.push(arg);
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}
