// Performance benchmark (DESIGN "Performance budgets", issue 12). Runs our language
// server and yaml-language-server side by side over LSP stdio, interleaved, on the
// real core config and a 10,000-line config, then times the engine in process, and the CLI
// on 1,000 and 3,000 real files against a script that only reads and parses them.
//   npm run bench                      (builds first)
//   npm run bench -- --write-readme    also replaces the table between the bench markers in README.md
// yaml-language-server is installed on demand into .cache/bench (git-ignored).
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { YAML_BUILD } from './yamlBuild.mjs';
import { generate, measureCli, measureFloor } from '../test/perf/cliMemory.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const engine = require(path.join(repo, 'server/out/engine.js'));
// the bare parse runs the build of `yaml` the engine bundles: a slower one would flatter the ratio
const yaml = await import(pathToFileURL(path.join(repo, YAML_BUILD)).href);

const YLS_VERSION = '2.0.0';
const CACHE = path.join(repo, '.cache', 'bench');
const SCHEMA = path.join(repo, 'schemas/themisdb-config.schema.json');
const ROUNDS = { real: 30, big: 10, start: 7, cli: 3 };
/** The CLI's folder trees: the budget's 1,000 files, and three times as many to show its memory stays flat. */
const CLI_FILES = { budget: 1000, more: 3000 };
/** After the real config's rounds: edits left untimed while the JIT compiles both servers' hot code, then timed ones. */
const WARM = { untimed: 250, timed: 60 };

// ---------------------------------------------------------------- inputs

/** A corpus file: from the shared corpus beside the checkout, else the copy under test/fixtures/real. */
function corpusFile(corpusName, fixture) {
  const candidates = [
    process.env.THEMIS_CORPUS && path.join(process.env.THEMIS_CORPUS, corpusName),
    path.join(repo, '..', 'shared', 'corpus', 'themisdb', corpusName),
    path.join(repo, '..', '..', 'shared', 'corpus', 'themisdb', corpusName),
    path.join(repo, 'test', 'fixtures', 'real', fixture),
  ].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`none of these exists: ${candidates.join(', ')}`);
  return found;
}

const realPath = corpusFile('config__core__config.yaml@3955e2b8.yaml', '3955e2b8/config/core/config.yaml');
const envPath = corpusFile('docker__.env.example', 'docker/.env.example');
const realText = fs.readFileSync(realPath, 'utf8');
const envText = fs.readFileSync(envPath, 'utf8');

/** A realistic config of `lines` lines: the real core config plus many tenants' quotas. */
function bigConfig(lines) {
  const text = realText.replace(/\n*$/, '\n');
  const tenants = [];
  const room = lines - lineCount(text) - 1; // one line for `quotas_by_tenant:`
  for (let i = 0; tenants.length < room; i++)
    tenants.push(
      `    tenant_${i}:`,
      `      max_storage_gb: ${100 + i}`,
      `      max_qps: ${1000 + i}`,
      `      max_connections: 50`,
      `      enabled: true`,
    );
  return text.replace(/^tenants:\n/m, `tenants:\n  quotas_by_tenant:\n${tenants.slice(0, room).join('\n')}\n`);
}

/** A .env of `lines` lines: the real example, then application and THEMIS_ variables. */
function envOf(lines) {
  const out = envText.replace(/\n*$/, '').split('\n').slice(0, lines);
  for (let i = 0; out.length < lines; i++) out.push(i % 2 ? `THEMIS_PLUGIN_${i}_ENABLED=true` : `APP_SETTING_${i}=value${i}`);
  return out.join('\n') + '\n';
}

const lineCount = (t) => t.replace(/\n$/, '').split('\n').length;
const bigText = bigConfig(10_000);

/** Where a keystroke, completion and hover happen: the `port` of the `server` block. */
function probes(text) {
  const lines = text.split('\n');
  const server = lines.findIndex((l) => l === 'server:');
  const port = lines.findIndex((l, i) => i > server && /^ {2}port: \d+/.test(l));
  const blank = lines.findIndex((l, i) => i > server && l.trim() === '');
  if (server < 0 || port < 0 || blank < 0) throw new Error('the config has no server.port to edit');
  const digit = lines[port].length - 1;
  return {
    edit: { line: port, character: digit, digits: [lines[port][digit], lines[port][digit] === '5' ? '6' : '5'] },
    completion: { line: blank, character: Math.min(2, lines[blank].length) },
    hover: { line: port, character: 3 },
  };
}

// ---------------------------------------------------------------- statistics

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs) => ({ med: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Runs `fn` for 200 ms (at least once) before it is timed: the JIT compiles the code under test, as it has after a few edits in the editor. */
function warmUp(fn) {
  const end = now() + 200;
  do fn();
  while (now() < end);
}

/** Runs `fn` at least `min` times and until `budgetMs` is spent (at most `max`), after a warm-up. */
function sample(fn, { min = 5, max = 200, budgetMs = 1500 } = {}) {
  warmUp(fn);
  const xs = [];
  const end = now() + budgetMs;
  while (xs.length < min || (xs.length < max && now() < end)) {
    const t = now();
    fn();
    xs.push(now() - t);
  }
  return stats(xs);
}

/** Like `sample`, for two functions run alternately, so both see the same machine load: their times, in pairs. */
function samplePair(a, b, { min = 5, max = 200, budgetMs = 1500 } = {}) {
  warmUp(a);
  warmUp(b);
  const xs = [[], []];
  const end = now() + budgetMs;
  while (xs[1].length < min || (xs[1].length < max && now() < end)) {
    for (const [i, fn] of [a, b].entries()) {
      const t = now();
      fn();
      xs[i].push(now() - t);
    }
  }
  return xs;
}

// ---------------------------------------------------------------- LSP peers

/** yaml-language-server has no setting for its 200 ms validation delay: a wrapper pins it to 0. */
function ylsEntry() {
  const pkg = path.join(CACHE, 'node_modules', 'yaml-language-server', 'package.json');
  const installed = fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  if (installed !== YLS_VERSION) {
    fs.mkdirSync(CACHE, { recursive: true });
    console.error(`installing yaml-language-server@${YLS_VERSION} into ${path.relative(repo, CACHE)} …`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        CACHE,
        '--no-audit',
        '--no-fund',
        '--no-save',
        '--loglevel=error',
        `yaml-language-server@${YLS_VERSION}`,
      ],
      { stdio: 'inherit' },
    );
  }
  const wrapper = path.join(CACHE, 'yls-no-delay.mjs');
  fs.writeFileSync(
    wrapper,
    [
      `import { SettingsState } from './node_modules/yaml-language-server/out/src/yamlSettings.js';`,
      `Object.defineProperty(SettingsState.prototype, 'validationDelayMs', { get: () => 0, set() {}, configurable: true });`,
      `process.env.YAML_LANGUAGE_SERVER_VERSION = '${YLS_VERSION}';`,
      `await import('./node_modules/yaml-language-server/out/src/server.js');`,
      '',
    ].join('\n'),
  );
  return wrapper;
}

const schemaUri = pathToFileURL(SCHEMA).href;
const ourSettings = { profile: 'production', rules: {}, validate: { delay: 0 } };
const ylsSettings = {
  validate: true,
  hover: true,
  completion: true,
  schemaStore: { enable: false },
  schemas: { [schemaUri]: ['**/config/core/config.yaml'] },
};

/** Answers `workspace/configuration` for a dotted section from a settings tree. */
function section(tree, name) {
  let v = tree;
  for (const part of (name ?? '').split('.').filter(Boolean)) v = v?.[part];
  return v ?? null;
}

/**
 * What the VS Code extension tells our server at start (client/src/extension.ts): among it, that
 * the client watches the settings and baseline files, so the server keeps the baseline it found
 * instead of looking for one again on every keystroke.
 */
const VSCODE_INIT_OPTIONS = {
  workspaceTrusted: true,
  watchesSettingsFiles: true,
  clientCommands: ['themisdb.showRuleDocs', 'themisdb.selectSuppressionReason'],
};

class Peer {
  constructor(name, args, settings, env = {}, initializationOptions = undefined) {
    Object.assign(this, { name, args, settings, env, initializationOptions, waiters: [] });
  }

  /** Spawns the server; resolves with the time from spawn to the `initialize` result. */
  async start(root) {
    const t = now();
    this.proc = spawn(process.execPath, this.args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...this.env } });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.proc.stdin.on('error', () => {}); // a server that exits first
    this.conn = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.proc.stdout),
      new rpc.StreamMessageWriter(this.proc.stdin),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.waiters = this.waiters.filter((w) => !w(p));
    });
    this.conn.onRequest('workspace/configuration', (p) => p.items.map((i) => section(this.settings, i.section)));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification(() => {});
    this.conn.onError(() => {});
    this.conn.listen();
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
      initializationOptions: this.initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } },
      },
    });
    const ms = now() - t;
    this.conn.sendNotification('initialized', {});
    this.conn.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
    this.versions = new Map();
    return ms;
  }

  nextDiagnostics(uri, version, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const fail = () =>
        reject(new Error(`${this.name}: no diagnostics for ${uri} in ${timeoutMs} ms ${this.stderr.slice(-500)}`));
      const timer = setTimeout(fail, timeoutMs);
      this.waiters.push((p) => {
        if (p.uri !== uri || (p.version !== undefined && p.version !== null && p.version < version)) return false;
        clearTimeout(timer);
        resolve(p);
        return true;
      });
    });
  }

  async open(file, text) {
    const uri = pathToFileURL(file).href;
    this.versions.set(uri, 1);
    const done = this.nextDiagnostics(uri, 1);
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return { uri, diagnostics: (await done).diagnostics };
  }

  /** One keystroke (a digit replaced) until the diagnostics of that version arrive, in ms. */
  async keystroke(uri, { line, character }, ch) {
    const version = this.versions.get(uri) + 1;
    this.versions.set(uri, version);
    const done = this.nextDiagnostics(uri, version);
    const t = now();
    this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: ch }],
    });
    await done;
    return now() - t;
  }

  /** What a user's edit asks of a server: the keystroke's diagnostics, then completion and hover at the probes (ms each). */
  async edit(uri, at, ch) {
    const key = await this.keystroke(uri, at.edit, ch);
    const completion = await this.request('textDocument/completion', uri, at.completion);
    const hover = await this.request('textDocument/hover', uri, at.hover);
    return { key, completion, hover };
  }

  async request(method, uri, position) {
    const t = now();
    await this.conn.sendRequest(method, { textDocument: { uri }, position });
    return now() - t;
  }

  /** Resident and peak memory of the server process, in MB (Linux /proc). */
  memory() {
    try {
      const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    } catch {
      return { rss: NaN, peak: NaN };
    }
  }

  async stop() {
    const exited = new Promise((r) => this.proc.once('exit', r));
    const timeout = (msec) => new Promise((r) => setTimeout(r, msec));
    await Promise.race([this.conn.sendRequest('shutdown').catch(() => {}), timeout(1000)]);
    await this.conn.sendNotification('exit').catch(() => {});
    await Promise.race([exited, timeout(1000)]);
    this.proc.kill();
    this.conn.dispose();
  }
}

// ---------------------------------------------------------------- results

const sections = [];
let current;
const heading = (title, header) => sections.push((current = { title, header, rows: [] }));
const row = (r) => current.rows.push(r);
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmt = (s) => `${ms(s.med)} ms (${ms(s.min)}–${ms(s.max)})`;
const ratio = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Ours / theirs: ratio of the medians, and the range of the ratios of the interleaved rounds. */
function peerRow(what, ours, theirs, budget = '') {
  const pairs = ours.map((o, i) => o / theirs[i]);
  const a = stats(ours);
  const b = stats(theirs);
  row({
    what,
    ours: fmt(a),
    theirs: fmt(b),
    ratio: `${ratio(a.med / b.med)}× (${ratio(Math.min(...pairs))}–${ratio(Math.max(...pairs))})`,
    budget,
  });
}

// ---------------------------------------------------------------- 1. over LSP

async function peers() {
  const ylsArgs = [ylsEntry(), '--stdio'];
  const ourArgs = [path.join(repo, 'server/out/server.js'), '--stdio'];
  // our server's code cache (lsp/boot.ts) in a folder of the bench's own, as VS Code gives it the extension's storage
  const codeCache = { THEMISDB_CODE_CACHE_DIR: path.join(CACHE, 'code-cache') };
  const make = {
    ours: () => new Peer('ours', ourArgs, { themisdb: ourSettings }, codeCache, VSCODE_INIT_OPTIONS),
    theirs: () => new Peer('yaml-language-server', ylsArgs, { yaml: ylsSettings, http: {}, '[yaml]': {}, editor: {} }),
    // the same server parsing every version in full: what incremental parsing saves
    fullParse: () =>
      new Peer(
        'ours, full parse',
        ourArgs,
        { themisdb: ourSettings },
        { ...codeCache, THEMISDB_INCREMENTAL: '0' },
        VSCODE_INIT_OPTIONS,
      ),
  };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'themisdb-bench-'));
  const files = { real: path.join(root, 'real/config/core/config.yaml'), big: path.join(root, 'big/config/core/config.yaml') };
  const texts = { real: realText, big: bigText };
  for (const k of Object.keys(files)) {
    fs.mkdirSync(path.dirname(files[k]), { recursive: true });
    fs.writeFileSync(files[k], texts[k]);
  }
  try {
    // start: fresh processes, alternating which one spawns first, after one start that writes
    // our code cache (the start every later one is)
    const first = make.ours();
    await first.start(root);
    await first.stop();
    const starts = [[], []];
    for (let r = 0; r < ROUNDS.start; r++) {
      for (const i of r % 2 ? [1, 0] : [0, 1]) {
        const p = [make.ours, make.theirs][i]();
        starts[i].push(await p.start(root));
        await p.stop();
      }
    }

    // the two peers alone in their rounds: a third server's work (its GC, its JIT) would land on
    // whichever of them runs after it, and add the same milliseconds to both
    const peer = await roundsOf([make.ours(), make.theirs()], root, files, texts, { warm: true });
    // then what incremental parsing saves: two fresh servers of ours, given the same edits
    const parse = await roundsOf([make.ours(), make.fullParse()], root, files, texts, { warm: false });

    heading(`Over LSP stdio, interleaved with yaml-language-server ${YLS_VERSION} (same schema, validation delay 0)`, [
      'Ours',
      'yaml-language-server',
      'Ours / theirs',
    ]);
    const name = { real: `real core config (${lineCount(realText)} lines)`, big: `${lineCount(bigText)}-line config` };
    const [a, b] = peer.times;
    for (const k of ['real', 'big']) {
      peerRow(`keystroke → diagnostics, ${name[k]}`, a[k].key, b[k].key, '≤ 0.33×');
      peerRow(`completion, ${name[k]}`, a[k].completion, b[k].completion, '< 10 ms');
      peerRow(`hover, ${name[k]}`, a[k].hover, b[k].hover, '< 10 ms');
    }
    const mem = peer.memory;
    peerRow('start: spawn → initialize result', starts[0], starts[1], '< 200 ms');
    row({
      what: 'memory with both files open: RSS (peak)',
      ours: `${mem[0].rss.toFixed(0)} MB (${mem[0].peak.toFixed(0)})`,
      theirs: `${mem[1].rss.toFixed(0)} MB (${mem[1].peak.toFixed(0)})`,
      ratio: `${ratio(mem[0].rss / mem[1].rss)}×`,
      budget: '',
    });
    heading(
      `The same keystroke once both servers are warm: after ${WARM.untimed} more edits (each with its completion and hover), ${WARM.timed} timed`,
      ['Ours', 'yaml-language-server', 'Ours / theirs'],
    );
    peerRow(`keystroke → diagnostics, ${name.real}`, a.warm, b.warm, '≤ 0.33×');
    heading('Our server reusing the parse of unchanged top-level blocks, against the same server parsing every version in full', [
      'Incremental',
      'Full parse',
      'Incremental / full',
    ]);
    for (const k of ['real', 'big']) peerRow(`keystroke → diagnostics, ${name[k]}`, parse.times[0][k].key, parse.times[1][k].key);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Two servers started together, each given the real and the 10,000-line config and the same
 * edits (a keystroke, its completion and hover), the two alternating who goes first: three
 * untimed rounds, then ROUNDS timed ones; with `warm`, the real config's warm rounds after.
 * Returns each server's times by file (and `warm`), and their memory at the end.
 */
async function roundsOf(servers, root, files, texts, { warm }) {
  for (const s of servers) await s.start(root);
  await new Promise((r) => setTimeout(r, 300)); // both have read their settings
  const out = servers.map(() => ({}));
  try {
    for (const k of ['real', 'big']) {
      const at = probes(texts[k]);
      const opened = [];
      for (const s of servers) opened.push(await s.open(files[k], texts[k]));
      for (const [i, s] of servers.entries()) {
        const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: opened[i].uri }, position: at.hover });
        if (!JSON.stringify(h?.contents ?? '').includes('port')) throw new Error(`${s.name} has no schema hover on server.port`);
      }
      for (const o of out) o[k] = { key: [], completion: [], hover: [] };
      let flip = 0;
      for (let r = -3; r < ROUNDS[k]; r++) {
        const ch = at.edit.digits[++flip % 2];
        for (const i of r % 2 ? [1, 0] : [0, 1]) {
          const { key, completion, hover } = await servers[i].edit(opened[i].uri, at, ch);
          if (r < 0) continue;
          out[i][k].key.push(key);
          out[i][k].completion.push(completion);
          out[i][k].hover.push(hover);
        }
      }
      if (k === 'real' && warm) [out[0].warm, out[1].warm] = await warmRounds(servers, opened, at, flip);
    }
    return { times: out, memory: servers.map((s) => s.memory()) };
  } finally {
    for (const s of servers) await s.stop();
  }
}

/**
 * Keystrokes on the open real config, each followed by its completion and hover, servers
 * alternating who goes first: the first WARM.untimed are not timed, the next WARM.timed are.
 * The rounds above come right after the file opened, while V8 is still compiling the hot code
 * (our server has more of it: every rule); these show what a user sees a few minutes into an edit.
 */
async function warmRounds(servers, opened, at, flip) {
  const times = servers.map(() => []);
  for (let r = 0; r < WARM.untimed + WARM.timed; r++) {
    const ch = at.edit.digits[++flip % 2]; // the other digit than the text has now
    for (const i of r % 2 ? [1, 0] : [0, 1]) {
      const { key } = await servers[i].edit(opened[i].uri, at, ch);
      if (r >= WARM.untimed) times[i].push(key);
    }
  }
  return times;
}

// ---------------------------------------------------------------- 2. in process

function inProcess() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themisdb-bench-'));
  try {
    const analyzer = (name, text) => {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const ws = new engine.Workspace(engine.nodeHost, [dir]);
      return () => engine.analyze(new engine.SourceFile(file, text), ws, { profile: 'production' });
    };
    heading('In process: full analysis (all rules + schema) against a bare `yaml` parse of the same text', [
      'Analysis',
      'Bare parse',
      'Analysis / parse',
    ]);
    for (const [what, text] of [
      [`real core config (${(realText.length / 1024).toFixed(1)} KB)`, realText],
      [`${lineCount(bigText)}-line config`, bigText],
    ]) {
      const [analysis, parse] = samplePair(analyzer('config/core/config.yaml', text), () => yaml.parseAllDocuments(text), {
        budgetMs: 5000,
      });
      const n = Math.min(analysis.length, parse.length);
      peerRow(what, analysis.slice(0, n), parse.slice(0, n), '≤ 1.5×');
    }
    heading('In process: `.env` analysis by size', ['Analysis', '', 'Per 100 lines']);
    const env = [20, 200, 2000].map((n) => ({ n, s: sample(analyzer('.env', envOf(n)), { min: 3, budgetMs: 4000 }) }));
    for (const { n, s } of env)
      row({
        what: `.env of ${n} lines`,
        ours: fmt(s),
        theirs: '',
        ratio: `${ms(s.med / (n / 100))} ms / 100 lines`,
        budget: '≤ 1 ms / 100 lines',
      });
    const growth = env[2].s.med / 2000 / (env[1].s.med / 200);
    row({
      what: 'cost per line at 2,000 / at 200 lines (1 = linear)',
      ours: '',
      theirs: '',
      ratio: `${ratio(growth)}×`,
      budget: '~1×',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- 3. the CLI

/**
 * The built CLI on a tree of real files (a core config, a security config and a .env per
 * folder), against a script that only reads them and parses the YAML ones: rounds
 * alternating who goes first, wall time and peak RSS measured from outside. Then the CLI
 * alone on three times as many files: its peak memory should not grow with them.
 */
function cli() {
  heading(
    `The CLI on a folder tree of real files (config, security config, .env), measured from outside, against reading and parsing them`,
    ['CLI', 'Read + parse', 'CLI / floor'],
  );
  const root = generate(CLI_FILES.budget);
  let runs;
  try {
    runs = { cli: [], floor: [] };
    for (let r = 0; r < ROUNDS.cli; r++)
      for (const k of r % 2 ? ['floor', 'cli'] : ['cli', 'floor']) runs[k].push((k === 'cli' ? measureCli : measureFloor)(root));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const seconds = (k) => runs[k].map((m) => m.seconds * 1000);
  const [a, b] = [stats(seconds('cli')), stats(seconds('floor'))];
  const pairs = seconds('cli').map((c, i) => c / seconds('floor')[i]);
  row({
    what: `wall time, ${CLI_FILES.budget.toLocaleString('en')} files`,
    ours: `${(a.med / 1000).toFixed(2)} s (${(a.min / 1000).toFixed(2)}–${(a.max / 1000).toFixed(2)})`,
    theirs: `${(b.med / 1000).toFixed(2)} s (${(b.min / 1000).toFixed(2)}–${(b.max / 1000).toFixed(2)})`,
    ratio: `${ratio(a.med / b.med)}× (${ratio(Math.min(...pairs))}–${ratio(Math.max(...pairs))})`,
    budget: '≤ 2×',
  });
  const peak = (k) => median(runs[k].map((m) => m.rss));
  row({
    what: `peak RSS, ${CLI_FILES.budget.toLocaleString('en')} files`,
    ours: `${peak('cli').toFixed(0)} MB`,
    theirs: `${peak('floor').toFixed(0)} MB`,
    ratio: `${ratio(peak('cli') / peak('floor'))}×`,
    budget: '',
  });
  const more = generate(CLI_FILES.more);
  let large;
  try {
    large = measureCli(more);
  } finally {
    fs.rmSync(more, { recursive: true, force: true });
  }
  row({
    what: `peak RSS, ${CLI_FILES.more.toLocaleString('en')} files / ${CLI_FILES.budget.toLocaleString('en')} files (1 = flat)`,
    ours: `${large.rss.toFixed(0)} MB / ${peak('cli').toFixed(0)} MB`,
    theirs: '',
    ratio: `${ratio(large.rss / peak('cli'))}×`,
    budget: 'flat (~1×)',
  });
}

// ---------------------------------------------------------------- report

const t0 = now();
await peers();
inProcess();
cli();
const machine = `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'cpu'}`;
const seconds = ((now() - t0) / 1000).toFixed(0);

console.log(`ThemisDB Config benchmark — ${machine}, ${seconds} s. Medians (min–max).`);
for (const s of sections) {
  console.log(`\n${s.title}`);
  const cols = ['what', 'ours', 'theirs', 'ratio', 'budget'];
  const w = cols.map((c) => Math.max(...s.rows.map((r) => String(r[c]).length)));
  for (const r of s.rows) console.log(cols.map((c, i) => String(r[c]).padEnd(w[i])).join('  '));
}

if (process.argv.includes('--write-readme')) {
  const readme = path.join(repo, 'README.md');
  const begin = '<!-- bench:begin (generated by `npm run bench -- --write-readme`) -->';
  const end = '<!-- bench:end -->';
  const md = [begin, `Measured on ${machine}; medians with min–max in parentheses.`, ''];
  for (const s of sections) {
    md.push(`**${s.title}**`, '');
    md.push(`| What | ${s.header.join(' | ')} | Budget |`, '|---|---|---|---|---|');
    for (const r of s.rows) md.push(`| ${[r.what, r.ours, r.theirs, r.ratio, r.budget].map((c) => c || '').join(' | ')} |`);
    md.push('');
  }
  md.push(end);
  const text = fs.readFileSync(readme, 'utf8');
  const a = text.indexOf('<!-- bench:begin');
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error('README.md has no bench markers');
  fs.writeFileSync(readme, text.slice(0, a) + md.join('\n') + text.slice(b + end.length));
  console.log('\nREADME.md performance table rewritten.');
}
