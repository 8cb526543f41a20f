// The settings files in the editor: per document, the .themisdb-lint.yaml found for it
// (nearest from its folder up) or the file `themisdb.configFile` names, resolved by the
// engine exactly as the CLI resolves it (engine/lintSettings.ts). A settings file with
// problems gets them as diagnostics on itself and applies nowhere: the document gets the
// defaults. In an untrusted workspace the entries that would relax the linter are
// ignored, with one notice per file and session.
import * as fs from 'fs';
import * as path from 'path';
import { Connection, Diagnostic, DiagnosticSeverity, MessageType } from 'vscode-languageserver';
import { LineIndex } from '../engine/documents/lineIndex';
import { LINT_CONFIG_NAMES, LintConfig, LintConfigFinder, loadLintConfig } from '../engine/lintConfig';
import { FileSettings, settingsForFile } from '../engine/lintSettings';
import { nodeHost } from '../nodeHost';
import { findBaseline } from '../cli/baseline';
import { SECTION } from '../protocol';
import { pathToUri, toRange } from './convert';
import { Settings } from './settings';

const CALLER_NAMES = { profile: `${SECTION}.profile`, rules: `${SECTION}.rules` };

export function isSettingsFile(filePath: string): boolean {
  return (LINT_CONFIG_NAMES as readonly string[]).includes(path.basename(filePath));
}

export class EditorSettingsFiles {
  private readonly finder = new LintConfigFinder(nodeHost);
  /** The client says whether the workspace is trusted (initializationOptions, then a notification). */
  trusted = true;
  /** Settings files whose problems are shown from disk (an open one shows its buffer's). */
  private readonly shown = new Set<string>();
  private readonly published = new WeakSet<LintConfig>();
  private readonly noticed = new Set<string>();
  /**
   * The client tells the server when a baseline file appears, changes or goes (it watches them,
   * or the server registered a watcher): the lookup from a folder up, a few file checks on every
   * keystroke, is then kept until a watched file changes.
   */
  baselinesWatched = false;
  private readonly baselines = new Map<string, string | undefined>();

  constructor(
    private readonly connection: Connection,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  /** Whether a document is a settings file: by its name, or the one `themisdb.configFile` names. */
  isSettingsDocument(filePath: string, settings: Settings, root: string | undefined): boolean {
    return isSettingsFile(filePath) || filePath === overrideOf(filePath, settings, root);
  }

  /** What applies to a document: the engine's resolution of its settings file and the editor settings. */
  forDocument(filePath: string, settings: Settings, root: string | undefined): FileSettings {
    const override = overrideOf(filePath, settings, root);
    // an untitled buffer has no folder to start from
    let config = path.isAbsolute(filePath) || override ? this.finder.forFile(filePath, override) : undefined;
    if (config && override && !fs.existsSync(override)) {
      this.noticeOnce(
        `missing:${override}`,
        MessageType.Error,
        `ThemisDB: ${SECTION}.configFile names ${override}, which cannot be read; the defaults apply.`,
      );
      config = undefined;
    }
    if (config) {
      this.publish(config);
      if (config.problems.length) config = undefined;
    }
    const caller = {
      profile: settings.profile === 'auto' ? undefined : settings.profile,
      rules: settings.rules,
      names: CALLER_NAMES,
    };
    const s = settingsForFile(filePath, config, caller, this.trusted);
    if (s.ignored.length)
      this.noticeOnce(
        s.config!.path,
        MessageType.Warning,
        `ThemisDB: this workspace is not trusted, so ${s.config!.path} cannot relax the linter: ${s.ignored.join(', ')} ${s.ignored.length === 1 ? 'is' : 'are'} ignored where ${s.ignored.length === 1 ? 'it turns' : 'they turn'} rules off, lower a severity, relax the profile, exclude files or name a baseline. Trust the workspace to apply the file as it is.`,
      );
    return s;
  }

  /** The baseline that hides findings of a document: none in an untrusted workspace. */
  baselineFor(filePath: string, s: FileSettings, root: string | undefined): string | undefined {
    const baseline = s.baseline ?? this.foundBaseline(root ?? path.dirname(filePath));
    if (baseline && !this.trusted) {
      this.noticeOnce(
        baseline,
        MessageType.Warning,
        `ThemisDB: this workspace is not trusted, so the baseline ${baseline} is ignored: the findings it lists are shown. Trust the workspace to apply it.`,
      );
      return undefined;
    }
    return baseline;
  }

  /** The .themisdb-baseline.json of a folder or the nearest above it (findBaseline), kept while baselines are watched. */
  private foundBaseline(dir: string): string | undefined {
    if (!this.baselinesWatched) return findBaseline(dir);
    if (!this.baselines.has(dir)) this.baselines.set(dir, findBaseline(dir));
    return this.baselines.get(dir);
  }

  /** Diagnostics of an open settings file, from its buffer. */
  bufferDiagnostics(filePath: string, text: string): Diagnostic[] {
    return diagnosticsOf(loadLintConfig({ readFile: () => text, readDir: () => undefined }, filePath));
  }

  /** Files changed on disk: settings files are read again, and those not open show their new problems. */
  changed(paths: readonly string[]): void {
    this.finder.clear();
    this.baselines.clear();
    for (const p of paths) {
      if (!isSettingsFile(p) && !this.shown.has(p)) continue;
      if (this.isOpen(pathToUri(p))) continue;
      if (fs.existsSync(p)) this.publish(this.finder.load(p));
      else this.clearShown(p);
    }
  }

  /** Settings (themisdb.configFile) or trust changed: everything is resolved again. */
  reset(): void {
    this.finder.clear();
    this.baselines.clear();
  }

  /** An open settings file was closed: its problems on disk are shown again (none when it is gone). */
  closed(filePath: string): void {
    this.clearShown(filePath);
    if (fs.existsSync(filePath)) this.publish(this.finder.load(filePath));
  }

  private publish(config: LintConfig): void {
    if (this.published.has(config) || this.isOpen(pathToUri(config.path))) return;
    this.published.add(config);
    if (config.problems.length === 0 && !this.shown.has(config.path)) return;
    this.connection.sendDiagnostics({ uri: pathToUri(config.path), diagnostics: diagnosticsOf(config) });
    if (config.problems.length) this.shown.add(config.path);
    else this.shown.delete(config.path);
  }

  private clearShown(filePath: string): void {
    if (!this.shown.delete(filePath)) return;
    this.connection.sendDiagnostics({ uri: pathToUri(filePath), diagnostics: [] });
  }

  private noticeOnce(key: string, type: MessageType, message: string): void {
    if (this.noticed.has(key)) return;
    this.noticed.add(key);
    void this.connection.sendNotification('window/showMessage', { type, message });
  }
}

/** The file `themisdb.configFile` names, relative to the workspace folder. */
function overrideOf(filePath: string, settings: Settings, root: string | undefined): string | undefined {
  return settings.configFile ? path.resolve(root ?? path.dirname(filePath), settings.configFile) : undefined;
}

function diagnosticsOf(config: LintConfig): Diagnostic[] {
  const lines = new LineIndex(config.text);
  return config.problems.map((p) => ({
    range: toRange(lines, p.span),
    severity: DiagnosticSeverity.Error,
    source: SECTION,
    message: `${p.message} The settings file applies nowhere until this is fixed.`,
  }));
}
