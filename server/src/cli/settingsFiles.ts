// The settings files of one CLI run: every linted file gets the settings file found for
// it (the nearest from its folder up to the repository root) or the --config file, with
// the --profile and --rule flags on top. A settings file with problems stops the run.
import * as path from 'path';
import { LineIndex } from '../engine/documents/lineIndex';
import { kindFromLintConfig, LintConfig, LintConfigFinder } from '../engine/lintConfig';
import { CallerSettings, FileSettings, settingsForFile } from '../engine/lintSettings';
import { FileKind } from '../engine/types';
import { nodeHost } from '../nodeHost';
import { CliOptions } from './args';
import { relative } from './format';

export class SettingsFileError extends Error {}

/** `file:line:column: problem`, one line per problem. */
export function describeProblems(config: LintConfig, cwd: string): string {
  const lines = new LineIndex(config.text);
  return config.problems
    .map((p) => {
      const at = lines.position(p.span.start);
      return `${relative(cwd, config.path)}:${at.line + 1}:${at.character + 1}: ${p.message}`;
    })
    .join('\n');
}

export class RunSettings {
  private readonly finder = new LintConfigFinder(nodeHost);
  private readonly override?: string;
  private readonly caller: CallerSettings;
  private readonly perFile = new Map<string, FileSettings>();

  constructor(
    opts: Pick<CliOptions, 'config' | 'profile' | 'rules'>,
    private readonly cwd: string,
  ) {
    this.caller = { profile: opts.profile, rules: opts.rules, names: { profile: '--profile', rules: '--rule' } };
    if (opts.config === undefined) return;
    this.override = path.resolve(cwd, opts.config);
    // read it before any work, so a wrong path fails fast
    if (nodeHost.readFile(this.override) === undefined) throw new SettingsFileError(`--config: cannot read ${opts.config}`);
    this.checked(this.finder.load(this.override));
  }

  /** The settings file for a file, or undefined when none applies. */
  configFor(file: string): LintConfig | undefined {
    const config = this.finder.forFile(file, this.override);
    return config && this.checked(config);
  }

  forFile(file: string): FileSettings {
    let s = this.perFile.get(file);
    if (!s) this.perFile.set(file, (s = settingsForFile(file, this.configFor(file), this.caller, true)));
    return s;
  }

  /** Whether --config names the settings file. */
  get overridden(): boolean {
    return this.override !== undefined;
  }

  /** The kind the `files` globs give a file the walk meets (no settings computed for every file of a folder). */
  kindFor(file: string): FileKind | undefined {
    return kindFromLintConfig(this.configFor(file), file);
  }

  private checked(config: LintConfig): LintConfig {
    if (config.problems.length)
      throw new SettingsFileError(
        `the settings file ${relative(this.cwd, config.path)} has problems; fix them or name another with --config:\n${describeProblems(config, this.cwd)}`,
      );
    return config;
  }
}
