// Public surface of the engine, for the language server and the CLI.
export { analyze, setStrictRuleContracts, RuleContractError } from './analyze';
export type { AnalyzeOptions, Analysis } from './analyze';
export { SourceFile } from './sourceFile';
export { Workspace } from './workspace/workspace';
export type { Host } from './workspace/workspace';
export { LINK_NOTICE_ID, linkNotice } from './workspace/linkNotice';
export { CATALOG } from './rules/catalog';
export type { RuleMeta } from './rules/catalog';
export { applyEdits } from './fixes/applyEdits';
export * from './types';
export { YamlModel, asBool } from './documents/yamlModel';
export { composePlain } from './documents/plainCompose';
export { scanPlain } from './documents/plainScan';
export { IncrementalYaml } from './documents/incrementalYaml';
export { BlockFindings } from './blockFindings';
export { EnvModel, findVarRefs, expandVars } from './documents/envModel';
export { LineIndex } from './documents/lineIndex';
export { kindFromName, isEnvTemplate } from './fileKinds';
export { resolveProfile } from './profile';
export { parseSuppressions } from './suppressions';
export { RULES } from './rules/index';
export { maskSecret } from './mask';
export { isSecretValue, looksSecret, maskSecretsInLog, maskSecretsInText } from './secretValue';
export { firstSentence } from './firstSentence';
export { createNodeHost, nodeHost } from '../nodeHost';
export { fixAll, minimalEdit, minimalEdits, editsOfPass, safeFix, unreadChanges, unreadValueChange } from './fixes/fixAll';
export { verifyFix, damage } from './fixes/verify';
export { readership, insteadOf } from './schema/readership';
export { schemaFor } from './schema/schemaIndex';
export * from './generate/productionConfig';
export * from './generate/writePlan';
export { complete } from './features/completion';
export type { CompletionEntry, CompletionKind, CompletionOptions } from './features/completion';
export { hover, variableMarkdown } from './features/hover';
export type { HoverEntry, HoverOptions } from './features/hover';
export { envVarInfo, envVarMarkdown, schemaKeyMarkdown } from './features/docs';
export { YamlLines, parseYamlLine } from './documents/yamlLines';
export { needsQuotes, yamlScalar, unquoteScalar } from './documents/yamlScalar';
export * from './deploy/index';
export { SystemdUnit, environmentAssignments, unitOffset } from './documents/systemdUnit';
export {
  LINT_CONFIG_NAMES,
  LintConfigFinder,
  findLintConfig,
  loadLintConfig,
  ruleSettingsOf,
  isExcluded,
  kindFromLintConfig,
} from './lintConfig';
export type { LintConfig, LintConfigProblem } from './lintConfig';
export { settingsForFile, strongestSeverity } from './lintSettings';
export type { CallerSettings, FileSettings, Origin } from './lintSettings';
export { editDistance, closestNames } from './rules/shared/distance';
