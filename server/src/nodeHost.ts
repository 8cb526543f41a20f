// The engine's view of the disk, for the CLI and the language server. The workspace
// is a boundary: only regular files and folders whose real path lies inside its
// folders (or that the user named) are read, and nothing is written through a link.
import * as fs from 'fs';
import * as path from 'path';
import { Host, LinkRefusal } from './engine/workspace/workspace';

// Larger files are not analyzed: the user is told instead (DESIGN "Reliability").
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

function realOrUndefined(p: string): string | undefined {
  try {
    // one realpath(3) call: the JavaScript version lstats every component of the path, for every file read
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * A host that reads only inside `roots` (real paths compared, so a link or a linked
 * folder that leads out is not followed) and the paths in `named` wherever they lead.
 * Without roots, nothing reached through a link is read.
 */
export function createNodeHost(roots: readonly string[] = [], named: readonly string[] = []): Host {
  const realRoots = roots.map((r) => realOrUndefined(r) ?? path.resolve(r));
  const realNamed = new Set(named.map((n) => realOrUndefined(n) ?? path.resolve(n)));
  const allowed = (p: string): string | undefined => {
    const real = realOrUndefined(p);
    if (real === undefined) return undefined;
    if (real === path.resolve(p) || realNamed.has(real) || realRoots.some((r) => isInside(real, r))) return real;
    return undefined;
  };
  return {
    readFile(filePath) {
      try {
        const real = allowed(filePath);
        if (!real) return undefined;
        const st = fs.statSync(real);
        if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
        return stripBom(fs.readFileSync(real, 'utf8'));
      } catch {
        return undefined;
      }
    },
    readDir(dir) {
      try {
        const real = allowed(dir);
        return real ? fs.readdirSync(real) : undefined;
      } catch {
        return undefined;
      }
    },
    refusedLink(p) {
      return linkRefusal(p, (real) => realNamed.has(real) || realRoots.some((r) => isInside(real, r)));
    },
    isLink(p) {
      return isLink(p);
    },
  };
}

/** The host of a process that has no workspace folders (nothing reached through a link is read). */
export const nodeHost: Host = createNodeHost();

/**
 * Why a path that exists as a link (or under a linked folder) is not read: it leads
 * outside (`inside` says where it may lead) or nowhere. Undefined for any other path.
 */
function linkRefusal(p: string, inside: (real: string) => boolean): LinkRefusal | undefined {
  const abs = path.resolve(p);
  const real = realOrUndefined(abs);
  if (real !== undefined)
    return real === abs || inside(real) ? undefined : { target: linkTarget(abs) ?? real, reason: 'outside' };
  const target = linkTarget(abs);
  return target === undefined ? undefined : { target, reason: 'dangling' }; // else simply missing
}

/** Where a link says it leads (`/proc/self/environ`, not the real path of the moment). */
function linkTarget(abs: string): string | undefined {
  try {
    return path.resolve(path.dirname(abs), fs.readlinkSync(abs));
  } catch {
    return undefined;
  }
}

/** A symbolic link, dangling or not. */
export function isLink(p: string): boolean {
  try {
    // a missing path answers without an exception (its stack trace costs more than the lstat)
    return fs.lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  } catch {
    return false;
  }
}

/** Raised instead of writing through a link. */
export class LinkWriteError extends Error {}

/**
 * Writes a file, never through a link: O_NOFOLLOW makes the open itself fail on a
 * link (dangling or not), so a link planted between a check and the write is refused too.
 */
export function writeFileNoFollow(p: string, text: string, mode = 0o644): void {
  let fd: number;
  try {
    fd = fs.openSync(p, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP' || isLink(p))
      throw new LinkWriteError(`${path.basename(p)} is a symbolic link; it is not written through`);
    throw e;
  }
  try {
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
