// Which profile applies to a file (DESIGN "Profiles"): an explicit setting wins;
// `auto` reads the sibling .env, then the folder names, and defaults to production.
import * as path from 'path';
import { asBool } from './documents/yamlModel';
import { SourceFile } from './sourceFile';
import { Profile, ProfileSetting } from './types';
import { Workspace } from './workspace/workspace';

const DEV_SEGMENTS = new Set(['dev', 'development', 'test', 'examples']);
// Only an explicit development environment relaxes the rules: staging, qa and
// the like must be as hardened as production (the server would run them in
// development mode, which is exactly what ENV001/ENV002 report).
const DEV_ENVIRONMENTS = new Set(['development', 'dev', 'test', 'testing', 'local']);

export function envProfile(file: SourceFile): Profile | undefined {
  const env = file.env.get('THEMIS_ENVIRONMENT')?.value.trim().toLowerCase();
  if (env === 'production' || env === 'prod') return 'production';
  if (env && DEV_ENVIRONMENTS.has(env)) return 'development';
  if (asBool(file.env.get('THEMIS_PRODUCTION_MODE')?.value) || file.env.get('THEMIS_PRODUCTION_MODE')?.value.trim() === '1')
    return 'production';
  return undefined;
}

export function resolveProfile(file: SourceFile, ws: Workspace, setting: ProfileSetting, root?: string): Profile {
  if (setting !== 'auto') return setting;
  const envs = /\.ya?ml$/i.test(file.path) ? ws.siblingEnvFiles(file.path) : [file, ...ws.siblingEnvFiles(file.path)];
  for (const env of envs) {
    const p = envProfile(env);
    if (p) return p;
  }
  if (root) {
    const rel = path.relative(root, path.dirname(file.path));
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      if (rel.split(/[\\/]/).some((s) => DEV_SEGMENTS.has(s.toLowerCase()))) return 'development';
    }
  }
  return 'production';
}
