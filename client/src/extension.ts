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

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;

const CRASH_WINDOW_MS = 3 * 60 * 1000;
const MAX_RESTARTS = 4;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('ThemisDB Config', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('themisdb.restartServer', () => restart(context)),
    vscode.commands.registerCommand('themisdb.showOutput', () => output.show(true)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const crashes: number[] = [];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'dotenv' },
      { scheme: 'file', pattern: '**/{.env,.env.*,*.env,*.env.example}' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'dotenv' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.env,.env.*,*.env,*.env.example,*.yaml,*.yml,.gitignore}'),
    },
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler: {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0] > CRASH_WINDOW_MS) crashes.shift();
        if (crashes.length <= MAX_RESTARTS) return { action: CloseAction.Restart, message: 'The ThemisDB language server stopped; restarting it.' };
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
  client = new LanguageClient('themisdb', 'ThemisDB Config', serverOptions, clientOptions);
  await client.start();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client && client.state !== State.Stopped) {
    await client.restart();
  } else {
    await start(context);
  }
  output.info('Language server restarted.');
}
