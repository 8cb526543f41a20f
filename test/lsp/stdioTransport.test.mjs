// Over --stdio the server writes each message, header and body, in one write (the library
// writes them apart: two pipe writes and two wake-ups of the client per diagnostics push),
// what the console prints reaches the client's log, never the protocol stream, and the server
// exits when the client closes its input.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';

const rpc = createRequire(import.meta.url)('vscode-jsonrpc/node');
const CORE = fs.readFileSync(path.join(repoRoot, 'test/fixtures/real/63cde823/config/core/config.yaml'), 'utf8');

/** Each chunk the client reads, split into frames: throws unless it holds whole messages only. */
function framesOf(chunk) {
  const frames = [];
  let at = 0;
  while (at < chunk.length) {
    const end = chunk.indexOf('\r\n\r\n', at);
    const header = end < 0 ? '' : chunk.toString('latin1', at, end);
    const m = /^Content-Length: (\d+)$/.exec(header);
    if (!m) throw new Error(`a chunk holds part of a message at ${at}: ${JSON.stringify(chunk.toString('latin1', at, at + 40))}`);
    const bodyEnd = end + 4 + Number(m[1]);
    if (bodyEnd > chunk.length) throw new Error(`a message body is cut at a chunk's end (${bodyEnd} > ${chunk.length})`);
    frames.push(JSON.parse(chunk.toString('utf8', end + 4, bodyEnd)));
    at = bodyEnd;
  }
  return frames;
}

/** A client on a workspace holding the real core config, recording what the server's stdout delivers. */
function recordingClient(env = {}) {
  const dir = writeWorkspace({ 'config/core/config.yaml': CORE });
  const client = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {}, validate: { delay: 0 } }, env });
  const chunks = [];
  client.proc.stdout.on('data', (d) => chunks.push(d));
  return { client, chunks, file: path.join(dir, 'config/core/config.yaml') };
}

test('over stdio, every read of the server output holds whole messages (header and body written together)', async () => {
  const { client, chunks, file } = recordingClient();
  try {
    await client.initialize();
    const uri = client.open(file, CORE);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    let text = CORE;
    for (let i = 0; i < 20; i++) {
      text = text.replace(/port: (\d+)/, (_m, p) => `port: ${Number(p) + 1}`);
      const version = client.change(uri, text);
      await client.waitForDiagnostics(uri, (p) => p.version === version);
    }
    const frames = chunks.flatMap(framesOf);
    assert.ok(frames.filter((f) => f.method === 'textDocument/publishDiagnostics').length >= 21, `${frames.length} frames`);
    // one chunk per message at least as often as not: the messages did not merely happen to arrive joined
    assert.ok(chunks.length >= 20, `${chunks.length} chunks`);
  } finally {
    await client.shutdown();
  }
});

test('over stdio, what the console prints goes to the client log, masked, and not into the protocol stream', async () => {
  const preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'themisdb-console-')), 'print.cjs');
  // runs before the server and prints once it is up (every console method that writes to stdout)
  fs.writeFileSync(
    preload,
    "setTimeout(() => { console.log('printed by a library'); console.info({ token: 'THEMIS_TOKEN_ADMIN=3f9c2a7b1e8d4f6a0b5c9e2d7a1f4b8c' }); console.dir([1, 2]); }, 500);\n",
  );
  const { client, chunks } = recordingClient({ NODE_OPTIONS: `--require ${JSON.stringify(preload)}` });
  try {
    await client.initialize();
    const deadline = Date.now() + 10_000;
    while (client.logs.filter((l) => /printed by a library|token|\[ 1, 2 \]/.test(l)).length < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.ok(client.logs.includes('printed by a library'), client.logs.join('\n'));
    assert.ok(client.logs.includes('[ 1, 2 ]'), client.logs.join('\n'));
    const tokenLine = client.logs.find((l) => l.includes('token'));
    assert.ok(tokenLine && !tokenLine.includes('3f9c2a7b1e8d4f6a0b5c9e2d7a1f4b8c'), tokenLine);
    for (const c of chunks) framesOf(c); // nothing but whole frames on stdout
  } finally {
    await client.shutdown();
  }
});

/** The server's exit code once the client closes its input, after a shutdown request or not (10 s at most). */
async function exitCodeWhenInputCloses({ shutdown }) {
  const proc = spawn(process.execPath, [path.join(repoRoot, 'server/out/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.onError(() => {});
  conn.listen();
  try {
    await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    if (shutdown) await conn.sendRequest('shutdown');
    proc.stdin.end();
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000).unref());
    return await Promise.race([exited, timeout]);
  } finally {
    conn.dispose();
    proc.kill();
  }
}

test('over stdio, the server exits when its input closes: 0 after a shutdown request, 1 without', async () => {
  assert.equal(await exitCodeWhenInputCloses({ shutdown: true }), 0);
  assert.equal(await exitCodeWhenInputCloses({ shutdown: false }), 1);
});
