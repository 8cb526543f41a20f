// Pathological inputs (issue 12, item 4) and how to run them from outside: through the
// built CLI and the built language server, each under /usr/bin/time -v, so wall time and
// peak memory are the process's own. test/perf/limits.mjs runs them all and prints a
// table (npm run test:limits); test/cli/limitsOutside.test.mjs runs the fast ones.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient } from '../helpers/lspClient.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(repo, 'server', 'out', 'cli.js');
export const TIME = '/usr/bin/time';

/** The budgets of the issue: no input over 2 s or 500 MB, in the CLI and the server. */
export const BUDGET = { ms: 2000, mb: 500 };

const MB = 1024 * 1024;
const CONFIG = 'server:\n  host: 0.0.0.0\n  port: 8080\nstorage:\n  rocksdb_path: /data\n';
const SECRET = 'Zx8kq3Jd9LmP2vQw7RtY5uI1oA4sD6fG8hJ0kL2zX4c=';

/** `piece` repeated up to about `bytes` (whole pieces). */
const fill = (piece, bytes) => piece.repeat(Math.max(1, Math.floor(bytes / piece.length)));
const lines = (n, line) => Array.from({ length: n }, (_, i) => line(i)).join('\n') + '\n';

/** Deterministic bytes that are no text (NULs included). */
function binary(bytes) {
  const out = Buffer.alloc(bytes);
  let seed = 12345;
  for (let i = 0; i < bytes; i++) out[i] = (seed = (seed * 1103515245 + 12345) % 2147483648) >> 16;
  return out;
}

/**
 * Each case: the files of a folder (beside them the CLI also finds `ok/config.yaml`, a
 * file with findings, to show the run goes on), the file opened in the server, where its
 * hover is asked, and whether a LIMIT finding must name the limit it hits. `fast`: part
 * of the regular test run. `format: 'sarif'`: the CLI reports SARIF (its fingerprints read
 * the findings' lines).
 */
export const CASES = [
  {
    name: '50,000 aliases `- *p`',
    fast: true,
    file: 'config.yaml',
    text: () => `${CONFIG}p: &p {a: 1, b: 2}\nlist:\n${'  - *p\n'.repeat(50_000)}`,
    limit: true,
  },
  {
    name: '45,000 aliases of a 5-key mapping (expansion budget)',
    file: 'config.yaml',
    text: () => `${CONFIG}p: &p {a: 1, b: 2, c: 3, d: 4, e: 5}\nlist:\n${'  - *p\n'.repeat(45_000)}`,
    limit: true,
  },
  {
    name: 'chain of merge-key aliases',
    fast: true,
    file: 'config.yaml',
    text: () => {
      let t = `${CONFIG}a0: &a0 {k0: 0}\n`;
      for (let i = 1; i < 100; i++) t += `a${i}: &a${i} {<<: [*a${i - 1}, *a${i - 1}], k${i}: ${i}}\n`;
      return t;
    },
    limit: true,
  },
  {
    name: 'one 300 KB line full of YAML errors',
    fast: true,
    file: 'config.yaml',
    text: () => `${CONFIG}x: ${fill('a: ', 300 * 1024)}\n`,
  },
  {
    name: 'one 300 KB line of quoted scalars (errors)',
    file: 'config.yaml',
    text: () => `${CONFIG}x: ${fill('"a" ', 300 * 1024)}\n`,
  },
  {
    name: '10 MB flow sequence',
    fast: true,
    file: 'config.yaml',
    text: () => `${CONFIG}x: [${fill('1, ', 10 * MB - 1024)}1]\n`,
    limit: true,
  },
  {
    name: '10 MB of keys',
    file: 'config.yaml',
    text: () => CONFIG + lines(Math.floor((10 * MB - 1024) / 16), (i) => `key_${String(i).padStart(6, '0')}: ${i % 10}`),
    limit: true,
  },
  {
    name: '10 MB multi-document config',
    file: 'config.yaml',
    text: () => CONFIG + fill('---\nserver:\n  port: 8080\n', 10 * MB - 1024),
    limit: true,
  },
  {
    name: '10 MB .env',
    file: '.env',
    text: () => lines(Math.floor((10 * MB - 1024) / 28), (i) => `THEMIS_SETTING_${String(i).padStart(7, '0')}=value`),
    limit: true,
  },
  {
    name: 'references from a .env to a 10 MB config that uses its variable',
    fast: true,
    file: '.env',
    text: () => 'THEMIS_DATA_DIR=/data\n',
    extra: { 'config.yaml': `${CONFIG}data: \${THEMIS_DATA_DIR}\nx: [${'1, '.repeat(3_400_000)}1]\n` },
    hover: () => 0,
  },
  {
    name: 'a compose service mounting a 10 MB config (posture)',
    fast: true,
    file: 'docker-compose.yml',
    text: () =>
      'services:\n  db:\n    image: themisdb/themisdb:1.4\n    volumes:\n      - ./config.yaml:/etc/themisdb/config.yaml\n',
    extra: { 'config.yaml': `${CONFIG}x: [${'1, '.repeat(3_400_000)}1]\n` },
  },
  {
    name: 'a file over 10 MB (the CLI does not read it)',
    file: 'config.yaml',
    text: () => `${CONFIG}x: ${'a'.repeat(11 * MB)}\n`,
    limit: true,
  },
  {
    name: '45,000 keys under 1 MB',
    file: 'config.yaml',
    text: () => CONFIG + lines(45_000, (i) => `k${i}: ${i}`),
  },
  {
    name: '.gitignore `*a*a*a*a*a*a*a*a*a*ab` beside a long env file name',
    fast: true,
    file: `${'a'.repeat(200)}.env`,
    extra: { '.gitignore': '*a*a*a*a*a*a*a*a*a*ab\n' },
    text: () => `THEMIS_PRODUCTION_MODE=true\nTHEMIS_TOKEN_ADMIN=${SECRET}\n`,
  },
  {
    name: '.gitignore line of 120,000 spaces',
    fast: true,
    file: '.env',
    extra: { '.gitignore': `${' '.repeat(120_000)}\n` },
    text: () => `THEMIS_PRODUCTION_MODE=true\nTHEMIS_TOKEN_ADMIN=${SECRET}\n`,
  },
  {
    name: 'hover in a 120 KB `${${…` value',
    fast: true,
    file: '.env',
    text: () => `THEMIS_PRODUCTION_MODE=true\nTHEMIS_TOKEN_ADMIN=${'${'.repeat(60_000)}\n`,
    hover: (text) => text.indexOf('${') + 60_000,
  },
  {
    name: 'a 30 KB unknown THEMIS_ name',
    fast: true,
    file: '.env',
    text: () => `THEMIS_PRODUCTION_MODE=true\nTHEMIS_${'Q'.repeat(30_000)}=1\n`,
  },
  {
    name: '2,000 unknown THEMIS_ names',
    file: '.env',
    text: () => `THEMIS_PRODUCTION_MODE=true\n${lines(2000, (i) => `THEMIS_FRESH_UNKNOWN_${i.toString(36).toUpperCase()}Q=1`)}`,
    limit: true, // more than 1,000 findings
  },
  {
    name: 'hover on a key after 100,000 blanks',
    fast: true,
    file: 'config.yaml',
    text: () => `${CONFIG}logging:\n  a${' '.repeat(100_000)}b: 1\n  level: debug\n`,
    hover: (text) => text.indexOf('  a ') + 2,
  },
  {
    name: 'hover and completion in a compose environment item of 100,000 blanks',
    fast: true,
    file: 'docker-compose.yml',
    text: () =>
      `services:\n  themisdb:\n    image: themisdb/themisdb:latest\n    environment:\n      - THEMIS_PRODUCTION_MODE=a${' '.repeat(100_000)}b\n`,
    hover: (text) => text.indexOf('THEMIS_PRODUCTION_MODE') + 3,
  },
  {
    name: 'SARIF for a line of 50,000 tab-and-dash pairs',
    fast: true,
    format: 'sarif',
    file: 'config.yaml',
    text: () => `${CONFIG}server:\n  enable_tls: false\n${'\t-'.repeat(50_000)}\n`,
  },
  {
    name: 'SARIF for a quoted key of 100,000 blanks',
    fast: true,
    format: 'sarif',
    file: 'config.yaml',
    text: () => `${CONFIG}"k${' '.repeat(100_000)}"   : 1\nnetwork:\n  tls:\n    min_version: "1.0"\n`,
  },
  {
    name: 'binary file named config.yaml',
    fast: true,
    file: 'config.yaml',
    text: () => binary(512 * 1024),
  },
  {
    name: 'flow nesting 20,000 deep',
    file: 'config.yaml',
    text: () => `${CONFIG}x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
    limit: true,
  },
  {
    name: 'block nesting 1,400 deep',
    file: 'config.yaml',
    text: () => CONFIG + lines(1400, (i) => `${' '.repeat(i)}a${i}:`),
    limit: true,
  },
  {
    name: '20,000 suppression comments',
    file: '.env',
    text: () =>
      `THEMIS_PRODUCTION_MODE=true\n${lines(20_000, (i) => `# themisdb-disable-next-line ENV015 -- generated\nTHEMIS_SUPPRESSED_${i}=1`)}`,
  },
  {
    // at 29,000 names ENV015 looked them up for 2.2 s inside one context, where the time limit could not stop it
    name: 'a .env of 14,900 unknown THEMIS_ names close to real ones',
    fast: true,
    file: '.env',
    text: () => lines(14_900, (i) => `THEMIS_PRODUCTON_MOD${i}=1`),
    limit: true,
  },
  {
    // at 5,800 services the lightbulb checked a fix by analyzing the fixed text, which stopped at the time
    // limit too (3.1 s); the server's parse (is it a deployment file?) was not counted by the time limit (2.1 s)
    name: 'compose file of 2,950 services merging one anchor',
    file: 'docker-compose.yml',
    text: () =>
      `x-env: &env\n  THEMIS_PRODUCTION_MODE: "0"\n  THEMIS_TOKEN_ADMIN: abc\nservices:\n${lines(2_950, (i) => `  t${i}:\n    image: themisdb/themisdb:latest\n    environment:\n      <<: *env\n      THEMIS_I: "${i}"`)}`,
  },
  {
    // at 7,000 services the lightbulb over the whole file took 4.5 s
    name: 'compose file of 3,700 services, each extending the one before',
    file: 'docker-compose.yml',
    text: () =>
      `services:\n${lines(3_700, (i) => `  s${i}:\n    ${i ? `extends: s${i - 1}` : 'image: themisdb/themisdb:latest'}\n    environment:\n      THEMIS_X${i}: "1"`)}`,
  },
  {
    // each value's place in the file was a scan of every entry: quadratic in the services
    name: 'compose file of 2,000 ThemisDB services',
    fast: true,
    file: 'docker-compose.yml',
    text: () =>
      `services:\n${lines(2_000, (i) => `  themis${i}:\n    image: themisdb/themisdb:latest\n    environment:\n      THEMIS_PRODUCTION_MODE: "0"\n      THEMIS_TOKEN_ADMIN: changeme${i}`)}`,
  },
  {
    // a deployment file over the limits used to draw nothing at all, as if it ran no ThemisDB
    name: 'compose file of 40,000 lines',
    fast: true,
    file: 'docker-compose.yml',
    text: () =>
      `services:\n  themis:\n    image: themisdb/themisdb:latest\n    environment:\n${lines(40_000, (i) => `      - SETTING_${i}=x`)}`,
    limit: true,
  },
  {
    // each listing read the file again, and each value copied the history of the ones it overrode
    name: 'env_file listing one 2,000-line file 2,000 times',
    fast: true,
    file: 'docker-compose.yml',
    extra: { 'prod.env': lines(2_000, (i) => `THEMIS_SETTING_${i}=${i}`) },
    text: () =>
      `services:\n  themis:\n    image: themisdb/themisdb:latest\n    env_file:\n${lines(2_000, () => '      - prod.env')}`,
  },
  {
    // each service read the file again: 4 million values, 34 s and 2.2 GB
    name: '2,000 services loading one 2,000-line .env',
    file: 'docker-compose.yml',
    extra: { 'prod.env': lines(2_000, (i) => `THEMIS_SETTING_${i}=${i}`) },
    text: () => `services:\n${lines(2_000, (i) => `  themis${i}:\n    image: themisdb/themisdb:latest\n    env_file: prod.env`)}`,
    limit: true,
  },
  {
    // every file of a folder listed its 2,000 siblings, and each report went over the kept models
    name: 'a unit with 2,000 drop-ins in one folder',
    file: 'themisdb.service',
    extra: Object.fromEntries(
      Array.from({ length: 2_000 }, (_, i) => [
        `themisdb.service.d/${String(i).padStart(4, '0')}.conf`,
        `[Service]\nEnvironment=THEMIS_PRODUCTION_MODE=${i % 2}\n`,
      ]),
    ),
    text: () => '[Service]\nExecStart=/usr/bin/themis_server\n',
  },
  {
    // each container decoded the ConfigMap again, and each missing variable scanned for typos
    name: '600 Deployments loading one 2,000-key ConfigMap',
    file: 'k8s/deployment.yaml',
    extra: {
      'k8s/configmap.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n${lines(2_000, (i) => `  THEMIS_SETTING_${i}: "1"`)}`,
    },
    text: () =>
      Array.from(
        { length: 600 },
        (_, i) =>
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: themis${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: themisdb\n          image: themisdb/themisdb:latest\n          envFrom:\n            - configMapRef:\n                name: settings\n`,
      ).join('---\n'),
    limit: true,
  },
];

/** A folder holding the case's files, `ok/config.yaml`, and a `.git` folder (a repository root: no walk goes above it). */
export function writeCase(c) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themisdb-limits-'));
  const files = { ...c.extra, [c.file]: c.text(), 'ok/config.yaml': `${CONFIG}network:\n  tls:\n    min_version: "1.0"\n` };
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [rel, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), data);
  }
  return dir;
}

/** Peak RSS (MB), wall and CPU seconds from /usr/bin/time -v's report. */
export function timeReport(stderr) {
  const num = (re) => Number(re.exec(stderr)?.[1] ?? NaN);
  const wall = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
  return {
    mb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
    wallMs: wall ? (Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3])) * 1000 : NaN,
    cpuMs: (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000,
  };
}

/**
 * Whether a cost is within the budget: its wall time, or its CPU time when the machine is
 * loaded (other processes stretch the wall time, not the work done).
 */
const within = (wallMs, cpuMs, budget) => Math.min(wallMs, Number.isFinite(cpuMs) ? cpuMs : wallMs) <= budget.ms;

/** CPU milliseconds a process has used so far (Linux /proc), NaN when unknown. */
function cpuOf(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 10 ms
  } catch {
    return NaN;
  }
}

/** The server process under /usr/bin/time (its child). */
function serverPid(wrapperPid) {
  try {
    return Number(fs.readFileSync(`/proc/${wrapperPid}/task/${wrapperPid}/children`, 'utf8').trim().split(' ')[0]);
  } catch {
    return NaN;
  }
}

/** The CLI on the case's folder: its exit status, findings (file, rule, message) and cost. */
export function runCli(dir, format = 'json', extra = []) {
  const r = spawnSync(TIME, ['-v', process.execPath, cli, ...extra, '--format', format, '--fail-on', 'none', dir], {
    encoding: 'utf8',
    maxBuffer: 1e9,
  });
  let findings = [];
  try {
    findings = format === 'sarif' ? sarifFindings(JSON.parse(r.stdout)) : JSON.parse(r.stdout);
  } catch {
    /* reported as a problem below */
  }
  return { status: r.status, findings, stderr: r.stderr, ...timeReport(r.stderr) };
}

/** A SARIF log's results as the JSON format's findings: file, rule, message. */
function sarifFindings(log) {
  return log.runs.flatMap((run) =>
    run.results.map((r) => ({
      file: decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri),
      ruleId: r.ruleId,
      message: r.message.text,
    })),
  );
}

/** What the CLI run broke of the budgets and promises (empty: none). */
export function cliProblems(c, run, budget = BUDGET, what = 'CLI') {
  const problems = [];
  if (run.status !== 0) problems.push(`${what} exit ${run.status}: ${run.stderr.split('\n').slice(0, 3).join(' ')}`);
  if (!within(run.wallMs, run.cpuMs, budget))
    problems.push(`${what} took ${Math.round(run.wallMs)} ms (CPU ${Math.round(run.cpuMs)} ms)`);
  if (run.mb > budget.mb) problems.push(`${what} peaked at ${Math.round(run.mb)} MB`);
  const own = run.findings.filter((f) => f.file === c.file || f.file.endsWith(`/${c.file}`));
  const limits = own.filter((f) => f.ruleId === 'LIMIT');
  if (c.limit && limits.length === 0) problems.push(`${what}: no LIMIT finding names the limit hit`);
  if (new Set(limits.map((f) => f.message)).size !== limits.length) problems.push(`${what}: one limit reported twice`);
  if (!run.findings.some((f) => f.file.endsWith('ok/config.yaml') && f.ruleId !== 'LIMIT'))
    problems.push(`${what}: the other file of the folder was not reported`);
  return problems;
}

/**
 * The server with the case's file open: time to its diagnostics, a hover and a completion at
 * the case's place, the lightbulb over the whole file and fix-all, then its peak memory once
 * it has exited.
 */
export async function runLsp(dir, c, budget = BUDGET) {
  const client = new LspClient({
    rootDir: dir,
    settings: { profile: 'auto', rules: {}, validate: { delay: 0 } },
    wrapper: [TIME, '-v'],
  });
  const out = { ms: {}, cpu: {} };
  let pid = NaN;
  const timed = async (what, run) => {
    const t0 = performance.now();
    const c0 = cpuOf(pid);
    try {
      return await run();
    } finally {
      out.ms[what] = performance.now() - t0;
      out.cpu[what] = cpuOf(pid) - c0;
    }
  };
  try {
    await client.initialize();
    pid = serverPid(client.proc.pid);
    const full = path.join(dir, c.file);
    const data = fs.readFileSync(full);
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : data;
    const uri = client.open(full, text, /\.ya?ml$/.test(c.file) ? 'yaml' : 'dotenv');
    const published = await timed('diagnostics', () => client.waitForDiagnostics(uri, () => true, 60_000));
    out.diagnostics = published.diagnostics;
    const offset = c.hover ? c.hover(text) : Math.min(text.length, 2);
    const before = text.slice(0, offset);
    const position = { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
    await timed('hover', () => client.request('textDocument/hover', { textDocument: { uri }, position }));
    await timed('completion', () => client.request('textDocument/completion', { textDocument: { uri }, position }));
    const lastLine = text.split('\n').length;
    const range = { start: { line: 0, character: 0 }, end: { line: lastLine, character: 0 } };
    await timed('codeAction', () =>
      client.request('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics: published.diagnostics },
      }),
    );
    await timed('fixAll', () =>
      client.request('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics: published.diagnostics, only: ['source.fixAll.themisdb'] },
      }),
    );
    // navigation reads the whole file's model wherever it is asked
    await timed('definition', () => client.request('textDocument/definition', { textDocument: { uri }, position }));
    await timed('references', () =>
      client.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }),
    );
    await timed('outline', () => client.request('textDocument/documentSymbol', { textDocument: { uri } }));
    await timed('posture', () => client.request('themisdb/posture', {}));
  } finally {
    await client.shutdown();
  }
  Object.assign(out, timeReport(client.stderr));
  out.problems = [];
  for (const [what, ms] of Object.entries(out.ms))
    if (!within(ms, out.cpu[what], budget))
      out.problems.push(`server ${what} took ${Math.round(ms)} ms (CPU ${Math.round(out.cpu[what])} ms)`);
  if (out.mb > budget.mb) out.problems.push(`server peaked at ${Math.round(out.mb)} MB`);
  const limits = (out.diagnostics ?? []).filter((d) => d.code === 'LIMIT');
  if (c.limit && limits.length === 0) out.problems.push('server: no LIMIT diagnostic names the limit hit');
  return out;
}
