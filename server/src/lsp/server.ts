// The ThemisDB language server: wires LSP requests to the engine.
import * as path from 'path';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { kindFromName } from '../engine/fileKinds';
import { Workspace } from '../engine/workspace/workspace';
import { nodeHost } from '../nodeHost';
import { AnalysisCache, rootOf as rootIn } from './analysisCache';
import { codeActionsFor, FIX_ALL_KIND } from './codeActions';
import { toDiagnostic, uriToPath } from './convert';
import { SettingsCache } from './settings';

const DEBOUNCE_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
let ws = new Workspace(nodeHost);
let cache = new AnalysisCache(ws, (m) => connection.console.error(m));
const timers = new Map<string, NodeJS.Timeout>();
const rootOf = (p: string) => rootIn(ws, p);

connection.onInitialize((params): InitializeResult => {
  const roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
  if (roots.length === 0 && params.rootUri) roots.push(uriToPath(params.rootUri));
  ws = new Workspace(nodeHost, roots);
  cache = new AnalysisCache(ws, (m) => connection.console.error(m));
  settings.supported = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    },
    serverInfo: { name: 'themisdb-language-server' },
  };
});

connection.onInitialized(() => {
  if (settings.supported) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'themisdb' });
});

function schedule(doc: TextDocument): void {
  clearTimeout(timers.get(doc.uri));
  timers.set(
    doc.uri,
    setTimeout(() => {
      timers.delete(doc.uri);
      void validate(doc.uri, doc.version);
    }, DEBOUNCE_MS),
  );
}

async function validate(uri: string, version: number): Promise<void> {
  const s = await settings.get(uri);
  const doc = documents.get(uri);
  if (!doc || doc.version !== version) return; // a newer version is on its way
  const entry = cache.get(doc, s);
  connection.sendDiagnostics({ uri, version, diagnostics: entry.analysis.findings.map((f, i) => toDiagnostic(entry.file.lines, f, i, version)) });
}

/** Files next to a .env (or a config) read it: re-check every other open document. */
function revalidateOthers(uri: string): void {
  cache.clear();
  for (const d of documents.all()) if (d.uri !== uri) schedule(d);
}

documents.onDidOpen((e) => schedule(e.document));
documents.onDidChangeContent((e) => {
  schedule(e.document);
  if (kindFromName(uriToPath(e.document.uri)) === 'env') revalidateOthers(e.document.uri);
});
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  cache.drop(e.document.uri);
  ws.removeOverlay(uriToPath(e.document.uri));
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  cache.clear();
  documents.all().forEach(schedule);
});

connection.onDidChangeWatchedFiles((e) => {
  for (const c of e.changes) ws.invalidate(uriToPath(c.uri));
  cache.clear();
  documents.all().forEach(schedule);
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const s = await settings.get(doc.uri);
  const entry = cache.get(doc, s);
  return codeActionsFor(params, entry, ws, { profile: s.profile, rules: s.rules, root: rootOf(uriToPath(doc.uri)) });
});

documents.listen(connection);
connection.listen();

process.on('uncaughtException', (err) => connection.console.error(`Unexpected error: ${err.stack ?? String(err)} (in ${path.basename(__filename)})`));
