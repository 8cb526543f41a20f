// The language server's entry point (server/out/server.js): it runs the server bundle beside
// it (languageServer.js) through a V8 code cache, so a start does not compile the 1.8 MB
// bundle again. The cache lives in a folder only this user can write: the extension's
// storage in VS Code (THEMISDB_CODE_CACHE_DIR), else the user's cache folder. A cached file
// planted by someone else would be run as code, so a folder that others can write, or that
// another user owns, gets no cache. THEMISDB_CODE_CACHE=0 turns the cache off.
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';

const BUNDLE = path.join(__dirname, 'languageServer.js');
/** Written this long after a start that had no usable cache: the functions compiled by then are in it. */
const WRITE_AFTER_MS = 5000;

/** Where the cache may go, or undefined when it is off or no private folder is known. */
function cacheFolder(): string | undefined {
  if (process.env.THEMISDB_CODE_CACHE === '0') return undefined;
  const home = os.homedir();
  const base =
    process.env.THEMISDB_CODE_CACHE_DIR ??
    (process.platform === 'win32'
      ? process.env.LOCALAPPDATA && path.join(process.env.LOCALAPPDATA, 'themisdb-config')
      : path.join(process.env.XDG_CACHE_HOME || (home && path.join(home, '.cache')) || '', 'themisdb-config'));
  if (!base || !path.isAbsolute(base)) return undefined;
  try {
    fs.mkdirSync(base, { recursive: true, mode: 0o700 });
    const st = fs.statSync(base);
    const own = process.platform === 'win32' || (st.uid === process.getuid?.() && (st.mode & 0o022) === 0);
    return st.isDirectory() && own ? base : undefined;
  } catch {
    return undefined;
  }
}

/** The cache file of this bundle and this Node: V8 checks only the source's length, so the name tells builds apart. */
function cacheFile(folder: string): string {
  const st = fs.statSync(BUNDLE);
  const build = `${st.size}-${Math.round(st.mtimeMs)}-${process.version}-${process.arch}`.replace(/[^\w.-]/g, '_');
  return path.join(folder, `languageServer-${build}.cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Replaces the cache in one step (a start reading it meanwhile sees the old one or the new
 * one), and removes the caches of earlier builds.
 */
function writeCache(file: string, script: vm.Script): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temp, file);
    const folder = path.dirname(file);
    for (const old of fs.readdirSync(folder))
      if (/^languageServer-.*\.cache$/.test(old) && old !== path.basename(file))
        fs.rmSync(path.join(folder, old), { force: true });
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

const folder = cacheFolder();
const file = folder && cacheFile(folder);
const cachedData = file ? readCache(file) : undefined;
const source = fs.readFileSync(BUNDLE, 'utf8');
// the wrapper Node gives a CommonJS module, so the bundle runs as if it were required
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: BUNDLE,
  cachedData,
});
if (file && (!cachedData || script.cachedDataRejected)) {
  let written = false;
  const write = () => {
    if (!written) writeCache(file, script);
    written = true;
  };
  setTimeout(write, WRITE_AFTER_MS).unref();
  process.on('exit', write);
}
const bundleModule = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(
  bundleModule.exports,
  createRequire(BUNDLE),
  bundleModule,
  BUNDLE,
  path.dirname(BUNDLE),
);
