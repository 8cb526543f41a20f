// The catalog of THEMIS_* variables (schemas/themisdb-env.json): what the server
// reads, the values it accepts, which ones are secrets. One typed view, shared by
// the ENV and SEC rules, completion and hover.
import catalogJson from '../../../schemas/themisdb-env.json';
import { isSecretKey } from './secrets';

export type VarStatus = 'code' | 'docs-only' | 'compose-only' | 'build-time' | 'test';

export interface VarInfo {
  status: VarStatus;
  statusDetail?: string;
  default: string | null;
  /** The exact values the server accepts (null: free-form). */
  accepted: string[] | null;
  type: string;
  secret: boolean;
  risk?: string;
  recommended: string | null;
  description: string;
  unsafeDefault?: string | null;
  source?: string;
  docsDefault?: string;
  disabling?: string[];
  acceptedPattern?: string;
  caseInsensitive?: boolean;
  productionUnset?: boolean;
}

export interface VarPattern {
  pattern: string;
  status: VarStatus;
  description: string;
  re: RegExp;
}

const CATALOG = catalogJson as unknown as { variables: Record<string, VarInfo>; patterns: Omit<VarPattern, 're'>[] };

export const ENV_VARS: ReadonlyMap<string, VarInfo> = new Map(Object.entries(CATALOG.variables));
export const ENV_PATTERNS: readonly VarPattern[] = CATALOG.patterns.map((p) => ({ ...p, re: new RegExp(p.pattern) }));

export function varInfo(name: string): VarInfo | undefined {
  return ENV_VARS.get(name);
}

/** The pattern entry (e.g. build-time THEMIS_ENABLE_*) a name falls under, when it has no entry of its own. */
export function varPattern(name: string): VarPattern | undefined {
  return ENV_VARS.has(name) ? undefined : ENV_PATTERNS.find((p) => p.re.test(name));
}

/** A variable that holds a secret: the catalog decides where it knows the name, else the name does. */
export function isSecretVar(name: string): boolean {
  return ENV_VARS.get(name)?.secret ?? isSecretKey(name);
}
