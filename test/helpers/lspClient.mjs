// A minimal real LSP client: spawns the built server over stdio and speaks JSON-RPC to it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './engine.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

export const fileUri = (p) => pathToFileURL(p).href;

/** The initializationOptions of the VS Code extension (client/src/extension.ts): the commands it runs itself. */
export const VSCODE_INIT_OPTIONS = { clientCommands: ['themisdb.showRuleDocs', 'themisdb.selectSuppressionReason'] };

export class LspClient {
  /**
   * `initializationOptions`: what the VS Code client sends (VSCODE_INIT_OPTIONS) or nothing, as other
   * editors; `window`: the client's window capabilities (e.g. `{ showDocument: { support: true } }`);
   * `wrapper`: a command the server runs under (`['/usr/bin/time', '-v']` measures it from outside);
   * `env`: variables set for the server process besides this one's;
   * `server`: the server's entry point (default: the repository's server/out/server.js).
   */
  constructor({
    rootDir,
    settings = { profile: 'auto', rules: {} },
    initializationOptions,
    workspaceCapabilities,
    window,
    wrapper = [],
    env = {},
    server = path.join(repoRoot, 'server/out/server.js'),
  } = {}) {
    this.rootDir = rootDir;
    this.settings = settings;
    this.initializationOptions = initializationOptions;
    this.workspaceCapabilities = workspaceCapabilities;
    this.window = window;
    /** client/registerCapability registrations, in order. */
    this.registrations = [];
    /** window/showMessage notifications, in order. */
    this.messages = [];
    this.diagnostics = new Map();
    this.waiters = [];
    const [command, ...args] = [...wrapper, process.execPath, server, '--stdio'];
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
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
    this.conn.onRequest('client/registerCapability', (p) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    /** The server's output-channel lines (window/logMessage). */
    this.logs = [];
    this.conn.onNotification('window/logMessage', (p) => this.logs.push(p.message));
    this.conn.onNotification('window/showMessage', (p) => this.messages.push(p));
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
      initializationOptions: this.initializationOptions,
      capabilities: {
        ...(this.window ? { window: this.window } : {}),
        workspace: {
          configuration: true,
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          ...this.workspaceCapabilities,
        },
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
