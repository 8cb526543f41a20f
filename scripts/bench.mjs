// Performance benchmark (DESIGN "Performance budgets"). Prints absolute times and
// the ratios that the budgets are stated in, all measured in this one run:
//   node scripts/bench.mjs            (npm run bench; builds first)
// yaml-language-server is installed on demand into .cache/bench for the comparison.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const engine = require(path.join(repo, 'server/out/engine.js'));
const yaml = require('yaml');

const REAL = path.join(repo, 'test/fixtures/real/3955e2b8/config/core/config.yaml');
const realText = fs.readFileSync(REAL, 'utf8');

function time(fn, { warmup = 30, runs = 200 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]; // median, in ms
}

/** A realistic config of about `lines` lines: the real core config plus many tenants. */
function bigConfig(lines) {
  let text = realText.replace(/\n*$/, '\n');
  const have = text.split('\n').length;
  const tenants = [];
  for (let i = 0; tenants.length * 6 < lines - have - 2; i++) {
    tenants.push(
      `    tenant_${i}:\n      max_storage_gb: ${100 + i}\n      max_qps: ${1000 + i}\n      max_connections: 50\n      enabled: true`,
    );
  }
  return text.replace(/^tenants:\n/m, `tenants:\n  quotas_by_tenant:\n${tenants.join('\n')}\n`);
}

function analyzeTime(text, file = path.join(os.tmpdir(), 'bench', 'config.yaml')) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const ws = new engine.Workspace(engine.nodeHost, [path.dirname(file)]);
  return time(() => engine.analyze(new engine.SourceFile(file, text), ws, { profile: 'production' }), {
    runs: text.length > 100_000 ? 30 : 200,
  });
}

const results = [];
const row = (what, value, budget) => results.push({ what, value, budget });

// 1. the real 25 KB config, warm, vs a bare yaml parse
const bare = time(() => yaml.parseAllDocuments(realText));
const real = analyzeTime(realText);
row(`analysis of the real ${(realText.length / 1024).toFixed(1)} KB core config (ms, median warm)`, real.toFixed(2), '< 5 ms');
row('bare yaml parseAllDocuments of the same file (ms)', bare.toFixed(2), '');
row('analysis / bare yaml parse', (real / bare).toFixed(2), '<= 2');

// 2. linear growth up to 10,000 lines
const sizes = [1000, 5000, 10000];
const big = sizes.map((n) => {
  const text = bigConfig(n);
  return {
    n: text.split('\n').length,
    ms: analyzeTime(text),
    parse: time(() => yaml.parseAllDocuments(text), { warmup: 3, runs: 10 }),
    text,
  };
});
for (const b of big) {
  row(`analysis of a ${b.n}-line config (ms)`, b.ms.toFixed(2), b.n >= 8000 ? '< 100 ms' : '');
  row(`  bare yaml parse of it (ms); analysis / parse`, `${b.parse.toFixed(1)}; ${(b.ms / b.parse).toFixed(2)}`, '');
}
row('ms per 1000 lines at 10k / at 1k (1.0 = linear)', (big[2].ms / big[2].n / (big[0].ms / big[0].n)).toFixed(2), '~1');

// 3. completion and hover at every 500th line of the 10k-line file (when the features exist)
const text10k = big[2].text;
const file10k = path.join(os.tmpdir(), 'bench', 'config.yaml');
const ws10k = new engine.Workspace(engine.nodeHost, [path.dirname(file10k)]);
const source10k = new engine.SourceFile(file10k, text10k);
if (engine.complete && engine.hover) {
  const lines = text10k.split('\n');
  const positions = [];
  for (let l = 0; l < lines.length; l += 500)
    positions.push(source10k.lines.offset({ line: l, character: Math.max(0, lines[l].indexOf(':')) }));
  let worstC = 0;
  let worstH = 0;
  for (const pos of positions) {
    const options = { kind: 'config', workspace: ws10k };
    worstC = Math.max(
      worstC,
      time(() => engine.complete(source10k, pos, options), { warmup: 3, runs: 10 }),
    );
    worstH = Math.max(
      worstH,
      time(() => engine.hover(source10k, pos, options), { warmup: 3, runs: 10 }),
    );
  }
  row('completion, worst of 20 positions in the 10k-line file (ms)', worstC.toFixed(2), '< 10 ms');
  row('hover, worst of 20 positions in the 10k-line file (ms)', worstH.toFixed(2), '< 10 ms');
}

// 4. server process start to `initialize` answered
async function serverStart() {
  const rpc = require('vscode-jsonrpc/node');
  const t = process.hrtime.bigint();
  const proc = spawn(process.execPath, [path.join(repo, 'server/out/server.js'), '--stdio']);
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  conn.dispose();
  proc.kill();
  return ms;
}
const starts = [];
for (let i = 0; i < 5; i++) starts.push(await serverStart());
starts.sort((a, b) => a - b);
row('server start to initialize answered (ms, median of 5)', starts[2].toFixed(1), '< 200 ms');

// 5. yaml-language-server validating the same file with the same schema
async function ylsValidate() {
  const cache = path.join(repo, '.cache', 'bench');
  const yls = path.join(cache, 'node_modules', 'yaml-language-server');
  if (!fs.existsSync(yls)) {
    fs.mkdirSync(cache, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        cache,
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        'yaml-language-server@1',
        'vscode-languageserver-textdocument',
      ],
      { stdio: 'inherit' },
    );
  }
  const req = createRequire(path.join(cache, 'package.json'));
  const { getLanguageService } = req('yaml-language-server');
  const { TextDocument } = req('vscode-languageserver-textdocument');
  const schema = JSON.parse(fs.readFileSync(path.join(repo, 'schemas/themisdb-config.schema.json'), 'utf8'));
  const schemaUri = pathToFileURL(path.join(repo, 'schemas/themisdb-config.schema.json')).href;
  const ls = getLanguageService({
    schemaRequestService: async () => JSON.stringify(schema),
    workspaceContext: { resolveRelativePath: (p) => p },
  });
  ls.configure({ validate: true, schemas: [{ uri: schemaUri, fileMatch: ['*.yaml'], schema }] });
  const doc = TextDocument.create('file:///bench/config.yaml', 'yaml', 1, realText);
  for (let i = 0; i < 10; i++) await ls.doValidation(doc, false);
  const samples = [];
  for (let i = 0; i < 50; i++) {
    const t = process.hrtime.bigint();
    await ls.doValidation(TextDocument.create('file:///bench/config.yaml', 'yaml', i + 2, realText), false);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[25];
}
try {
  const ylsMs = await ylsValidate();
  row('yaml-language-server doValidation, same file and schema (ms)', ylsMs.toFixed(2), '');
  row('yaml-language-server / our full analysis (schema + all rules)', (ylsMs / real).toFixed(2), '>= 3');
} catch (e) {
  row('yaml-language-server comparison', `not run: ${e.message.split('\n')[0]}`, '');
}

console.log(`ThemisDB Config benchmark — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
const w = Math.max(...results.map((r) => r.what.length));
for (const r of results) console.log(`${r.what.padEnd(w)}  ${String(r.value).padStart(8)}  ${r.budget}`);
