// The engine's view of the disk, for the CLI and the language server.
import * as fs from 'fs';
import { Host } from './engine/workspace/workspace';

// Larger files are not analyzed: the user is told instead (DESIGN "Reliability").
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const nodeHost: Host = {
  readFile(filePath) {
    try {
      const st = fs.statSync(filePath);
      if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
      return stripBom(fs.readFileSync(filePath, 'utf8'));
    } catch {
      return undefined;
    }
  },
  readDir(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return undefined;
    }
  },
};

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
