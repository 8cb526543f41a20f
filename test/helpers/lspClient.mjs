// A minimal real LSP client: spawns the built server over stdio and speaks JSON-RPC to it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './engine.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

export const fileUri = (p) => pathToFileURL(p).href;

export class LspClient {
  constructor({ rootDir, settings = { profile: 'auto', rules: {} } } = {}) {
    this.rootDir = rootDir;
    this.settings = settings;
    this.diagnostics = new Map();
    this.waiters = [];
    this.proc = spawn(process.execPath, [path.join(repoRoot, 'server/out/server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.conn = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.proc.stdout),
      new rpc.StreamMessageWriter(this.proc.stdin),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => !w(p));
    });
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    /** The server's output-channel lines (window/logMessage). */
    this.logs = [];
    this.conn.onNotification('window/logMessage', (p) => this.logs.push(p.message));
    // replies to requests that race the server's exit are not errors of the test
    this.conn.onError(() => {});
    this.conn.listen();
  }

  async initialize() {
    const started = process.hrtime.bigint();
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.rootDir ? fileUri(this.rootDir) : null,
      workspaceFolders: this.rootDir ? [{ uri: fileUri(this.rootDir), name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
        },
      },
    });
    this.initMs = Number(process.hrtime.bigint() - started) / 1e6;
    this.conn.sendNotification('initialized', {});
    return result;
  }

  open(filePath, text, languageId = /\.ya?ml$/.test(filePath) ? 'yaml' : 'dotenv') {
    const uri = fileUri(filePath);
    this.versions = this.versions ?? new Map();
    this.versions.set(uri, 1);
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  change(uri, text) {
    const version = this.versions.get(uri) + 1;
    this.versions.set(uri, version);
    this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  close(uri) {
    this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (or the current ones if they do). */
  waitForDiagnostics(uri, pred = () => true, timeoutMs = 5000) {
    const current = this.diagnostics.get(uri);
    if (current && pred(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(
            new Error(
              `no matching diagnostics for ${uri} in ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push((p) => {
        if (p.uri !== uri || !pred(p)) return false;
        clearTimeout(t);
        resolve(p);
        return true;
      });
    });
  }

  request(method, params) {
    return this.conn.sendRequest(method, params);
  }

  async shutdown() {
    const exited = new Promise((resolve) => {
      if (this.proc.exitCode !== null) resolve();
      this.proc.once('exit', resolve);
      setTimeout(resolve, 2000).unref();
    });
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    await exited;
    this.conn.dispose();
    this.proc.kill();
  }
}

/** Applies LSP TextEdits (line/character ranges) to a text. */
export function applyLspEdits(text, edits) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p) => starts[p.line] + p.character;
  return [...edits]
    .sort((a, b) => off(b.range.start) - off(a.range.start))
    .reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}
