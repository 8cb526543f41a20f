// Temp folders for tests, removed when the test's process exits (node --test runs each file in
// a process of its own), so runs do not pile folders up in the system's temp folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made = [];
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system's temp folder, named `prefix` and a random tail. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh temp folder (tempDir) holding `files` ({relativePath: text}). */
export function tempFiles(prefix, files) {
  const dir = tempDir(prefix);
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}
