// Public surface of the engine, for the language server and the CLI.
export { analyze } from './analyze';
export type { AnalyzeOptions, Analysis } from './analyze';
export { SourceFile } from './sourceFile';
export { Workspace } from './workspace/workspace';
export type { Host } from './workspace/workspace';
export { CATALOG } from './rules/catalog';
export type { RuleMeta } from './rules/catalog';
export { applyEdits } from './fixes/applyEdits';
export * from './types';
export { YamlModel, asBool } from './documents/yamlModel';
export { EnvModel, findVarRefs, expandVars } from './documents/envModel';
export { LineIndex } from './documents/lineIndex';
export { kindFromName, isEnvTemplate } from './fileKinds';
export { resolveProfile } from './profile';
export { parseSuppressions } from './suppressions';
export { RULES } from './rules/index';
export { maskSecret } from './mask';
export { nodeHost } from '../nodeHost';
