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
import { FIX_ALL_KIND, PROFILE_REQUEST, ProfileInfo, ProfileParams, SECTION } from '../protocol';
import { codeActionsFor } from './codeActions';
import { toDiagnostic, uriToPath } from './convert';
import { definition, envSymbols, references } from './navigation';
import { SettingsCache } from './settings';
import { completionList, documentKind, forgetDocument } from './completion';
import { hoverAt } from './hover';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
let ws = new Workspace(nodeHost);
let cache = new AnalysisCache(ws, (m) => connection.console.error(m));
const timers = new Map<string, NodeJS.Timeout>();
/** Per document, the latest schedule() call: an older one whose settings arrive late does nothing. */
const scheduled = new Map<string, number>();
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
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      completionProvider: { triggerCharacters: [' ', '{', '='], resolveProvider: false },
      hoverProvider: true,
    },
    serverInfo: { name: 'themisdb-language-server' },
  };
});

connection.onInitialized(() => {
  if (settings.supported) void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION });
});

function schedule(doc: TextDocument): void {
  clearTimeout(timers.get(doc.uri));
  const ticket = (scheduled.get(doc.uri) ?? 0) + 1;
  scheduled.set(doc.uri, ticket);
  // the delay is a per-resource setting (themisdb.validate.delay)
  void settings.get(doc.uri).then((s) => {
    if (scheduled.get(doc.uri) !== ticket) return;
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        void validate(doc.uri, doc.version);
      }, s.delay),
    );
  });
}

async function validate(uri: string, version: number): Promise<void> {
  const s = await settings.get(uri);
  const doc = documents.get(uri);
  if (!doc || doc.version !== version) return; // a newer version is on its way
  const entry = await cache.get(doc, s);
  if (documents.get(uri)?.version !== version) return; // edited while the rules ran
  connection.sendDiagnostics({
    uri,
    version,
    diagnostics: entry.analysis.findings.map((f, i) => toDiagnostic(entry.file.lines, f, i, version)),
  });
}

/** Files next to a .env (or a config) read it: re-check every other open document. */
function revalidateOthers(uri: string): void {
  cache.clear();
  for (const d of documents.all()) if (d.uri !== uri) schedule(d);
}

// The workspace sees every open buffer at once, before any (deferred) validation:
// a config re-checked because its .env changed must read the new .env text.
documents.onDidOpen((e) => schedule(e.document));
// also fired when a document opens
documents.onDidChangeContent((e) => {
  ws.setOverlay(uriToPath(e.document.uri), e.document.getText());
  schedule(e.document);
  if (kindFromName(uriToPath(e.document.uri)) === 'env') revalidateOthers(e.document.uri);
});
documents.onDidClose((e) => {
  clearTimeout(timers.get(e.document.uri));
  scheduled.delete(e.document.uri);
  forgetDocument(e.document.uri);
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
  const entry = await cache.get(doc, s);
  return codeActionsFor(params, entry, ws, { profile: s.profile, rules: s.rules, root: rootOf(uriToPath(doc.uri)) });
});

/** The engine's view of an open document (its buffer is already in the workspace). */
function fileOf(uri: string) {
  return documents.get(uri) ? ws.file(uriToPath(uri)) : undefined;
}

connection.onDefinition((params) => {
  const file = fileOf(params.textDocument.uri);
  return file ? (definition(file, file.lines.offset(params.position), ws) ?? null) : null;
});

connection.onReferences((params) => {
  const file = fileOf(params.textDocument.uri);
  return file && kindFromName(file.path) === 'env'
    ? references(file, file.lines.offset(params.position), ws, params.context.includeDeclaration)
    : [];
});

connection.onDocumentSymbol((params) => {
  const file = fileOf(params.textDocument.uri);
  return file && kindFromName(file.path) === 'env' ? envSymbols(file) : [];
});

/** For the status bar: whether a document is ThemisDB's and which profile applies. */
connection.onRequest(PROFILE_REQUEST, async ({ uri }: ProfileParams): Promise<ProfileInfo> => {
  const doc = documents.get(uri);
  const s = await settings.get(uri);
  if (!doc) return { themis: false, profile: 'production', setting: s.profile };
  const { analysis } = await cache.get(doc, s);
  return { themis: !!analysis.kind, profile: analysis.profile, setting: s.profile };
});

/** The family of an open document: from its current analysis when there is one (no second parse). */
function kindOf(uri: string) {
  const doc = documents.get(uri);
  const file = fileOf(uri);
  if (!doc || !file) return undefined;
  const analysis = cache.peek(doc.uri, doc.version)?.analysis;
  return { file, analysis, kind: analysis?.kind ?? documentKind(doc.uri, doc.version, file, ws) };
}

connection.onCompletion((params) => {
  const k = kindOf(params.textDocument.uri);
  return k ? completionList(k.file, params.position, k.kind, ws, rootOf(k.file.path)) : null;
});

connection.onHover((params) => {
  const k = kindOf(params.textDocument.uri);
  return k ? hoverAt(k.file, params.position, k.kind, ws, { root: rootOf(k.file.path), findings: k.analysis?.findings }) : null;
});

documents.listen(connection);
connection.listen();

process.on('uncaughtException', (err) =>
  connection.console.error(`Unexpected error: ${err.stack ?? String(err)} (in ${path.basename(__filename)})`),
);
