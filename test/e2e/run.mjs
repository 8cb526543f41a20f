#!/usr/bin/env node
// End-to-end test runner: runs the mocha suite in test/e2e/suite inside a real
// VS Code extension host.
//
//  * If VS Code can be downloaded (update.code.visualstudio.com resolves and the
//    download works), @vscode/test-electron launches desktop VS Code.
//  * Otherwise (offline CI, these build machines) the same suite runs in the
//    VS Code server shipped by the npm package code-server, opened in headless
//    Debian Chromium driven by playwright-core. See test/e2e/README.md.
//
// Environment knobs:
//   THEMIS_E2E_MODE=server|electron   skip the probe and force a mode
//   THEMIS_E2E_TIMEOUT_MS=300000      timeout of the suite from the workbench opening (server mode; the one-time tool install is not counted)
//   THEMIS_E2E_VERBOSE=1              also stream every workbench log line
//   THEMIS_E2E_GREP=<regexp>          only run tests whose full title matches
//   THEMIS_E2E_KEEP=1                 keep the temp workspace/profile folders
//   THEMIS_E2E_HEADED=1               show the browser (needs a display)

import { spawn, spawnSync } from 'node:child_process';
import { promises as dnsp } from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
// The extension under test: the repo itself unless overridden (e.g. to try the
// harness against a throwaway extension, or an unpacked .vsix).
const EXT_DEV = path.resolve(process.env.THEMIS_E2E_EXTENSION_PATH || REPO);
const SUITE = path.join(HERE, 'suite', 'index.js');
const FIXTURE = path.join(HERE, 'fixtures', 'workspace');
const OUT_DIR = path.join(REPO, 'test-output', 'e2e');
const CACHE = path.join(REPO, '.cache', 'e2e');

const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_VERSION = 'v13.0.0-10';
const CHROMIUM = process.env.THEMIS_E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.THEMIS_E2E_TIMEOUT_MS || 300_000);
const VERBOSE = !!process.env.THEMIS_E2E_VERBOSE;
const EXTENSION_ID = 'themisdb-config.themisdb-config';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const info = (msg) => process.stdout.write(`[e2e ${elapsed()}] ${msg}\n`);

// ---------------------------------------------------------------- common setup

function prepareOutputAndWorkspace() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const f of fs.readdirSync(OUT_DIR)) {
    if (/\.(png|log|tmp)$/.test(f) || f === 'vscode-logs') fs.rmSync(path.join(OUT_DIR, f), { recursive: true, force: true });
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'themisdb-e2e-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  return { scratch, workspace };
}

function checkBuild() {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT_DEV, 'package.json'), 'utf8'));
  const main = path.resolve(EXT_DEV, manifest.main || 'client/out/extension.js');
  if (!fs.existsSync(main)) {
    info(`extension main ${main} is missing: run "npm run build" first (npm run test:e2e does).`);
    process.exit(2);
  }
}

function suiteEnv(workspace, screenshots) {
  return {
    THEMIS_E2E: '1',
    THEMIS_E2E_WORKSPACE: workspace,
    THEMIS_E2E_OUTPUT_DIR: OUT_DIR,
    THEMIS_E2E_SCREENSHOTS: screenshots ? '1' : '',
    THEMIS_E2E_GREP: process.env.THEMIS_E2E_GREP || '',
    THEMIS_E2E_EXTENSION_ID: EXTENSION_ID,
  };
}

async function canDownloadVSCode() {
  const forced = process.env.THEMIS_E2E_MODE;
  if (forced === 'server') return false;
  if (forced === 'electron') return true;
  try {
    await Promise.race([
      dnsp.lookup('update.code.visualstudio.com'),
      new Promise((_, rej) => setTimeout(() => rej(new Error('DNS timeout')), 3000)),
    ]);
    return true;
  } catch (e) {
    info(`update.code.visualstudio.com not reachable (${e.code || e.message}): using the VS Code server + Chromium.`);
    return false;
  }
}

// ---------------------------------------------------------------- electron mode

async function runElectron(workspace) {
  let te;
  try {
    te = await import('@vscode/test-electron');
  } catch (e) {
    info(`@vscode/test-electron not installed (${e.message}); falling back to the VS Code server.`);
    return null;
  }
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await te.downloadAndUnzipVSCode(process.env.THEMIS_E2E_VSCODE_VERSION || 'stable');
  } catch (e) {
    info(`VS Code download failed (${e.message}); falling back to the VS Code server.`);
    return null;
  }
  info('running the suite in desktop VS Code (@vscode/test-electron); screenshots are not taken in this mode.');
  try {
    await te.runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: EXT_DEV,
      extensionTestsPath: SUITE,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: suiteEnv(workspace, false),
    });
    return 0;
  } catch (e) {
    info(`suite failed: ${e.message || e}`);
    return 1;
  }
}

// ---------------------------------------------------------------- server mode: install

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  return { ok: r.status === 0, status: r.status, out: `${r.stdout || ''}${r.stderr || ''}${r.error ? r.error.message : ''}` };
}

function tail(text, n = 30) {
  return text.trim().split('\n').slice(-n).join('\n');
}

function onPath(cmd) {
  return (process.env.PATH || '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
}

function ensureApt() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (!fs.existsSync('/usr/bin/rg')) missing.push('ripgrep');
  if (!cacheReady()) {
    // native modules of the VS Code server are compiled at install time
    // (node-pty, kerberos needs the GSSAPI headers)
    if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
    if (!onPath('make') || !onPath('g++')) missing.push('build-essential');
    if (!onPath('python3')) missing.push('python3');
  }
  if (missing.length === 0) return;
  if (process.getuid && process.getuid() !== 0) {
    throw new Error(`missing ${missing.join(', ')}; run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  info(`apt-get install -y ${missing.join(' ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = run('apt-get', ['install', '-y', ...missing], { env });
  if (!r.ok) {
    info('apt-get install failed; running apt-get update and retrying ...');
    const u = run('apt-get', ['update'], { env });
    if (!u.ok) throw new Error(`apt-get update failed:\n${tail(u.out)}`);
    r = run('apt-get', ['install', '-y', ...missing], { env });
  }
  if (!r.ok || !fs.existsSync(CHROMIUM) || !fs.existsSync('/usr/bin/rg')) {
    throw new Error(`apt-get install ${missing.join(' ')} failed:\n${tail(r.out)}`);
  }
  info(`installed ${missing.join(', ')} (${elapsed()})`);
}

function cachePaths() {
  const nm = path.join(CACHE, 'node_modules');
  return {
    serverMain: path.join(nm, 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
    codeServerPkg: path.join(nm, 'code-server', 'package.json'),
    playwright: path.join(nm, 'playwright-core', 'index.js'),
  };
}

function cacheReady() {
  const p = cachePaths();
  try {
    const v = JSON.parse(fs.readFileSync(p.codeServerPkg, 'utf8')).version;
    return v === CODE_SERVER_VERSION && fs.existsSync(p.serverMain) && fs.existsSync(p.playwright);
  } catch {
    return false;
  }
}

function ensureNpmCache() {
  if (cacheReady()) return;
  info(
    `installing code-server@${CODE_SERVER_VERSION} + playwright-core into ${path.relative(REPO, CACHE)} (first run only, ~1-2 min) ...`,
  );
  fs.mkdirSync(CACHE, { recursive: true });
  const pkg = path.join(CACHE, 'package.json');
  if (!fs.existsSync(pkg)) {
    fs.writeFileSync(
      pkg,
      JSON.stringify(
        { name: 'themisdb-e2e-cache', private: true, description: 'e2e-only tools, see test/e2e/README.md' },
        null,
        2,
      ) + '\n',
    );
  }
  // @vscode/ripgrep downloads rg from GitHub in its postinstall; seed its cache
  // with Debian's binary so it never goes online.
  const tmp = path.join(CACHE, 'tmp');
  const rgCache = path.join(tmp, RIPGREP_CACHE);
  fs.mkdirSync(rgCache, { recursive: true });
  const target = process.arch === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const tarball = path.join(rgCache, `ripgrep-${RIPGREP_VERSION}-${target}.tar.gz`);
  if (!fs.existsSync(tarball)) {
    const r = run('tar', ['czf', tarball, '-C', '/usr/bin', 'rg']);
    if (!r.ok) throw new Error(`could not seed the ripgrep cache:\n${r.out}`);
  }
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = run(
    npm,
    ['install', '--prefix', CACHE, '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`, 'playwright-core'],
    { env, cwd: CACHE },
  );
  fs.writeFileSync(path.join(OUT_DIR, 'npm-install.log'), r.out);
  if (!r.ok || !cacheReady()) {
    throw new Error(`npm install of the e2e tools failed (log: test-output/e2e/npm-install.log):\n${tail(r.out)}`);
  }
  info(`e2e tools installed (${elapsed()})`);
}

// ---------------------------------------------------------------- server mode: run

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode && res.statusCode < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Known harmless noise of the VS Code server in an offline, headless browser.
const NOISE = [
  /vsda(\.js|_bg\.wasm)/,
  /service ?worker/i,
  /ENOTFOUND/, // open-vsx.org, telemetry and experiment hosts, marketplace
  /open-vsx\.org/,
  /marketplace\.visualstudio\.com|vscode-sync|default\.exp-tas\.com|dc\.services\.visualstudio\.com|mobile\.events\.data\.microsoft\.com/,
  /Failed to load resource: the server responded with a status of 404/,
  /getaddrinfo EAI_AGAIN/,
];
const isNoise = (line) => NOISE.some((re) => re.test(line));

// Workbench chatter at info level: written to workbench.log, not to stdout
// (unless THEMIS_E2E_VERBOSE).
const CHATTER = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore:/,
];

// Log entries arrive as console-style argument lists ("%s (%dms) ...", args).
function formatArgs(args) {
  if (!Array.isArray(args)) args = [args];
  try {
    return util.format(...args);
  } catch {
    return args.map((a) => (typeof a === 'string' ? a : util.inspect(a))).join(' ');
  }
}

async function runServer(workspace, scratch) {
  ensureApt();
  ensureNpmCache();
  const { serverMain, playwright } = cachePaths();

  const port = await freePort();
  const dirs = {};
  for (const d of ['server-data', 'user-data', 'extensions', 'tmp', 'xdg-config']) {
    dirs[d] = path.join(scratch, d);
    fs.mkdirSync(dirs[d], { recursive: true });
  }

  const serverLogPath = path.join(OUT_DIR, 'server.log');
  const serverLog = fs.createWriteStream(serverLogPath);
  const workbenchLog = fs.createWriteStream(path.join(OUT_DIR, 'workbench.log'));
  const browserLog = fs.createWriteStream(path.join(OUT_DIR, 'browser-console.log'));

  // detached: true = setsid(): the server and every child it forks (extension
  // host, file watcher, pty host, our language server) share one process group
  // that we kill as a whole.
  const server = spawn(
    process.execPath,
    [
      serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--server-data-dir',
      dirs['server-data'],
      '--user-data-dir',
      dirs['user-data'],
      '--extensions-dir',
      dirs.extensions,
    ],
    {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TMPDIR: dirs.tmp,
        XDG_CONFIG_HOME: dirs['xdg-config'],
        ...suiteEnv(workspace, true),
      },
    },
  );
  let serverExited = null;
  server.on('exit', (code, sig) => (serverExited = { code, sig }));
  server.stdout.pipe(serverLog, { end: false });
  server.stderr.pipe(serverLog, { end: false });

  let browser = null;
  let page = null;
  let finished = false;

  const killServer = () => {
    // the whole group: children (extension host, language server) may outlive the leader
    if (server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  const cleanup = async () => {
    if (browser) {
      await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
      browser = null;
    }
    if (server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 20; i++) {
        try {
          process.kill(-server.pid, 0);
        } catch {
          break;
        }
        await sleep(100);
      }
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    // keep VS Code's own logs (extension host, remote agent, the extension's
    // output channels) next to ours for debugging
    try {
      const logs = path.join(dirs['user-data'], 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(OUT_DIR, 'vscode-logs'), { recursive: true });
    } catch {
      // already gone
    }
    serverLog.end();
    workbenchLog.end();
    browserLog.end();
    if (!process.env.THEMIS_E2E_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
    else info(`kept scratch folder ${scratch}`);
  };
  const onSignal = (sig) => {
    info(`${sig}: stopping`);
    finished = true;
    killServer();
    if (browser) browser.close().catch(() => {});
    if (!process.env.THEMIS_E2E_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
    setTimeout(() => process.exit(130), 500);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', killServer);

  let result;
  try {
    // wait for the server
    const base = `http://127.0.0.1:${port}`;
    const readyBy = Date.now() + 30_000;
    while (!(await httpOk(`${base}/version`))) {
      if (serverExited)
        throw new Error(
          `VS Code server exited early (${JSON.stringify(serverExited)}); see ${path.relative(REPO, serverLogPath)}`,
        );
      if (Date.now() > readyBy) throw new Error(`VS Code server did not answer on ${base} within 30 s`);
      await sleep(200);
    }
    info(`VS Code server ${CODE_SERVER_VERSION} listening on ${base}`);

    const pw = await import(pathToFileURL(playwright).href);
    const chromium = pw.chromium || (pw.default && pw.default.chromium);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: !process.env.THEMIS_E2E_HEADED,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();

    // ---- screenshot channel
    // The suite logs "E2E_SCREENSHOT <name>"; we take the picture and write it
    // atomically (tmp + rename) to test-output/e2e/<name>.png. The suite waits
    // until that file exists, so the next step never races the picture.
    let shotChain = Promise.resolve();
    const shots = [];
    const takeShot = (rawName, settleMs = 300) => {
      const name =
        String(rawName)
          .replace(/[^A-Za-z0-9._-]+/g, '-')
          .replace(/^-+|-+$/g, '') || 'screenshot';
      const file = path.join(OUT_DIR, `${name}.png`);
      shotChain = shotChain.then(async () => {
        if (!page) return;
        await sleep(settleMs);
        const tmpFile = `${file}.tmp`;
        try {
          await page.screenshot({ path: tmpFile, type: 'png' });
          fs.renameSync(tmpFile, file);
          shots.push(file);
          info(`screenshot ${path.relative(REPO, file)}`);
        } catch (e) {
          info(`screenshot ${name} failed: ${e.message}`);
        }
      });
      return shotChain;
    };

    // ---- result + log channel
    let summary = { passing: null, failing: 0, pending: 0 };
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => {
      resolveExit(typeof code === 'number' ? code : Number(code) || 1);
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (finished) return; // reconnect chatter while we tear down
      const text = formatArgs(args);
      workbenchLog.write(`[${type}] ${text}\n`);
      const m = /^E2E_SCREENSHOT\s+(\S+)\s*$/.exec(text.trim());
      if (m) {
        takeShot(m[1]);
        return;
      }
      for (const l of text.split('\n')) {
        let mm;
        if ((mm = /^\s*(\d+) passing\b/.exec(l))) summary.passing = Number(mm[1]);
        if ((mm = /^\s*(\d+) failing\b/.exec(l))) summary.failing = Number(mm[1]);
        if ((mm = /^\s*(\d+) pending\b/.exec(l))) summary.pending = Number(mm[1]);
      }
      if (isNoise(text)) return;
      if (type === 'info' || type === 'debug' || type === 'trace') {
        if (!VERBOSE && (type !== 'info' || CHATTER.some((re) => re.test(text)))) return;
        process.stdout.write(`${text}\n`);
      } else {
        process.stdout.write(`[${type}] ${text}\n`);
      }
    });
    page.on('console', (msg) => browserLog.write(`[${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (err) => browserLog.write(`[pageerror] ${err.stack || err.message}\n`));

    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${EXT_DEV}`],
      ['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${SUITE}`],
    ];
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    info(`opening workbench on ${workspace}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    // the budget is the suite's: the first run's tool install before it is not counted
    const timeout = sleep(TIMEOUT_MS).then(() => 'timeout');
    const serverDied = (async () => {
      while (!serverExited && !finished) await sleep(500);
      return finished ? new Promise(() => {}) : 'server-exit';
    })();
    const code = await Promise.race([exited, timeout, serverDied]);
    finished = true;
    await shotChain;

    if (code === 'timeout') {
      await takeShot('timeout', 0);
      await shotChain;
      info(
        `TIMEOUT: the suite did not finish within ${elapsed()} (THEMIS_E2E_TIMEOUT_MS=${TIMEOUT_MS}) (screenshot test-output/e2e/timeout.png, logs in test-output/e2e/)`,
      );
      result = 1;
    } else if (code === 'server-exit') {
      info(`the VS Code server exited unexpectedly (${JSON.stringify(serverExited)}); see ${path.relative(REPO, serverLogPath)}`);
      result = 1;
    } else {
      if (code !== 0) {
        await takeShot('failure', 0);
        await shotChain;
      }
      result = code;
      if (code === 0 && !(summary.passing > 0)) {
        info('the suite reported success but no test passed (zero tests ran?): failing the run');
        result = 1;
      }
      info(
        `suite finished with exit code ${code}: ${summary.passing ?? 0} passing, ${summary.failing} failing, ${summary.pending} pending`,
      );
    }
  } catch (e) {
    info(`ERROR: ${e.stack || e.message}`);
    if (page) {
      try {
        await page.screenshot({ path: path.join(OUT_DIR, 'error.png') });
      } catch {
        // already gone
      }
    }
    result = 1;
  } finally {
    finished = true;
    await cleanup();
  }
  return result;
}

// ---------------------------------------------------------------- main

async function main() {
  checkBuild();
  const { scratch, workspace } = prepareOutputAndWorkspace();
  let code = null;
  try {
    if (await canDownloadVSCode()) code = await runElectron(workspace);
    if (code === null) code = await runServer(workspace, scratch);
  } catch (e) {
    info(`ERROR: ${e.stack || e.message}`);
    code = 1;
  } finally {
    if (!process.env.THEMIS_E2E_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
  }
  info(`${code === 0 ? 'PASSED' : 'FAILED'} in ${elapsed()}`);
  process.exit(code);
}

main().catch((e) => {
  info(`ERROR: ${e.stack || e.message}`);
  process.exit(1);
});
