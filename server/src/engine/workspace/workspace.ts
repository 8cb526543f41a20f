// The files around the one being analyzed: sibling .env files (variables, profile),
// the ThemisDB config next to a .env or mig.yaml, and every .env of the workspace
// for `${VAR}` lookups. Reads through a host so the editor can overlay open buffers.
import * as path from 'path';
import { deployFileOf, workspaceModel } from '../deploy/model';
import { deployFileKind, isDeploymentCandidate } from '../deploy/recognize';
import { EnvEntry, expandVars, findVarRefs } from '../documents/envModel';
import { envHasThemisVars, kindFromName, looksLikeMig, looksLikeThemisConfig, modeline } from '../fileKinds';
import { SourceFile } from '../sourceFile';
import { FileKind } from '../types';

export interface Host {
  readFile(filePath: string): string | undefined;
  readDir(dir: string): string[] | undefined;
  /** Why a path is not read: a link (or a path under a linked folder) that leads outside the workspace, or nowhere. */
  refusedLink?(filePath: string): LinkRefusal | undefined;
  /** A symbolic link, dangling or not: no fix writes through it. */
  isLink?(filePath: string): boolean;
}

/** A link the workspace did not follow, and where it leads. */
export interface LinkRefusal {
  target: string;
  reason: 'outside' | 'dangling';
}

export interface VarDefinition {
  file: SourceFile;
  entry: EnvEntry;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.cache', '.vscode-test']);
const MAX_WALK_FILES = 20000;

export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  private readonly overlays = new Map<string, string>();
  private readonly fromOverlay = new Set<string>();
  private readonly dirs = new Map<string, string[]>();
  private readonly namesByKind = new WeakMap<string[], Map<FileKind, string[]>>();
  private readonly nameSets = new WeakMap<string[], Set<string>>();
  private readonly refused = new Map<string, LinkRefusal>();
  // paths read and found missing, and whether a path is a link: asked per analysis and per fix, until the disk changes there
  private readonly missing = new Set<string>();
  private readonly links = new Map<string, boolean>();
  private nameIndex?: string[]; // every file under the roots (pathsUnderRoots)
  private readonly memos = new Map<string, unknown>(); // values built from many files, until any file changes
  private readonly facts = new Map<string, Map<string, unknown>>(); // values read from one file, until it changes

  constructor(
    private readonly host: Host,
    readonly roots: string[] = [],
  ) {}

  /** Text of an open editor buffer takes precedence over the disk. */
  setOverlay(filePath: string, text: string): void {
    this.overlays.set(filePath, text);
    this.memos.clear();
    this.facts.delete(filePath);
    if (!this.dirs.get(path.dirname(filePath))?.includes(path.basename(filePath))) this.invalidate(filePath);
  }

  removeOverlay(filePath: string): void {
    this.overlays.delete(filePath);
    this.files.delete(filePath);
    this.fromOverlay.delete(filePath);
    this.missing.delete(filePath); // the buffer may have been saved
    this.facts.delete(filePath);
    this.memos.clear();
  }

  /** Forget cached disk state of a path (created, changed or deleted on disk). */
  invalidate(filePath: string): void {
    this.files.delete(filePath);
    this.missing.delete(filePath);
    this.links.delete(filePath);
    this.facts.delete(filePath);
    this.dirs.delete(path.dirname(filePath));
    this.nameIndex = undefined;
    this.memos.clear();
  }

  /**
   * A value computed from many files of the workspace (the deployment model), built
   * once and kept until a file changes, is opened or closed, or changes on disk.
   */
  memo<T>(key: string, build: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, build());
    return this.memos.get(key) as T;
  }

  /**
   * A value computed from one file (what deployment file it is), kept until that file
   * changes, is opened or closed. A file not read before is read for it and not kept
   * (a walk over every file of a large workspace holds none of their texts), unless
   * `keep` says the caller reads it next: a deployment file is then not read and parsed twice.
   */
  fileFact<T>(filePath: string, key: string, compute: (file: SourceFile) => T, keep?: (value: T) => boolean): T | undefined {
    let facts = this.facts.get(filePath);
    if (facts?.has(key)) return facts.get(key) as T;
    const held = this.overlays.has(filePath) || this.files.has(filePath);
    const file = held ? this.file(filePath) : this.readDisk(filePath);
    if (!file) return undefined;
    const value = compute(file);
    // a file the caller reads next is kept with what computing the fact built (its parse)
    if (!held && keep?.(value)) this.files.set(filePath, file);
    if (!facts) this.facts.set(filePath, (facts = new Map()));
    facts.set(key, value);
    return value;
  }

  /**
   * Runs `f` while the workspace holds `version` for its path (a text a fix-all pass made),
   * then puts back exactly what it held, caches included. What reads several files (the
   * deployment model, a sibling's view of this one) then reads that version, not the text
   * on disk or in the editor. `f` must not yield: nothing else may see the version.
   */
  holding<T>(version: SourceFile, f: () => T): T {
    const p = version.path;
    const saved = {
      overlay: this.overlays.get(p),
      file: this.files.get(p),
      fromOverlay: this.fromOverlay.has(p),
      facts: this.facts.get(p),
      memos: new Map(this.memos),
    };
    this.overlays.set(p, version.text);
    this.files.set(p, version);
    this.fromOverlay.add(p);
    this.facts.delete(p);
    this.memos.clear();
    try {
      return f();
    } finally {
      if (saved.overlay === undefined) this.overlays.delete(p);
      else this.overlays.set(p, saved.overlay);
      if (saved.file) this.files.set(p, saved.file);
      else this.files.delete(p);
      if (!saved.fromOverlay) this.fromOverlay.delete(p);
      if (saved.facts) this.facts.set(p, saved.facts);
      else this.facts.delete(p);
      this.memos.clear();
      for (const [k, v] of saved.memos) this.memos.set(k, v);
    }
  }

  /**
   * Drops the files read from disk and their models, but those `keep` names (the CLI, once
   * a file is reported: the siblings its analysis read go too unless they are still to be
   * analyzed); the next file() reads a dropped file again.
   */
  releaseAllBut(keep: (filePath: string) => boolean): void {
    for (const filePath of [...this.files.keys()])
      if (!this.overlays.has(filePath) && !keep(filePath)) this.files.delete(filePath);
  }

  /** The file's current text: the editor's buffer, else the disk (read once until invalidated). */
  file(filePath: string): SourceFile | undefined {
    const overlay = this.overlays.get(filePath);
    const cached = this.files.get(filePath);
    if (overlay === undefined) {
      if (cached && !this.fromOverlay.has(filePath)) return cached;
      this.fromOverlay.delete(filePath);
      this.files.delete(filePath);
      const f = this.readDisk(filePath);
      if (f) this.files.set(filePath, f);
      return f;
    }
    if (cached && cached.text === overlay) return cached;
    const f = new SourceFile(filePath, overlay);
    this.files.set(filePath, f);
    this.fromOverlay.add(filePath);
    return f;
  }

  /** The file as the disk has it now (not cached), or undefined when it cannot be read. */
  private readDisk(filePath: string): SourceFile | undefined {
    if (this.missing.has(filePath)) return undefined;
    const text = this.host.readFile(filePath);
    if (text !== undefined) return new SourceFile(filePath, text);
    this.missing.add(filePath);
    this.noteRefusal(filePath);
    return undefined;
  }

  /** Links not followed so far (path of the link → where it leads), in the order met. */
  refusedLinks(): ReadonlyMap<string, LinkRefusal> {
    return this.refused;
  }

  /** The refusal of a path that is a link out of the workspace (or a dangling one), checked now. */
  linkRefusal(filePath: string): LinkRefusal | undefined {
    this.noteRefusal(filePath);
    return this.refused.get(filePath);
  }

  /** No fix writes through a link: the edit policy of every file change. */
  isLink(filePath: string): boolean {
    let link = this.links.get(filePath);
    if (link === undefined) this.links.set(filePath, (link = this.host.isLink?.(filePath) ?? false));
    return link;
  }

  private noteRefusal(filePath: string): void {
    const r = this.host.refusedLink?.(filePath);
    if (r) this.refused.set(filePath, r);
    else this.refused.delete(filePath);
  }

  /** A folder's entries; a linked folder that leads out of the workspace reads as empty (and is noted). */
  private readDir(dir: string): string[] | undefined {
    const names = this.host.readDir(dir);
    if (names === undefined) this.noteRefusal(dir);
    return names;
  }

  listDir(dir: string): string[] {
    return this.dirs.get(dir) ?? this.keepListing(dir, this.readDir(dir) ?? []);
  }

  /** A folder's entries as read, with the open buffers in it the disk does not have yet: kept until a file there is created or deleted. */
  private keepListing(dir: string, read: string[]): string[] {
    let names = read;
    for (const p of this.overlays.keys())
      if (path.dirname(p) === dir && !names.includes(path.basename(p))) names = [...names, path.basename(p)];
    this.dirs.set(dir, names);
    return names;
  }

  /** Whether a folder's listing (open buffers included) names this file: a file looked for by name is then read only when it is there. */
  listed(filePath: string): boolean {
    const names = this.listDir(path.dirname(filePath));
    let set = this.nameSets.get(names);
    if (!set) this.nameSets.set(names, (set = new Set(names)));
    return set.has(path.basename(filePath));
  }

  /**
   * The names of a folder's files of one family, kept with the listing they come from: every
   * file of a folder asks for its siblings, and a folder of 2,000 files would test 2,000 names
   * for each of them.
   */
  private namesOf(dir: string, kind: FileKind): string[] {
    const names = this.listDir(dir);
    let byKind = this.namesByKind.get(names);
    if (!byKind) this.namesByKind.set(names, (byKind = new Map()));
    let found = byKind.get(kind);
    if (!found) byKind.set(kind, (found = names.filter((n) => kindFromName(n) === kind)));
    return found;
  }

  /** Env-family files in the same folder, `.env` first. */
  siblingEnvFiles(filePath: string): SourceFile[] {
    const dir = path.dirname(filePath);
    return this.namesOf(dir, 'env')
      .filter((n) => path.join(dir, n) !== filePath)
      .sort((a, b) => (a === '.env' ? -1 : b === '.env' ? 1 : a.localeCompare(b)))
      .map((n) => this.file(path.join(dir, n)))
      .filter((f): f is SourceFile => !!f);
  }

  /** The ThemisDB config files (config family, recognised by content) in the same folder. */
  siblingConfigs(filePath: string): SourceFile[] {
    const dir = path.dirname(filePath);
    return this.namesOf(dir, 'config')
      .filter((n) => path.join(dir, n) !== filePath)
      .map((n) => this.file(path.join(dir, n)))
      .filter((f): f is SourceFile => !!f && looksLikeThemisConfig(f.yaml));
  }

  /** Every env-family file under the workspace roots (bounded walk). */
  allEnvFiles(): SourceFile[] {
    return this.allFiles((k) => k === 'env');
  }

  /** Files of the families a predicate accepts (by name), under the roots and open in the editor. */
  allFiles(accept: (kind: FileKind) => boolean): SourceFile[] {
    const paths = new Set(this.pathsUnderRoots().filter((p) => kindFromName(p) && accept(kindFromName(p)!)));
    for (const p of this.overlays.keys()) if (kindFromName(p) && accept(kindFromName(p)!)) paths.add(p);
    return [...paths].map((p) => this.file(p)).filter((f): f is SourceFile => !!f);
  }

  /** Paths under the roots (and open in the editor) that `accept` takes, sorted. */
  findPaths(accept: (filePath: string) => boolean): string[] {
    const paths = new Set(this.pathsUnderRoots().filter(accept));
    for (const p of this.overlays.keys()) if (accept(p)) paths.add(p);
    return [...paths].sort();
  }

  /**
   * Every file under the roots, in walk order: one bounded walk, kept until a file is
   * created or deleted. It enters folders without a dot in their name and `*.d` folders
   * (systemd drop-ins), and skips dependency and build folders.
   */
  private pathsUnderRoots(): string[] {
    if (!this.nameIndex) {
      const found: string[] = [];
      let budget = MAX_WALK_FILES;
      const walk = (dir: string, depth: number): void => {
        if (depth > 8 || budget <= 0) return;
        for (const name of this.listDir(dir)) {
          if (--budget <= 0) return;
          const full = path.join(dir, name);
          const maybeDir = !SKIP_DIRS.has(name) && (!name.includes('.') || name.endsWith('.d'));
          // a folder's listing is read once: the walk enters it with what told it apart from a file
          // (an empty listing kept may be a file's: it is asked again)
          const kept = this.dirs.get(full);
          const names = maybeDir ? (kept?.length ? kept : this.readDir(full)) : undefined;
          if (names) {
            if (!this.dirs.has(full)) this.keepListing(full, names);
            walk(full, depth + 1);
          } else found.push(full);
        }
      };
      for (const r of this.roots) walk(r, 0);
      this.nameIndex = found;
    }
    return this.nameIndex;
  }

  /** Where a variable is defined: a sibling .env first, then any .env of the workspace. */
  lookupVar(name: string, fromPath: string): VarDefinition | undefined {
    for (const f of [...this.siblingEnvFiles(fromPath), ...this.allEnvFiles()]) {
      const entry = f.env.get(name);
      if (entry) return { file: f, entry };
    }
    return undefined;
  }

  /**
   * `${VAR}` / `${VAR:-default}` / `$VAR` in a value, substituted from the .env
   * files as `lookupVar` finds them. `unknown`: some variable is defined nowhere;
   * `missing`: such a variable also has no (non-empty) default.
   */
  substitute(value: string, fromPath: string): { text: string; unknown: boolean; missing: boolean } {
    const refs = findVarRefs(value);
    let unknown = false;
    let missing = false;
    const text = expandVars(value, (name) => {
      const v = this.lookupVar(name, fromPath)?.entry.value;
      if (v === undefined) {
        unknown = true;
        if (!refs.find((r) => r.name === name)?.fallback) missing = true;
      }
      return v;
    });
    return { text, unknown, missing };
  }

  /**
   * The family a file is analyzed as, or undefined when it is not ThemisDB's.
   * `explicit`: the user named the file (CLI argument, glob setting), so its
   * content may decide even when its name says nothing.
   */
  classify(file: SourceFile, explicit = false): FileKind | undefined {
    const mode = modeline(file.text);
    if (mode === 'off') return undefined;
    if (mode) return mode;
    const deployKind = isDeploymentCandidate(file.path) ? deployFileKind(file) : undefined;
    if (deployKind) {
      if (deployFileOf(workspaceModel(this, file.path), file.path)?.themis) return 'deploy';
      // another application's compose file or manifest draws nothing; a values-named file may still be a config
      if (deployKind !== 'helm') return undefined;
    }
    const byName = kindFromName(file.path);
    switch (byName) {
      case 'env':
        return envHasThemisVars(file.env.entries.map((e) => e.key)) || this.siblingConfigs(file.path).length > 0
          ? 'env'
          : undefined;
      case 'config':
        return looksLikeThemisConfig(file.yaml) || this.siblingDefinesThemis(file.path) ? 'config' : undefined;
      case 'mig':
        return looksLikeMig(file.yaml) || this.siblingConfigs(file.path).length > 0 ? 'mig' : undefined;
      default:
        if (!explicit || !/\.ya?ml$/i.test(file.path)) return undefined;
        if (looksLikeMig(file.yaml)) return 'mig';
        return looksLikeThemisConfig(file.yaml) ? 'config' : undefined;
    }
  }

  private siblingDefinesThemis(filePath: string): boolean {
    return this.siblingEnvFiles(filePath).some((f) => envHasThemisVars(f.env.entries.map((e) => e.key)));
  }
}
