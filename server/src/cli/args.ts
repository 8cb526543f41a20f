// Command-line parsing for themisdb-lint. Usage errors exit 2.
import { ProfileSetting, Severity } from '../engine/types';

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export interface CliOptions {
  format: Format;
  profile: ProfileSetting;
  failOn: FailOn;
  paths: string[];
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: themisdb-lint [options] PATH...

Checks ThemisDB config.yaml, security.yaml, mig.yaml and .env files for
security problems. Folders are searched for those files (node_modules and
.git are skipped); a file named explicitly is checked as what its name or
content says it is.

Options:
  --format text|json|sarif        output format (default: text)
  --profile auto|production|development
                                  severity profile (default: auto)
  --fail-on error|warning|info|hint|none
                                  exit 1 when a finding at or above this
                                  severity exists (default: error)
  -h, --help                      show this help
  --version                       print the version

Exit codes: 0 no finding at the threshold, 1 findings at the threshold,
2 usage error or unreadable path.`;

const ONE_OF = {
  format: ['text', 'json', 'sarif'],
  profile: ['auto', 'production', 'development'],
  'fail-on': ['error', 'warning', 'info', 'hint', 'none'],
} as const;

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { format: 'text', profile: 'auto', failOn: 'error', paths: [], help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') opts.help = true;
    else if (arg === '--version') opts.version = true;
    else if (arg === '--') opts.paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (!(name in ONE_OF)) throw new UsageError(`unknown option --${name}`);
      const value = inline ?? argv[++i];
      const allowed = ONE_OF[name as keyof typeof ONE_OF] as readonly string[];
      if (value === undefined || !allowed.includes(value)) throw new UsageError(`--${name} takes one of: ${allowed.join(', ')}`);
      if (name === 'format') opts.format = value as Format;
      else if (name === 'profile') opts.profile = value as ProfileSetting;
      else opts.failOn = value as FailOn;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else opts.paths.push(arg);
  }
  if (!opts.help && !opts.version && opts.paths.length === 0) throw new UsageError('no PATH given');
  return opts;
}
