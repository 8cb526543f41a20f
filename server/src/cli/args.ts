// Command-line parsing for themisdb-lint (node:util parseArgs). Flags are spelled as eslint,
// ruff and gitleaks spell theirs, so CI recipes carry over. Usage errors exit 2.
import { parseArgs as parseArgv } from 'util';
import { CATALOG } from '../engine/rules/catalog';
import { ProfileSetting, RuleSetting, Severity } from '../engine/types';

export type Format = 'text' | 'compact' | 'json' | 'sarif' | 'github';
export type FailOn = Severity | 'none';

export interface CliOptions {
  format: Format;
  /** -o: where the report in `format` goes; text then still goes to stdout. */
  outputFile?: string;
  /** --profile; undefined when not given (the settings file, else auto, decides). */
  profile?: ProfileSetting;
  failOn: FailOn;
  /** Per rule ID: a severity or 'off' (AnalyzeOptions.rules). */
  rules: Record<string, RuleSetting>;
  fix: boolean;
  fixDryRun: boolean;
  baseline?: string;
  writeBaseline?: string;
  pruneBaseline: boolean;
  /** Report errors and warnings only. */
  quiet: boolean;
  /** Exit 1 when more warnings than this are reported. */
  maxWarnings?: number;
  /** --color / --no-color; undefined: NO_COLOR, FORCE_COLOR, then whether stdout is a terminal. */
  color?: boolean;
  /** Lint standard input as the file at this path (--stdin --stdin-filename PATH). */
  stdinFilename?: string;
  exclude: string[];
  /** --config FILE: this settings file for every linted file, instead of the one found for it. */
  config?: string;
  /** --print-config FILE: print the settings that apply to FILE and lint nothing. */
  printConfig?: string;
  /** false with --no-inline-suppressions: suppressed findings are reported (audits). */
  inlineSuppressions: boolean;
  paths: string[];
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: themisdb-lint [options] PATH...
       themisdb-lint --stdin --stdin-filename PATH [options]
       themisdb-lint --print-config FILE [--config FILE] [options]
       themisdb-lint rules [--format text|json]      list the rules
       themisdb-lint explain ID                      show a rule's documentation
       themisdb-lint init --production [options] DIR   (see init --help)
       themisdb-lint posture [--format text|json] [PATH...]   (see posture --help)

Checks ThemisDB config.yaml, security.yaml, mig.yaml and .env files for
security problems. Folders are searched for those files (node_modules and
.git are skipped); a file named explicitly is checked as what its name or
content says it is.

Output:
  -f, --format text|compact|json|sarif|github
                                  output format (default: text)
                                    text    grouped by file
                                    compact one line a finding:
                                            file:line:col: severity RULE
                                            first sentence of the message
                                    json    one array of {file, ruleId,
                                            ruleName, severity, line, column,
                                            endLine, endColumn, message,
                                            fixable, url}
                                    sarif   SARIF 2.1.0 for GitHub code
                                            scanning
                                    github  GitHub Actions workflow
                                            annotations (::error file=...)
  -o, --output-file FILE          write the report to FILE; with json,
                                  sarif or github, the text report still
                                  goes to stdout
  --quiet                         report errors and warnings only (no info
                                  or hint)
  --max-warnings N                exit 1 when more than N warnings are
                                  reported
  --color, --no-color             force colour on or off (default: on a
                                  terminal; NO_COLOR: never, FORCE_COLOR:
                                  also through a pipe)

Input:
  --stdin                         lint standard input ...
  --stdin-filename PATH           ... as the file PATH (required with --stdin)
  --exclude GLOB                  skip files matching GLOB (gitignore syntax,
                                  relative to the working folder); repeatable

Settings file:
  Each linted file uses the nearest .themisdb-lint.yaml (or .yml, .json) from
  its folder up to the repository root (the folder holding .git). The flags
  below win over it: --profile and --rule replace its profile and rules,
  --exclude and --baseline add to and replace its exclude and baseline.
  -c, --config FILE               use FILE for every linted file instead
  --print-config FILE             print the settings that apply to FILE
                                  (profile, rules, files, exclude, baseline)
                                  and where each comes from; lints nothing

Severity:
  --profile auto|production|development
                                  severity profile (default: the settings
                                  file's, else auto: the sibling .env, then
                                  dev/test/examples folder names)
  --rule ID=off|hint|info|warning|error
                                  set the severity of one rule (ID or rule
                                  name, e.g. --rule TLS002=error or
                                  --rule tls-min-version=off); repeatable
  --fail-on error|warning|info|hint|none
                                  exit 1 when a reported finding at or above
                                  this severity exists (default: error)
  --no-inline-suppressions        ignore themisdb-disable comments (audits):
                                  the findings they silence are reported, and
                                  SARIF marks them with the comment's reason

Fixing:
  --fix                           apply the safe fixes in place (up to 10
                                  passes), then report what is left
  --fix-dry-run                   print the safe fixes as a unified diff on
                                  stdout and change no file

Baselines:
  .themisdb-baseline.json in the working folder or a folder above it (up to
  the repository root) is used when present, as if given with --baseline.
  --baseline FILE                 report only findings that are not in FILE;
                                  findings are matched by rule, file and a
                                  fingerprint of their line, so lines moving
                                  up or down do not bring them back
  --write-baseline FILE           record every current finding in FILE (JSON)
                                  and report none of them
  --prune-baseline                remove the baseline's stale entries (those
                                  that match no finding any more)

  -h, --help                      show this help
  -v, --version                   print the version

Exit codes: 0 no reported finding at the --fail-on severity (and no more
warnings than --max-warnings), 1 otherwise, 2 usage error, or a path,
baseline or file that cannot be read or written.`;

const ONE_OF = {
  format: ['text', 'compact', 'json', 'sarif', 'github'],
  profile: ['auto', 'production', 'development'],
  'fail-on': ['error', 'warning', 'info', 'hint', 'none'],
} as const;

const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'info', 'warning', 'error'];

const LINT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'no-inline-suppressions': { type: 'boolean' },
  profile: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'print-config': { type: 'string' },
  rule: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'prune-baseline': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

interface Token {
  kind: string;
  name?: string;
}
interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  tokens: Token[];
}

/** parseArgs with its errors as UsageErrors in our words. */
function parse<O extends Record<string, { type: 'string' | 'boolean' }>>(argv: string[], options: O): Parsed {
  try {
    return parseArgv({ args: argv, options, allowPositionals: true, strict: true, tokens: true }) as unknown as Parsed;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = (e as Error).message;
    // node names the option as '--name', '-n, --name <value>' or '-n'
    const named = /'(-[^']*)'/.exec(message)?.[1] ?? '';
    const long = /--[\w-]+/.exec(named)?.[0];
    const short = /^-(\w)\b/.exec(named)?.[1];
    const name = long?.slice(2) ?? Object.entries(options).find(([, o]) => (o as { short?: string }).short === short)?.[0];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${named.split(/[ ,]/)[0]}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name)
      throw new UsageError(options[name]?.type === 'boolean' ? `--${name} takes no value` : `--${name} takes a value`);
    throw new UsageError(message);
  }
}

function oneOf<K extends keyof typeof ONE_OF>(name: K, value: string | undefined): (typeof ONE_OF)[K][number] | undefined {
  if (value === undefined) return undefined;
  const allowed = ONE_OF[name] as readonly string[];
  if (!allowed.includes(value)) throw new UsageError(`--${name} takes one of: ${allowed.join(', ')}`);
  return value as (typeof ONE_OF)[K][number];
}

function fileValue(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value.startsWith('--')) throw new UsageError(`--${name} takes a FILE`);
  return value;
}

/** A rule ID (any case) or a rule name to its catalog ID. */
export function ruleIdFor(idOrName: string): string | undefined {
  const upper = idOrName.toUpperCase();
  if (CATALOG.has(upper)) return upper;
  for (const meta of CATALOG.values()) if (meta.name === idOrName.toLowerCase()) return meta.id;
  return undefined;
}

function ruleSetting(value: string): [string, RuleSetting] {
  const m = /^([^=]+)=(.*)$/.exec(value);
  if (!m) throw new UsageError('--rule takes ID=off|hint|info|warning|error (e.g. --rule TLS002=error)');
  const id = ruleIdFor(m[1].trim());
  if (!id) throw new UsageError(`--rule: "${m[1]}" is not a ThemisDB rule ID or name`);
  const setting = m[2].trim().toLowerCase();
  if (!(RULE_SETTINGS as readonly string[]).includes(setting))
    throw new UsageError(`--rule ${m[1]}: the severity must be one of: ${RULE_SETTINGS.join(', ')}`);
  return [id, setting as RuleSetting];
}

/** The last of --color / --no-color wins, as in eslint. */
function colorFlag(tokens: readonly Token[]): boolean | undefined {
  let color: boolean | undefined;
  for (const t of tokens) if (t.kind === 'option' && (t.name === 'color' || t.name === 'no-color')) color = t.name === 'color';
  return color;
}

export function parseArgs(argv: string[]): CliOptions {
  const { values: v, positionals, tokens } = parse(argv, LINT_OPTIONS);
  const str = (k: keyof typeof LINT_OPTIONS) => v[k] as string | undefined;
  const flag = (k: keyof typeof LINT_OPTIONS) => v[k] === true;
  const opts: CliOptions = {
    format: oneOf('format', str('format')) ?? 'text',
    outputFile: fileValue('output-file', str('output-file')),
    profile: oneOf('profile', str('profile')),
    failOn: oneOf('fail-on', str('fail-on')) ?? 'error',
    rules: Object.fromEntries(((v.rule as string[] | undefined) ?? []).map(ruleSetting)),
    fix: flag('fix'),
    fixDryRun: flag('fix-dry-run'),
    baseline: fileValue('baseline', str('baseline')),
    writeBaseline: fileValue('write-baseline', str('write-baseline')),
    pruneBaseline: flag('prune-baseline'),
    quiet: flag('quiet'),
    color: colorFlag(tokens),
    exclude: (v.exclude as string[] | undefined) ?? [],
    config: fileValue('config', str('config')),
    printConfig: fileValue('print-config', str('print-config')),
    inlineSuppressions: !flag('no-inline-suppressions'),
    paths: positionals,
    help: flag('help'),
    version: flag('version'),
  };
  const maxWarnings = str('max-warnings');
  if (maxWarnings !== undefined) {
    if (!/^\d+$/.test(maxWarnings)) throw new UsageError('--max-warnings takes a number of warnings (0 or more)');
    opts.maxWarnings = Number(maxWarnings);
  }
  if (opts.help || opts.version) return opts;
  if (opts.printConfig !== undefined) {
    if (opts.paths.length || flag('stdin') || opts.fix || opts.fixDryRun || opts.writeBaseline || opts.pruneBaseline)
      throw new UsageError('--print-config FILE lints nothing; give no PATH, --stdin, --fix or baseline writing with it');
    if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError('--print-config prints text or json');
    return opts;
  }
  if (flag('stdin')) {
    const name = str('stdin-filename');
    if (!name) throw new UsageError('--stdin needs --stdin-filename PATH: the name says what kind of file it is');
    if (opts.paths.length) throw new UsageError('--stdin lints standard input; give no PATH');
    if (opts.fix) throw new UsageError('--fix cannot write standard input back; use --fix-dry-run for the diff');
    if (opts.writeBaseline || opts.pruneBaseline)
      throw new UsageError('--stdin lints one file; write or prune a baseline with a PATH run');
    opts.stdinFilename = name;
  } else if (str('stdin-filename') !== undefined) throw new UsageError('--stdin-filename goes with --stdin');
  else if (opts.paths.length === 0) throw new UsageError('no PATH given');
  if (opts.fix && opts.fixDryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  if (opts.fixDryRun && (opts.writeBaseline || opts.pruneBaseline))
    throw new UsageError('--fix-dry-run changes no file; it cannot be combined with --write-baseline or --prune-baseline');
  if (opts.fixDryRun && opts.format !== 'text')
    throw new UsageError(`--fix-dry-run prints a diff; it cannot be combined with --format ${opts.format}`);
  if (opts.fixDryRun && opts.outputFile) throw new UsageError('--fix-dry-run prints a diff on stdout; it takes no --output-file');
  if (opts.writeBaseline && (opts.baseline || opts.pruneBaseline))
    throw new UsageError('--write-baseline records every finding; it cannot be combined with --baseline or --prune-baseline');
  return opts;
}

export const RULES_USAGE = `Usage: themisdb-lint rules [--format text|json]

Lists every rule: ID, name, production severity, the fix it offers (fix: applied
by --fix, suggestion: offered in the editor, none) and the files it checks.`;

export function parseRulesArgs(argv: string[]): { format: 'text' | 'json'; help: boolean } {
  const { values, positionals } = parse(argv, { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } });
  if (positionals.length) throw new UsageError(`rules takes no argument (got ${positionals[0]})`);
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format takes one of: text, json');
  return { format, help: values.help === true };
}

export const EXPLAIN_USAGE = `Usage: themisdb-lint explain ID

Prints the documentation page of a rule (by ID or name, e.g. TLS002 or
tls-min-version): what it checks, why it matters, how to fix it.`;

export function parseExplainArgs(argv: string[]): { id?: string; help: boolean; color?: boolean } {
  const { values, positionals, tokens } = parse(argv, {
    help: { type: 'boolean', short: 'h' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
  });
  if (values.help) return { help: true };
  if (positionals.length !== 1) throw new UsageError('explain takes one rule ID or name');
  const id = ruleIdFor(positionals[0]);
  if (!id) throw new UsageError(`"${positionals[0]}" is not a ThemisDB rule ID or name (themisdb-lint rules lists them)`);
  return { id, help: false, color: colorFlag(tokens) };
}

export const POSTURE_USAGE = `Usage: themisdb-lint posture [options] [PATH...]

Prints, for every ThemisDB service of the deployment files under PATH (default:
the current folder) — compose services, Kubernetes containers, Helm values,
systemd units with their drop-ins — each security control with the value the
server really gets (secrets masked), the line that sets it (or "default") and
a verdict: ok, risk or unknown.

Options:
  -f, --format text|json          output format (default: text)
  --color, --no-color             force colour on or off (default: on a
                                  terminal; NO_COLOR / FORCE_COLOR as for lint)
  -h, --help                      show this help

Exit codes: 0 printed, 2 usage error or a path that cannot be read.`;

export interface PostureOptions {
  format: 'text' | 'json';
  color?: boolean;
  paths: string[];
  help: boolean;
}

export function parsePostureArgs(argv: string[]): PostureOptions {
  const { values, positionals, tokens } = parse(argv, {
    format: { type: 'string', short: 'f' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format takes one of: text, json');
  return { format, color: colorFlag(tokens), paths: positionals.length ? positionals : ['.'], help: values.help === true };
}
