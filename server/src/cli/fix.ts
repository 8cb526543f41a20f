// --fix / --fix-dry-run: the engine's fix-all on one file, in memory (as a workspace overlay,
// so later files and the report see the fixed text until main.ts writes it or the run ends).
import { fixAll, stoppedNote } from '../engine/fixes/fixAll';
import { SourceFile } from '../engine/sourceFile';
import { Finding } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';

export interface FileFix {
  file: string;
  before: string;
  after: string;
  applied: number;
  passLimitReached: boolean;
  /** Why fixing stopped with fixes possibly left (fixAll's `stoppedAt`). */
  stoppedAt?: 'time' | 'limit';
  /** Why the file was left alone (it does not parse). */
  refused?: string;
  /** Keys the fixes changed that the server does not read. */
  noEffect: string[];
}

/** Fixes one file; `findingsOf` analyzes a version of it with the run's options. */
export function fixFile(ws: Workspace, file: string, findingsOf: (f: SourceFile) => readonly Finding[]): FileFix | undefined {
  const source = ws.file(file);
  if (!source) return undefined;
  const r = fixAll(source, findingsOf);
  if (r.text !== source.text) ws.setOverlay(file, r.text);
  return {
    file,
    before: source.text,
    after: r.text,
    applied: r.applied,
    passLimitReached: r.passLimitReached,
    stoppedAt: r.stoppedAt,
    refused: r.refused,
    noEffect: r.noEffect,
  };
}

/** What --fix tells about a file besides its diff: why it was left alone, what it changed to no effect. */
export function fixNotes(f: FileFix, rel: string): string[] {
  const out: string[] = [];
  if (f.refused) out.push(`themisdb-lint: ${rel} was not fixed: ${f.refused}. Fix the syntax first.`);
  if (f.stoppedAt) out.push(`themisdb-lint: ${rel}: ${stoppedNote(f.stoppedAt, 'run --fix again')}`);
  if (f.noEffect.length)
    out.push(`themisdb-lint: ${rel}: changed keys the ThemisDB server does not read (no effect on it): ${f.noEffect.join(', ')}`);
  return out;
}
