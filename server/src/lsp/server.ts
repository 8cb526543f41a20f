// The ThemisDB language server: wires LSP requests to the engine.
import * as path from 'path';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeResult,
  ProposedFeatures,
  StreamMessageReader,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { deployFileKind, isDeploymentCandidate } from '../engine/deploy/recognize';
import { kindFromName } from '../engine/fileKinds';
import { fileSizeLimit } from '../engine/analyze';
import { Workspace } from '../engine/workspace/workspace';
import { maskSecretsInLog } from '../engine/secretValue';
import { SourceFile } from '../engine/sourceFile';
import { createNodeHost, nodeHost } from '../nodeHost';
import { linkNotice } from '../engine/workspace/linkNotice';
import { AnalysisCache, DocSettings, rootOf as rootIn } from './analysisCache';
import { FileSettings } from '../engine/lintSettings';
import { BaselineFilter } from './baseline';
import {
  BASELINE_FILES_GLOB,
  CLIENT_COMMANDS,
  COMMANDS,
  FIX_ALL_KIND,
  InitializationOptions,
  LINT_WORKSPACE_REQUEST,
  LintWorkspaceResult,
  POSTURE_REQUEST,
  PostureResult,
  PROFILE_REQUEST,
  ProfileInfo,
  ProfileParams,
  SECTION,
  SERVER_COMMANDS,
  SETTINGS_FILES_GLOB,
  WORKSPACE_TRUST_NOTIFICATION,
  WorkspaceTrustParams,
} from '../protocol';
import { codeActionsFor, CommandSupport } from './codeActions';
import { pathToUri, ruleDocsUri, toDiagnostic, uriToPath } from './convert';
import { WorkspaceLint } from './workspaceLint';
import { definition, envSymbols, references } from './navigation';
import { Settings, SettingsCache } from './settings';
import { EditorSettingsFiles, isSettingsFile } from './settingsFiles';
import { completionList, documentKind, forgetDocument } from './completion';
import { findingsHoverAt, hoverAt } from './hover';
import { deployCompletionList, deployDefinition, deployHoverAt, deployReferences, mayBeDeployment } from './deployFeatures';
import { workspacePosture } from './posture';
import { consoleOffStdout, exitWhenInputEnds, FramedMessageWriter } from './stdioTransport';

// over stdio, one frame per message, written when sent (stdioTransport.ts); IPC, sockets and
// pipes as the library opens them
const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new FramedMessageWriter(process.stdout))
  : createConnection(ProposedFeatures.all);
if (stdio) exitWhenInputEnds(connection);
if (stdio) consoleOffStdout((line) => connection.console.log(maskSecretsInLog(line)));
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
let ws = new Workspace(nodeHost);
const logError = (m: string) => connection.console.error(maskSecretsInLog(m));
let cache = new AnalysisCache(ws, logError);
const baseline = new BaselineFilter((m) => connection.console.warn(maskSecretsInLog(m)));
/** Per document, how to cancel its pending validation. */
const pending = new Map<string, () => void>();
/** Per document, the latest schedule() call: an older one whose settings arrive late does nothing. */
const scheduled = new Map<string, number>();
const rootOf = (p: string) => rootIn(ws, p);
const settingsFiles = new EditorSettingsFiles(connection, (uri) => !!documents.get(uri));
/** The client does not watch the settings files itself: the server asks it to. */
let registerSettingsWatcher = false;

/** A document's settings: the editor's, with its settings file resolved by the engine (as in the CLI). */
function settingsOf(uri: string, s: Settings): FileSettings {
  const p = uriToPath(uri);
  return settingsFiles.forDocument(p, s, rootOf(p));
}

/** What the analysis of a document takes from them. */
const analysisSettings = (f: FileSettings): DocSettings => ({ profile: f.profile.value, rules: f.rules, kind: f.kind });
let commands: CommandSupport = { client: new Set(), showDocument: false };
const workspaceLint = new WorkspaceLint({
  workspace: () => ws,
  freshWorkspace: () => {
    const fresh = new Workspace(createNodeHost(ws.roots), ws.roots);
    for (const d of documents.all()) fresh.setOverlay(uriToPath(d.uri), d.getText());
    return fresh;
  },
  settingsOf: async (filePath) => {
    const f = settingsOf(pathToUri(filePath), await settings.get(pathToUri(filePath)));
    return {
      analysis: analysisSettings(f),
      excluded: f.excluded,
      baselinePath: settingsFiles.baselineFor(filePath, f, rootOf(filePath)),
    };
  },
  baseline,
  isOpen: (uri) => !!documents.get(uri),
  publish: (uri, diagnostics) => connection.sendDiagnostics({ uri, diagnostics }),
  logError,
});

connection.onInitialize((params): InitializeResult => {
  const roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
  if (roots.length === 0 && params.rootUri) roots.push(uriToPath(params.rootUri));
  ws = new Workspace(createNodeHost(roots), roots);
  cache = new AnalysisCache(ws, logError);
  settings.supported = !!params.capabilities.workspace?.configuration;
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  settingsFiles.trusted = init.workspaceTrusted !== false;
  registerSettingsWatcher =
    !init.watchesSettingsFiles && !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  settingsFiles.baselinesWatched = !!init.watchesSettingsFiles || registerSettingsWatcher;
  const named = Array.isArray(init.clientCommands) ? init.clientCommands : [];
  commands = {
    client: new Set(CLIENT_COMMANDS.filter((c) => named.includes(c))),
    showDocument: !!params.capabilities.window?.showDocument?.support,
  };
  // only what the server runs itself: the VS Code client registers its own commands
  const serverCommands =
    !commands.client.has(COMMANDS.showRuleDocs) && commands.showDocument ? [SERVER_COMMANDS.openRuleDocs] : [];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      completionProvider: { triggerCharacters: [' ', '{', '='], resolveProvider: false },
      hoverProvider: true,
      ...(serverCommands.length ? { executeCommandProvider: { commands: serverCommands } } : {}),
    },
    serverInfo: { name: 'themisdb-language-server' },
  };
});

connection.onInitialized(() => {
  if (settings.supported) void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION });
  if (registerSettingsWatcher)
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: SETTINGS_FILES_GLOB }, { globPattern: BASELINE_FILES_GLOB }],
    });
});

function schedule(doc: TextDocument): void {
  pending.get(doc.uri)?.();
  const ticket = (scheduled.get(doc.uri) ?? 0) + 1;
  scheduled.set(doc.uri, ticket);
  // the delay is a per-resource setting (themisdb.validate.delay)
  void settings.get(doc.uri).then((s) => {
    if (scheduled.get(doc.uri) !== ticket) return;
    const run = () => {
      pending.delete(doc.uri);
      void validate(doc.uri, doc.version);
    };
    // no delay: right after the messages already received (a 0 ms timer waits at least 1 ms)
    if (s.delay > 0) {
      const timer = setTimeout(run, s.delay);
      pending.set(doc.uri, () => clearTimeout(timer));
    } else {
      const immediate = setImmediate(run);
      pending.set(doc.uri, () => clearImmediate(immediate));
    }
  });
}

async function validate(uri: string, version: number): Promise<void> {
  const s = await settings.get(uri);
  const doc = documents.get(uri);
  if (!doc || doc.version !== version) return; // a newer version is on its way
  const filePath = uriToPath(uri);
  if (settingsFiles.isSettingsDocument(filePath, s, rootOf(filePath))) {
    connection.sendDiagnostics({ uri, version, diagnostics: settingsFiles.bufferDiagnostics(filePath, doc.getText()) });
    return;
  }
  const fileSettings = settingsOf(uri, s);
  if (fileSettings.excluded) {
    connection.sendDiagnostics({ uri, version, diagnostics: [] });
    return;
  }
  const entry = await cache.get(doc, analysisSettings(fileSettings));
  if (documents.get(uri)?.version !== version) return; // edited while the rules ran
  const baselinePath = settingsFiles.baselineFor(filePath, fileSettings, rootOf(filePath));
  connection.sendDiagnostics({
    uri,
    version,
    diagnostics: baseline
      .kept(entry.file, entry.analysis.findings, baselinePath)
      .map((i) => toDiagnostic(entry.file.lines, entry.analysis.findings[i], i, version)),
  });
  publishLinkNotices();
}

/** Links the workspace did not follow get a notice each, on the link (once per link). */
const noticedLinks = new Set<string>();
function publishLinkNotices(): void {
  for (const [link, refusal] of ws.refusedLinks()) {
    const uri = pathToUri(link);
    if (noticedLinks.has(uri) || documents.get(uri)) continue;
    noticedLinks.add(uri);
    const notice = linkNotice(link, refusal);
    connection.sendDiagnostics({ uri, diagnostics: [toDiagnostic(new SourceFile(link, '').lines, notice, 0, 0)] });
  }
}

/** A .env is read by the files beside it, a deployment file by the env files and manifests its services load. */
function readByOthers(filePath: string): boolean {
  if (kindFromName(filePath) === 'env') return true;
  const file = isDeploymentCandidate(filePath) ? ws.file(filePath) : undefined;
  return !!file && deployFileKind(file) !== undefined;
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
  cache.prepare(e.document.uri); // before anything reads the new version's model
  schedule(e.document);
  if (readByOthers(uriToPath(e.document.uri))) revalidateOthers(e.document.uri);
});
documents.onDidClose((e) => {
  pending.get(e.document.uri)?.();
  pending.delete(e.document.uri);
  scheduled.delete(e.document.uri);
  forgetDocument(e.document.uri);
  cache.drop(e.document.uri);
  ws.removeOverlay(uriToPath(e.document.uri));
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  if (isSettingsFile(uriToPath(e.document.uri))) settingsFiles.closed(uriToPath(e.document.uri));
  void workspaceLint.refresh(e.document.uri); // a file "Lint Workspace" reported shows its disk findings again
  // the buffer's unsaved text is gone: files that read this .env see the one on disk again
  if (kindFromName(uriToPath(e.document.uri)) === 'env') revalidateOthers(e.document.uri);
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  settingsFiles.reset();
  cache.clear();
  documents.all().forEach(schedule);
});

/** Trust granted (or withdrawn): the settings files' relaxing entries apply again (or no longer). */
connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (p: WorkspaceTrustParams) => {
  settingsFiles.trusted = p.trusted;
  settingsFiles.reset();
  cache.clear();
  documents.all().forEach(schedule);
  void workspaceLint.refreshAll();
});

connection.onDidChangeWatchedFiles((e) => {
  settingsFiles.changed(e.changes.map((c) => uriToPath(c.uri)));
  for (const c of e.changes) {
    ws.invalidate(uriToPath(c.uri));
    // a link that changed is judged again: its notice goes until the next read says otherwise
    if (noticedLinks.delete(c.uri)) connection.sendDiagnostics({ uri: c.uri, diagnostics: [] });
  }
  cache.clear();
  documents.all().forEach(schedule);
  // any file on disk may be read by the files "Lint Workspace" reported (a .env, a baseline)
  void workspaceLint.refreshAll();
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const f = settingsOf(doc.uri, await settings.get(doc.uri));
  if (f.excluded) return [];
  const entry = await cache.get(doc, analysisSettings(f));
  const options = { ...analysisSettings(f), root: rootOf(uriToPath(doc.uri)) };
  return codeActionsFor(params, entry, ws, options, commands, (m) => connection.console.info(m));
});

/** Commands the server runs for clients without the VS Code extension's (advertised in executeCommandProvider). */
connection.onExecuteCommand(async ({ command, arguments: args }) => {
  const ruleId = args?.[0];
  const uri = typeof ruleId === 'string' ? ruleDocsUri(ruleId) : undefined;
  if (command !== SERVER_COMMANDS.openRuleDocs || !uri) return;
  await connection.window.showDocument({ uri, takeFocus: true });
});

/** "Lint Workspace": every ThemisDB file of the workspace folders, unopened ones too. */
connection.onRequest(LINT_WORKSPACE_REQUEST, (): Promise<LintWorkspaceResult> => workspaceLint.run());

/** The engine's view of an open document (its buffer is already in the workspace). */
function fileOf(uri: string) {
  return documents.get(uri) ? ws.file(uriToPath(uri)) : undefined;
}

/** An open document's file unless it is too large to analyze: navigation gives it nothing (a 10 MB .env's outline took 6.6 s). */
function navigableFileOf(uri: string) {
  const file = fileOf(uri);
  return file && !fileSizeLimit(file) ? file : undefined;
}

connection.onDefinition((params) => {
  const file = navigableFileOf(params.textDocument.uri);
  if (!file) return null;
  return deployDefinition(file, params.position, ws) ?? definition(file, file.lines.offset(params.position), ws) ?? null;
});

connection.onReferences((params) => {
  const file = navigableFileOf(params.textDocument.uri);
  const deploy = file && deployReferences(file, params.position, ws);
  if (deploy) return deploy;
  return file && kindFromName(file.path) === 'env'
    ? references(file, file.lines.offset(params.position), ws, params.context.includeDeclaration)
    : [];
});

connection.onDocumentSymbol((params) => {
  const file = navigableFileOf(params.textDocument.uri);
  return file && kindFromName(file.path) === 'env' ? envSymbols(file) : [];
});

/** For the status bar: whether a document is ThemisDB's and which profile applies. */
connection.onRequest(PROFILE_REQUEST, async ({ uri }: ProfileParams): Promise<ProfileInfo> => {
  const doc = documents.get(uri);
  const f = settingsOf(uri, await settings.get(uri));
  if (!doc) return { themis: false, profile: 'production', setting: f.profile.value };
  const { analysis } = await cache.get(doc, analysisSettings(f));
  return { themis: !!analysis.kind, profile: analysis.profile, setting: f.profile.value };
});

/** For the "Deployment Posture" document: every ThemisDB service of the workspace, control by control. */
connection.onRequest(POSTURE_REQUEST, (): PostureResult => workspacePosture(ws));

/** The family of an open document: from its current analysis when there is one (no second parse). */
function kindOf(uri: string) {
  const doc = documents.get(uri);
  const file = fileOf(uri);
  if (!doc || !file) return undefined;
  // a file too large to analyze gets no hover or completion either: they would parse it
  if (fileSizeLimit(file)) return undefined;
  const analysis = cache.peek(doc.uri, doc.version)?.analysis;
  return { file, analysis, kind: analysis?.kind ?? documentKind(doc.uri, doc.version, file, ws) };
}

connection.onCompletion((params) => {
  const k = kindOf(params.textDocument.uri);
  const deploy = k && mayBeDeployment(k.kind) && deployCompletionList(k.file, params.position);
  if (deploy) return deploy;
  return k ? completionList(k.file, params.position, k.kind, ws, rootOf(k.file.path)) : null;
});

connection.onHover((params) => {
  const k = kindOf(params.textDocument.uri);
  const deploy =
    k && mayBeDeployment(k.kind) && deployHoverAt(k.file, params.position, ws, rootOf(k.file.path), k.analysis?.findings);
  if (deploy) return deploy;
  if (!k) return null;
  const findings = k.analysis?.findings;
  return (
    hoverAt(k.file, params.position, k.kind, ws, { root: rootOf(k.file.path), findings }) ??
    findingsHoverAt(k.file, params.position, findings)
  );
});

documents.listen(connection);
connection.listen();

process.on('uncaughtException', (err) =>
  logError(`Unexpected error: ${err.stack ?? String(err)} (in ${path.basename(__filename)})`),
);
