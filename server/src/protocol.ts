// What the VS Code client (client/src) and the language server (server/src/lsp)
// agree on, in one place: the custom request and its types, the command IDs (the
// server puts some into code actions, the client registers them), the suppression
// reason placeholder the client selects after "Disable …", and where a rule's
// documentation page is. Both sides import this module; neither spells these
// strings itself. No dependency but `path`, so either bundle can take it.
import * as path from 'path';

/** The name of the extension's configuration section, language client and diagnostic source. */
export const SECTION = 'themisdb';

// ---------------------------------------------------------------- requests

/** `themisdb/profile`: whether a document is ThemisDB's and which profile applies (for the status bar). */
export const PROFILE_REQUEST = 'themisdb/profile';

export interface ProfileParams {
  uri: string;
}

export type ProfileSetting = 'auto' | 'production' | 'development';

export interface ProfileInfo {
  themis: boolean;
  profile: 'production' | 'development';
  setting: ProfileSetting;
}

/** `themisdb/posture`: the deployment posture of the workspace, as a Markdown document (secrets masked). */
export const POSTURE_REQUEST = 'themisdb/posture';

export interface PostureResult {
  /** Markdown: one table per ThemisDB service; sources are `file:` links with a `#L<line>` fragment. */
  markdown: string;
  /** How many ThemisDB services the workspace has. */
  services: number;
}

/** The read-only document the client shows the posture in. */
export const POSTURE_SCHEME = 'themisdb-posture';
export const POSTURE_DOCUMENT_PATH = 'Deployment Posture.md';

/**
 * `themisdb/lintWorkspace`: analyze every ThemisDB file under the workspace folders, open or
 * not, and publish diagnostics for the files that are not open (open ones have theirs already).
 */
export const LINT_WORKSPACE_REQUEST = 'themisdb/lintWorkspace';

export interface LintWorkspaceResult {
  /** ThemisDB files analyzed (open and unopened). */
  files: number;
  /** Their diagnostics, open files' included. */
  problems: number;
}

// ---------------------------------------------------------------- settings files and trust

/** The shared settings files (.themisdb-lint.yaml, .yml, .json) the server re-reads when they change. */
export const SETTINGS_FILES_GLOB = '**/.themisdb-lint.{yaml,yml,json}';

/** The baselines a settings file does not name (.themisdb-baseline.json, found from the folder up), watched the same way. */
export const BASELINE_FILES_GLOB = '**/.themisdb-baseline.json';

/**
 * `initializationOptions` of the `initialize` request. Other editors send none: they get
 * code actions without the commands only the VS Code extension implements.
 */
export interface InitializationOptions {
  /** false in an untrusted workspace (VS Code Restricted Mode): settings files cannot relax the linter. Default true. */
  workspaceTrusted?: boolean;
  /** The client watches SETTINGS_FILES_GLOB and BASELINE_FILES_GLOB itself, so the server registers no watcher. */
  watchesSettingsFiles?: boolean;
  /** The commands of COMMANDS that this client runs itself when a code action names them. */
  clientCommands?: string[];
}

/** `themisdb/workspaceTrust`: the user trusted the workspace after the server started. */
export const WORKSPACE_TRUST_NOTIFICATION = 'themisdb/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted: boolean;
}

// ---------------------------------------------------------------- commands

/** Command IDs, as contributed in package.json. */
export const COMMANDS = {
  generateProductionConfig: 'themisdb.generateProductionConfig',
  restartServer: 'themisdb.restartServer',
  showOutput: 'themisdb.showOutput',
  selectProfile: 'themisdb.selectProfile',
  showDeploymentPosture: 'themisdb.showDeploymentPosture',
  /** Sent by the server's "Show documentation for <ID>" code action; argument: the rule ID. */
  showRuleDocs: 'themisdb.showRuleDocs',
  /** Sent by the server's "Disable <ID> …" code actions; arguments: the document URI and the directive's line. */
  selectSuppressionReason: 'themisdb.selectSuppressionReason',
  lintWorkspace: 'themisdb.lintWorkspace',
} as const;

/** The commands code actions may name that the VS Code client runs (it lists them in InitializationOptions). */
export const CLIENT_COMMANDS: readonly string[] = [COMMANDS.showRuleDocs, COMMANDS.selectSuppressionReason];

/**
 * Commands the server runs itself (workspace/executeCommand), for clients without the
 * VS Code ones. Argument of openRuleDocs: the rule ID; the server asks the client to open
 * the page (window/showDocument).
 */
export const SERVER_COMMANDS = { openRuleDocs: 'themisdb.server.openRuleDocs' } as const;

/** The task type of package.json's taskDefinitions, and the problem matcher its tasks use. */
export const TASK_TYPE = 'themisdb';
export const PROBLEM_MATCHER = '$themisdb';

export type ShowRuleDocsArgs = [ruleId: string];
export type SelectSuppressionReasonArgs = [uri: string, line: number];

/** The code action kind of "Fix all auto-fixable ThemisDB problems" (`source.fixAll` + `.themisdb`). */
export const FIX_ALL_KIND = `source.fixAll.${SECTION}`;

/** Written into a suppression directive (`-- <reason>`); the client selects it so the user types over it. */
export const REASON_PLACEHOLDER = '<reason>';

// ---------------------------------------------------------------- rule docs

export function isRuleId(id: string): boolean {
  return /^[A-Z]{3}\d{3}$/.test(id);
}

/** The extension's root seen from a bundle's folder (server/out, client/out). */
export function extensionRoot(bundleDir: string): string {
  return path.resolve(bundleDir, '..', '..');
}

/** The folder of the rule documentation pages under the extension's root; they ship next to the bundles. */
export function ruleDocsDir(root: string): string {
  return path.join(root, 'docs', 'rules');
}

/** A rule's documentation page, `docs/rules/<ID>.md`, under the extension's root (relative when no root is given). */
export function ruleDocsPath(ruleId: string, root = ''): string {
  return path.join(ruleDocsDir(root), `${ruleId}.md`);
}
