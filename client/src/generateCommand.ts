// "ThemisDB: Generate Production Config": a QuickPick wizard around the engine's
// generator. Asks about every file it would overwrite before it writes any (Cancel
// writes nothing); the .env with secrets gets mode 600, as `themisdb-lint init` does.
import { promises as fsp } from 'fs';
import * as vscode from 'vscode';
import { GenerateOptions, generateProductionConfig } from '../../server/src/engine/generate/productionConfig';

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

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function generateProductionConfigCommand(): Promise<vscode.Uri | undefined> {
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
  const folder = await chooseFolder();
  if (!folder) return;

  const options: GenerateOptions = { topology, keys, gpu, compliance, withEnv };
  // every question first: a Cancel at the last one must not leave the first files written
  const toWrite: { uri: vscode.Uri; text: string; secret: boolean; name: string }[] = [];
  for (const file of generateProductionConfig(options)) {
    const uri = vscode.Uri.joinPath(folder, file.name);
    if (await exists(uri)) {
      const answer = await vscode.window.showQuickPick(
        [
          { label: `Overwrite ${file.name}`, value: 'overwrite' },
          { label: `Keep the existing ${file.name}`, value: 'skip' },
          { label: 'Cancel', value: 'cancel' },
        ],
        { title: `${file.name} already exists in ${folder.fsPath}`, ignoreFocusOut: true },
      );
      if (!answer || answer.value === 'cancel') {
        void vscode.window.showInformationMessage('ThemisDB: cancelled; no file was written.');
        return;
      }
      if (answer.value === 'skip') continue;
    }
    toWrite.push({ uri, text: file.text, secret: !!file.secret, name: file.name });
  }
  const written: string[] = [];
  for (const f of toWrite) {
    await writeFile(f.uri, f.text, f.secret);
    written.push(f.name);
  }
  if (withEnv && written.includes('.env')) await ignoreEnv(folder);
  const config = vscode.Uri.joinPath(folder, 'config.yaml');
  if (await exists(config)) await vscode.window.showTextDocument(config);
  void vscode.window.showInformationMessage(
    written.length ? `ThemisDB: wrote ${written.join(', ')}.` : 'ThemisDB: no file was written.',
  );
  return folder;
}

/** Writes a file; one with secrets gets mode 600 (also when it existed with a wider mode). */
async function writeFile(uri: vscode.Uri, text: string, secret: boolean): Promise<void> {
  if (uri.scheme === 'file') {
    await fsp.writeFile(uri.fsPath, text, { encoding: 'utf8', mode: secret ? 0o600 : 0o644 });
    if (secret) await fsp.chmod(uri.fsPath, 0o600);
    return;
  }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
}

/** Adds `.env` to the folder's .gitignore unless a line already covers it. */
async function ignoreEnv(folder: vscode.Uri): Promise<void> {
  const uri = vscode.Uri.joinPath(folder, '.gitignore');
  const text = (await exists(uri)) ? Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8') : '';
  if (text.split(/\r?\n/).some((l) => /^\/?\.env\*?$/.test(l.trim()))) return;
  const sep = text && !text.endsWith('\n') ? '\n' : '';
  await vscode.workspace.fs.writeFile(uri, Buffer.from(`${text}${sep}# secrets (ThemisDB)\n.env\n`, 'utf8'));
}
