// "ThemisDB: Generate Production Config": a QuickPick wizard around the engine's
// generator. Asks about every file it would overwrite before it writes any; a Cancel
// (or Escape) at any question writes nothing and says so. The engine's write plan
// decides what to write; the .env with secrets gets mode 600, as `themisdb-lint init` does.
import { promises as fsp } from 'fs';
import * as vscode from 'vscode';
import { GenerateOptions, generateProductionConfig } from '../../server/src/engine/generate/productionConfig';
import {
  CANCELLED_MESSAGE,
  gitignoreWithEnv,
  OverwriteAnswer,
  overwriteQuestions,
  planWrites,
} from '../../server/src/engine/generate/writePlan';

type Pick<T> = vscode.QuickPickItem & { value: T };

async function ask<T>(title: string, step: number, items: Pick<T>[]): Promise<T | undefined> {
  const pick = await vscode.window.showQuickPick(items, {
    title: `Generate Production Config (${step}/6): ${title}`,
    ignoreFocusOut: true,
  });
  return pick?.value;
}

async function chooseFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const items: Pick<vscode.Uri | 'browse'>[] = [
    ...folders.map((f) => ({ label: `$(folder) ${f.name}`, description: f.uri.fsPath, value: f.uri })),
    { label: '$(folder-opened) Choose another folder…', value: 'browse' as const },
  ];
  const choice = await ask('Where should the files go?', 6, items);
  if (choice !== 'browse') return choice;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Generate here',
  });
  return picked?.[0];
}

/** The file's type, or undefined when it does not exist. */
async function fileType(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type;
  } catch {
    return undefined;
  }
}

/** A symbolic link, dangling ones included (stat follows links: a dangling one looks absent). */
async function isLink(uri: vscode.Uri, type: vscode.FileType | undefined): Promise<boolean> {
  if (uri.scheme !== 'file') return ((type ?? 0) & vscode.FileType.SymbolicLink) !== 0;
  return (await fsp.lstat(uri.fsPath).catch(() => undefined))?.isSymbolicLink() ?? false;
}

function cancelled(): undefined {
  void vscode.window.showInformationMessage(`ThemisDB: ${CANCELLED_MESSAGE}`);
  return undefined;
}

async function askOptions(): Promise<GenerateOptions | undefined> {
  const topology = await ask('Topology', 1, [
    { label: 'Single node', description: 'one server', value: 'single' as const },
    { label: 'Cluster', description: 'replication and sharding with mutual TLS between nodes', value: 'cluster' as const },
  ]);
  if (!topology) return;
  const keys = await ask('Key management', 2, [
    { label: 'HashiCorp Vault', description: 'keys and signing through Vault (TLS)', value: 'vault' as const },
    { label: 'Hardware security module', description: 'PKCS#11 HSM; the PIN comes from .env', value: 'hsm' as const },
  ]);
  if (!keys) return;
  const gpu = await ask('GPUs', 3, [
    { label: 'No GPU', value: 'none' as const },
    { label: 'NVIDIA MIG', description: 'GPU access control, VRAM clearing and a mig.yaml', value: 'mig' as const },
  ]);
  if (!gpu) return;
  const compliance = await ask('Compliance', 4, [
    { label: 'None', value: 'none' as const },
    { label: 'SOC 2', value: 'soc2' as const },
    { label: 'GDPR', value: 'gdpr' as const },
    { label: 'HIPAA', value: 'hipaa' as const },
  ]);
  if (!compliance) return;
  const withEnv = await ask('Secrets', 5, [
    { label: 'Also write .env with a new admin token', description: 'added to .gitignore', value: true },
    { label: 'Only the .env.example template', value: false },
  ]);
  if (withEnv === undefined) return;
  return { topology, keys, gpu, compliance, withEnv };
}

async function askOverwrite(name: string, folder: vscode.Uri): Promise<OverwriteAnswer | undefined> {
  const answer = await vscode.window.showQuickPick(
    [
      { label: `Overwrite ${name}`, value: 'overwrite' as const },
      { label: `Keep the existing ${name}`, value: 'keep' as const },
      { label: 'Cancel', description: 'write nothing', value: 'cancel' as const },
    ],
    { title: `${name} already exists in ${folder.fsPath}`, ignoreFocusOut: true },
  );
  return answer?.value;
}

export async function generateProductionConfigCommand(): Promise<vscode.Uri | undefined> {
  const options = await askOptions();
  if (!options) return cancelled();
  const folder = await chooseFolder();
  if (!folder) return cancelled();

  const files = generateProductionConfig(options);
  const targets = [...files.map((f) => f.name), ...(options.withEnv ? ['.gitignore'] : [])];
  const types = new Map<string, vscode.FileType | undefined>();
  for (const name of targets) types.set(name, await fileType(vscode.Uri.joinPath(folder, name)));
  const links: string[] = [];
  for (const name of targets) if (await isLink(vscode.Uri.joinPath(folder, name), types.get(name))) links.push(name);
  if (links.length) {
    void vscode.window.showErrorMessage(
      `ThemisDB: ${links.join(', ')} in ${folder.fsPath} ${links.length === 1 ? 'is a symbolic link' : 'are symbolic links'}; the generator never writes through a link, so no file was written.`,
    );
    return;
  }
  // every question before any write: a Cancel at the last one leaves the folder as it was
  const existing = overwriteQuestions(files, (name) => types.get(name) !== undefined);
  const answers = new Map<string, OverwriteAnswer>();
  for (const name of existing) {
    const answer = await askOverwrite(name, folder);
    if (!answer || answer === 'cancel') return cancelled();
    answers.set(name, answer);
  }
  const plan = planWrites(files, existing, answers)!;
  const written: string[] = [];
  try {
    for (const f of plan.write) {
      await writeFile(vscode.Uri.joinPath(folder, f.name), f.text, !!f.secret);
      written.push(f.name);
    }
    if (plan.ignoreEnv) await ignoreEnv(folder);
  } catch (e) {
    void vscode.window.showErrorMessage(
      `ThemisDB: cannot write to ${folder.fsPath}: ${(e as Error).message}${written.length ? ` (already written: ${written.join(', ')})` : ''}`,
    );
    return;
  }
  const config = vscode.Uri.joinPath(folder, 'config.yaml');
  if ((await fileType(config)) !== undefined) await vscode.window.showTextDocument(config);
  void vscode.window.showInformationMessage(
    written.length
      ? `ThemisDB: wrote ${written.join(', ')}${plan.keep.length ? `; kept ${plan.keep.join(', ')}` : ''}.`
      : 'ThemisDB: every file was kept; no file was written.',
  );
  return folder;
}

/**
 * Writes a file through VS Code, so an open editor of it shows the new text at once. One with
 * secrets is mode 600 before it holds them (vscode.workspace.fs cannot set a mode: node's fs
 * creates or narrows the local file first, and again after, in case the write replaced it).
 */
async function writeFile(uri: vscode.Uri, text: string, secret: boolean): Promise<void> {
  const local = secret && uri.scheme === 'file';
  if (local) {
    await fsp.writeFile(uri.fsPath, '', { mode: 0o600, flag: 'a' }); // creates it 600; an existing one keeps its text
    await fsp.chmod(uri.fsPath, 0o600);
  }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  if (local) await fsp.chmod(uri.fsPath, 0o600);
}

/** Adds `.env` to the folder's .gitignore unless a line already covers it. */
async function ignoreEnv(folder: vscode.Uri): Promise<void> {
  const uri = vscode.Uri.joinPath(folder, '.gitignore');
  const old = (await fileType(uri)) !== undefined ? Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8') : '';
  const text = gitignoreWithEnv(old);
  if (text !== undefined) await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
}
