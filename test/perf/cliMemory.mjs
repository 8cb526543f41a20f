// CLI memory and time against the number of files (issue 12, "CLI on 1,000 files"):
// generates folders of real ThemisDB files, runs the built CLI on 100/1,000/3,000
// files under /usr/bin/time -v, and the floor: a script that only reads the same
// files and parses them with `yaml`. Prints peak RSS and wall time of each.
//   node test/perf/cliMemory.mjs [counts, default 100,1000,3000] [--keep]
// `npm run bench` runs the same measures for its CLI rows.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { YAML_BUILD } from '../../scripts/yamlBuild.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(repo, 'server', 'out', 'cli.js');
const real = path.join(repo, 'test', 'fixtures', 'real');

/** The files of one folder: a real config, security config and .env, with values that differ per folder. */
const templates = [
  ['config.yaml', fs.readFileSync(path.join(real, '3955e2b8', 'config', 'core', 'config.yaml'), 'utf8')],
  ['security.yaml', fs.readFileSync(path.join(real, 'config', 'security.yaml'), 'utf8')],
  ['.env', fs.readFileSync(path.join(real, 'deploy', 'systemd', 'themisdb.env.example'), 'utf8')],
];

/** `files` files in folders of three, under a fresh folder that is a repository root (so no walk goes above it). */
export function generate(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `themisdb-cli-${files}-`));
  fs.mkdirSync(path.join(root, '.git'));
  fs.writeFileSync(path.join(root, '.gitignore'), '.env\n');
  for (let i = 0; i < files; i++) {
    const [name, text] = templates[i % templates.length];
    const dir = path.join(root, `site${Math.floor(i / templates.length)}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), text.replace(/\b8080\b/g, String(8000 + (i % 1000))));
  }
  return root;
}

// the floor parses with the build of `yaml` the CLI bundles: a slower one would flatter the CLI
const FLOOR = `
const fs = require('fs'), path = require('path');
import(${JSON.stringify(pathToFileURL(path.join(repo, YAML_BUILD)).href)}).then((yaml) => {
  let n = 0;
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { if (e.name !== '.git') walk(p); }
    else { const t = fs.readFileSync(p, 'utf8'); if (/\\.ya?ml$/.test(p)) yaml.parseAllDocuments(t); n++; } } };
  walk(process.argv[1]); console.log(n);
});
`;

/** Wall seconds and peak RSS (MB) of a command, measured by /usr/bin/time from outside. */
export function measure(args) {
  const r = spawnSync('/usr/bin/time', ['-v', ...args], { encoding: 'utf8', maxBuffer: 1e9 });
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const wall = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  return { seconds, rss, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI on a folder, its JSON report written into it, measured from outside. */
export function measureCli(root) {
  const out = path.join(root, 'out.json');
  const lint = measure([process.execPath, cli, '--format', 'json', '--fail-on', 'none', '--output-file', out, root]);
  if (lint.status !== 0) throw new Error(`CLI exited ${lint.status}: ${lint.stderr.slice(0, 2000)}`);
  fs.rmSync(out, { force: true }); // the next run reads the folder as it was
  return lint;
}

/** The floor on a folder: reading every file and parsing the YAML ones, measured from outside. */
export function measureFloor(root) {
  const floor = measure([process.execPath, '-e', FLOOR, root]);
  if (floor.status !== 0) throw new Error(`the floor script exited ${floor.status}: ${floor.stderr.slice(0, 2000)}`);
  return floor;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const counts = (process.argv.slice(2).find((a) => /^\d/.test(a)) ?? '100,1000,3000').split(',').map(Number);
  console.log('files   CLI s   CLI MB   floor s   floor MB   CLI/floor time');
  for (const n of counts) {
    const root = generate(n);
    try {
      const lint = measureCli(root);
      const floor = measureFloor(root);
      console.log(
        `${String(n).padStart(5)}  ${lint.seconds.toFixed(2).padStart(6)}  ${lint.rss.toFixed(0).padStart(7)}  ${floor.seconds.toFixed(2).padStart(8)}  ${floor.rss.toFixed(0).padStart(9)}  ${(lint.seconds / floor.seconds).toFixed(2).padStart(10)}×`,
      );
    } finally {
      if (!process.argv.includes('--keep')) fs.rmSync(root, { recursive: true, force: true });
    }
  }
}
