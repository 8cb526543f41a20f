// `themisdb-lint init --production …`: the generator behind the editor's
// "Generate Production Config" command. Never overwrites without --force.
import * as fs from 'fs';
import * as path from 'path';
import { GenerateOptions, generateProductionConfig, OPTION_VALUES } from '../engine/generate/productionConfig';
import { isLink, writeFileNoFollow } from '../nodeHost';
import { UsageError } from './args';

export const INIT_USAGE = `Usage: themisdb-lint init --production [options] DIR

Writes a hardened ThemisDB config.yaml, a .env.example template (secrets left
empty, every variable explained) and, for MIG GPUs, a mig.yaml into DIR. Every
combination lints clean under the production profile.

Options:
  --topology single|cluster           (default: single)
  --keys vault|hsm                    key management (default: vault)
  --gpu none|mig                      (default: none)
  --compliance none|soc2|gdpr|hipaa   (default: none)
  --with-env                          also write .env with a fresh admin token
                                      and add .env to DIR/.gitignore
  --force                             overwrite existing files
  -h, --help                          show this help`;

interface InitOptions extends GenerateOptions {
  dir: string;
  force: boolean;
  help: boolean;
}

function parseInit(argv: string[]): InitOptions {
  const o: InitOptions = {
    topology: 'single',
    keys: 'vault',
    gpu: 'none',
    compliance: 'none',
    withEnv: false,
    dir: '',
    force: false,
    help: false,
  };
  let production = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') o.help = true;
    else if (arg === '--production') production = true;
    else if (arg === '--with-env') o.withEnv = true;
    else if (arg === '--force') o.force = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const allowed = (OPTION_VALUES as Record<string, readonly string[]>)[name];
      if (!allowed) throw new UsageError(`init: unknown option --${name}`);
      const value = inline ?? argv[++i];
      if (!allowed.includes(value)) throw new UsageError(`init: --${name} takes one of: ${allowed.join(', ')}`);
      (o as unknown as Record<string, string>)[name] = value;
    } else if (!o.dir) o.dir = arg;
    else throw new UsageError(`init: only one DIR, got ${o.dir} and ${arg}`);
  }
  if (o.help) return o;
  if (!production) throw new UsageError('init: say --production (the only kind of config it writes)');
  if (!o.dir) throw new UsageError('init: no DIR given');
  return o;
}

export function runInit(argv: string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  let o: InitOptions;
  try {
    o = parseInit(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`themisdb-lint: ${e.message}\n\n${INIT_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (o.help) {
    out(INIT_USAGE + '\n');
    return 0;
  }
  const dir = path.resolve(cwd, o.dir);
  const files = generateProductionConfig(o);
  const links = [...files.map((f) => f.name), ...(o.withEnv ? ['.gitignore'] : [])].filter((n) => isLink(path.join(dir, n)));
  if (links.length) {
    err(
      `themisdb-lint: ${links.join(', ')} in ${o.dir} ${links.length === 1 ? 'is a symbolic link' : 'are symbolic links'}; init never writes through a link, so nothing was written\n`,
    );
    return 2;
  }
  const existing = files.filter((f) => fs.existsSync(path.join(dir, f.name))).map((f) => f.name);
  if (existing.length && !o.force) {
    err(
      `themisdb-lint: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${o.dir}; nothing was written (use --force to overwrite)\n`,
    );
    return 2;
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of files) {
      const target = path.join(dir, f.name);
      writeFileNoFollow(target, f.text, f.secret ? 0o600 : 0o644);
      if (f.secret) fs.chmodSync(target, 0o600); // --force over an existing .env keeps its old mode otherwise
    }
    if (o.withEnv) ignoreEnv(path.join(dir, '.gitignore'));
  } catch (e) {
    err(`themisdb-lint: cannot write to ${o.dir}: ${(e as Error).message}\n`);
    return 2;
  }
  out(`Wrote ${files.map((f) => f.name).join(', ')}${o.withEnv ? ' (and .env in .gitignore)' : ''} to ${o.dir}.\n`);
  if (!o.withEnv) out('Fill in the secrets of .env.example in your secrets manager or in a git-ignored .env.\n');
  return 0;
}

function ignoreEnv(gitignore: string): void {
  const text = fs.existsSync(gitignore) ? fs.readFileSync(gitignore, 'utf8') : '';
  if (text.split(/\r?\n/).some((l) => /^\/?\.env\*?$/.test(l.trim()))) return;
  writeFileNoFollow(gitignore, `${text}${text && !text.endsWith('\n') ? '\n' : ''}# secrets (ThemisDB)\n.env\n`);
}
