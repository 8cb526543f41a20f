// Which files a CLI run analyzes, and the workspace around them.
import * as fs from 'fs';
import * as path from 'path';
import { isDeploymentCandidate } from '../engine/deploy/recognize';
import { kindFromName } from '../engine/fileKinds';
import { FileKind } from '../engine/types';

const SKIP = new Set(['node_modules', '.git']);

export interface Target {
  file: string;
  /** Named on the command line, rather than found in a folder. */
  explicit: boolean;
  /** Folder the profile's folder-name check is relative to. */
  root: string;
}

export class PathError extends Error {}

/** The stats of a path named on the command line, which must exist (and be readable, for a file). */
function readablePath(abs: string, named: string): fs.Stats {
  try {
    const st = fs.statSync(abs);
    if (st.isFile()) fs.accessSync(abs, fs.constants.R_OK);
    return st;
  } catch {
    throw new PathError(`cannot read ${named}`);
  }
}

/** `extraKind`: the kind a settings file's `files` globs give a file whose name says nothing. */
export function collectTargets(paths: string[], cwd: string, extraKind?: (file: string) => FileKind | undefined): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const add = (t: Target) => {
    if (!seen.has(t.file)) {
      seen.add(t.file);
      out.push(t);
    }
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    const st = readablePath(abs, p);
    if (st.isDirectory()) walk(abs, abs, add, extraKind);
    else add({ file: abs, explicit: true, root: cwd });
  }
  return out;
}

function walk(dir: string, root: string, add: (t: Target) => void, extraKind?: (file: string) => FileKind | undefined): void {
  walkEntries(dir, root, new Set(), (e, full, type) => {
    if (type === 'outside dir' || (type === 'file' && (kindFromName(full) || extraKind?.(full)))) {
      // a link out of the workspace is analyzed as a notice that says so, never skipped
      add({ file: full, explicit: false, root });
    } else if (e.isFile() && isDeploymentCandidate(full)) {
      // compose files, manifests, Helm values, systemd units: analyze() keeps only ThemisDB's
      add({ file: full, explicit: false, root });
    }
  });
}

/** Every entry below `dir` that is not a folder to enter, sorted by name, each folder once (skipped folders left out). */
function walkEntries(
  dir: string,
  root: string,
  seen: Set<string>,
  visit: (e: fs.Dirent, full: string, type: ReturnType<typeof entryType>) => void,
): void {
  let entries: fs.Dirent[];
  try {
    if (!enterOnce(dir, seen)) return;
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    const type = entryType(e, full, root);
    if (type !== 'dir') visit(e, full, type);
    else if (!SKIP.has(e.name)) walkEntries(full, root, seen, visit);
  }
}

/** A folder is walked once, by its real path (a link to a folder above does not loop). */
function enterOnce(dir: string, seen: Set<string>): boolean {
  const real = fs.realpathSync.native(dir);
  if (seen.has(real)) return false;
  seen.add(real);
  return true;
}

function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * What a folder entry is to the walk. A link is what it points to when that lies
 * inside the walked folder; a linked folder outside is not entered; a link to a file
 * (outside or dangling) is a file, which the engine's host then refuses to read.
 */
function entryType(e: fs.Dirent, full: string, root: string): 'dir' | 'file' | 'outside dir' | 'other' {
  if (!e.isSymbolicLink()) return e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other';
  let real: string;
  let st: fs.Stats;
  try {
    real = fs.realpathSync(full);
    st = fs.statSync(real);
  } catch {
    return 'file'; // dangling
  }
  if (!st.isDirectory()) return 'file';
  return isInside(real, fs.realpathSync(root)) ? 'dir' : 'outside dir';
}

/**
 * Deployment files for `posture`: compose files, manifests, Helm values and systemd units,
 * found by name (the engine's content check decides), `*.service.d` drop-in folders included.
 * The folders walked are the workspace roots, so references between files resolve.
 */
export function collectDeploymentFiles(paths: string[], cwd: string): { files: string[]; roots: string[] } {
  const files: string[] = [];
  const roots: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    const st = readablePath(abs, p);
    if (st.isDirectory()) {
      roots.push(abs);
      walkEntries(abs, abs, seen, (_e, full, type) => {
        if (type === 'file' && isDeploymentCandidate(full)) files.push(full);
      });
    } else {
      roots.push(path.dirname(abs));
      files.push(abs);
    }
  }
  return { files: [...new Set(files)], roots: [...new Set(roots)] };
}
