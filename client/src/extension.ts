// VS Code side: starts the ThemisDB language server and keeps it alive.
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

import {
  CLIENT_COMMANDS,
  COMMANDS,
  InitializationOptions,
  isRuleId,
  REASON_PLACEHOLDER,
  ruleDocsPath,
  SECTION,
  SelectSuppressionReasonArgs,
  SETTINGS_FILES_GLOB,
  ShowRuleDocsArgs,
  TASK_TYPE,
  WORKSPACE_TRUST_NOTIFICATION,
} from '../../server/src/protocol';
import { generateProductionConfigCommand } from './generateCommand';
import { lintWorkspace } from './lintWorkspace';
import { DEPLOYMENT_FILES_GLOB, PostureView } from './postureView';
import { ProfileStatus, selectProfile } from './profileStatus';
import { LintTaskProvider } from './taskProvider';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;

const CRASH_WINDOW_MS = 3 * 60 * 1000;
const MAX_RESTARTS = 4;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('ThemisDB Config', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(COMMANDS.restartServer, () => restart(context)),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.showRuleDocs, (...args: ShowRuleDocsArgs) => showRuleDocs(context, ...args)),
    vscode.commands.registerCommand(COMMANDS.selectSuppressionReason, (...args: SelectSuppressionReasonArgs) =>
      selectSuppressionReason(...args),
    ),
    vscode.commands.registerCommand(COMMANDS.selectProfile, selectProfile),
    vscode.commands.registerCommand(COMMANDS.generateProductionConfig, generateProductionConfigCommand),
    vscode.commands.registerCommand(COMMANDS.lintWorkspace, () => lintWorkspace(client)),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new LintTaskProvider()),
  );
  const status = new ProfileStatus(() => client);
  const posture = new PostureView(() => client);
  context.subscriptions.push(
    status,
    posture,
    vscode.commands.registerCommand(COMMANDS.showDeploymentPosture, () => posture.show()),
  );
  // Restricted Mode: the server ignores what the settings files would relax until trust is granted
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(
      () => void client?.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true }),
    ),
  );
  await start(context);
  void status.update();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('server/out/server.js');
  // the server's code cache goes to this extension's own storage (lsp/boot.ts)
  const env = { ...process.env, THEMISDB_CODE_CACHE_DIR: context.globalStorageUri.fsPath };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const crashes: number[] = [];
  const clientOptions: LanguageClientOptions = {
    // Deployment files come under the ids VS Code gives them: `yaml`, `dockercompose` (the
    // built-in id of compose.yml and docker-compose*.yml), and units and drop-ins by name
    // whatever their language (`ini`, `properties`, a systemd extension's id). The server
    // decides by content which of them are ThemisDB's.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'file', language: 'dotenv' },
      { scheme: 'file', pattern: '**/{.env,.env.*,*.env,*.env.example}' },
      { scheme: 'file', pattern: '**/{*.service,*.service.d/*.conf}' },
      // the server's JSON fallback: the engine decides by content (fileKinds.ts), as the CLI walk does
      { scheme: 'file', pattern: '**/config.json' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'dockercompose' },
      { scheme: 'untitled', language: 'dotenv' },
    ],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(DEPLOYMENT_FILES_GLOB),
        vscode.workspace.createFileSystemWatcher('**/{config.json,.gitignore,.themisdb-baseline.json}'),
        vscode.workspace.createFileSystemWatcher(SETTINGS_FILES_GLOB),
      ],
    },
    // trust, settings-file watching, and the commands code actions may name that this extension runs (other editors get none of them)
    initializationOptions: () =>
      ({
        workspaceTrusted: vscode.workspace.isTrusted,
        watchesSettingsFiles: true,
        clientCommands: [...CLIENT_COMMANDS],
      }) satisfies InitializationOptions,
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler: {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0] > CRASH_WINDOW_MS) crashes.shift();
        if (crashes.length <= MAX_RESTARTS)
          return { action: CloseAction.Restart, message: 'The ThemisDB language server stopped; restarting it.' };
        void vscode.window
          .showErrorMessage(
            `The ThemisDB language server stopped ${crashes.length} times in 3 minutes and was not restarted. The output channel has the details.`,
            'Restart',
            'Show Output',
          )
          .then((choice) => {
            if (choice === 'Restart') void restart(context);
            else if (choice === 'Show Output') output.show(true);
          });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  client = new LanguageClient(SECTION, 'ThemisDB Config', serverOptions, clientOptions);
  await client.start();
}

async function showRuleDocs(context: vscode.ExtensionContext, ruleId: string): Promise<void> {
  if (!isRuleId(ruleId)) return;
  const uri = vscode.Uri.file(context.asAbsolutePath(ruleDocsPath(ruleId)));
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

/** After "Disable … for this line/file": select the reason placeholder so the user types over it. */
async function selectSuppressionReason(uri: string, line: number): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor || line >= editor.document.lineCount) return;
  const text = editor.document.lineAt(line).text;
  const at = text.indexOf(REASON_PLACEHOLDER);
  if (at < 0) return;
  editor.selection = new vscode.Selection(line, at, line, at + REASON_PLACEHOLDER.length);
  editor.revealRange(editor.selection);
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client && client.state !== State.Stopped) {
    await client.restart();
  } else {
    await start(context);
  }
  output.info('Language server restarted.');
}
