// Runs the built CLI (server/out/cli.js; `npm run build` first) on real files in temp folders.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, tempFiles } from '../helpers/tempDir.mjs';

const require = createRequire(import.meta.url);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(repoRoot, 'server', 'out', 'cli.js');
if (!fs.existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`);
export const engine = require(path.join(repoRoot, 'server', 'out', 'engine.js'));
export const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** The TLS002 seed of the issue: "1.2" is a warning, "1.0" an error, the fix writes "1.3". */
export const tlsConfig = (v) => `network:\n  tls:\n    min_version: "${v}"\n`;

/**
 * `--rule X=off` for every rule but these: other rules are being written while this suite
 * runs, so tests that count findings or check exit codes only let the rules they test speak.
 */
export function only(...ids) {
  return [...engine.CATALOG.keys()].filter((id) => !ids.includes(id)).flatMap((id) => ['--rule', `${id}=off`]);
}

/** Writes `files` ({relativePath: text}) into a fresh temp folder and returns its path. */
export function workspace(files) {
  return tempFiles('themisdb-cli-', files);
}

/** Runs `node server/out/cli.js ...args` in `cwd` (`input` on standard input); the environment has no colour settings unless given. */
export function cli(args, { cwd, env = {}, script = cliPath, input } = {}) {
  const base = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS']) delete base[k];
  const r = spawnSync(process.execPath, [script, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8', input });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function json(r) {
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout.slice(0, 500)}\nstderr: ${r.stderr}`, { cause: e });
  }
}

/** Bundles CLI modules from server/src/cli (TypeScript) with esbuild, for unit tests of their parts. */
export async function cliModules(...names) {
  const { build } = await import('esbuild');
  const outdir = tempDir('themisdb-cli-src-');
  await build({
    entryPoints: names.map((n) => path.join(repoRoot, 'server', 'src', 'cli', `${n}.ts`)),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
  });
  return Object.fromEntries(names.map((n) => [n, require(path.join(outdir, `${n}.js`))]));
}
