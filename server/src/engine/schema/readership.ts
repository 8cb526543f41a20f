// Does the ThemisDB server read a key, and what works instead when it does not?
// One answer for SCH006, the security rules, fixes, hover, completion and the
// generator. The facts come from the schemas' `x-server-reads` (inherited from
// the nearest ancestor that says) and `x-env-override`; the replacements for the
// unread security switches come from the research (reference/themisdb-config-research.md).
import { YamlModel, YamlRef } from '../documents/yamlModel';
import { PathCache } from './pathCache';
import { SchemaName, schemasAt } from './schemaIndex';

export type Readership = 'read' | 'unread' | 'unknown';

// Schemas never change at run time: answers by path are cached (SCH006 asks for every entry of a file).
const answers = new PathCache<Readership>();

/** Whether the server reads the key at `keys`: its own flag, or the nearest ancestor's. */
export function readership(name: SchemaName, keys: readonly string[]): Readership {
  return answers.get(
    name,
    keys,
    () => ownFlag(name, keys) ?? (keys.length > 1 ? readership(name, keys.slice(0, -1)) : 'unknown'),
  );
}

function ownFlag(name: SchemaName, keys: readonly string[]): Readership | undefined {
  if (keys.length === 0) return undefined;
  for (const s of schemasAt(name, keys as string[])) {
    const v = s['x-server-reads'];
    if (typeof v === 'boolean') return v ? 'read' : 'unread';
  }
  return undefined;
}

export const isUnread = (name: SchemaName, keys: readonly string[]): boolean => readership(name, keys) === 'unread';

/** Environment variables the server reads in place of the key (`x-env-override`). */
export function envOverrides(name: SchemaName, keys: readonly string[]): string[] {
  for (const s of schemasAt(name, keys as string[])) {
    const env = s['x-env-override'];
    if (Array.isArray(env) && env.length) return env as string[];
  }
  return [];
}

const TLS_PROXY =
  'terminate TLS in a proxy in front of the server (nginx, Envoy, an ingress) or run a build that maps these keys into its TLS settings';
const AT_REST =
  'encrypt the volume underneath (LUKS, an encrypted cloud disk) or run a build with encrypted storage (THEMIS_ENABLE_ENCRYPTED_STORAGE is a build option)';
const AUDIT =
  'record requests at a proxy in front of the server and ship its logs to an external sink; the server signs its own audit trail only with the THEMIS_PKI_* variables';
const ROTATION =
  'rotate the keys where they live, in Vault (THEMIS_VAULT_ADDR) or the HSM (THEMIS_HSM_ENABLED=1), on their schedule';
const ACCESS = 'the server checks the bearer tokens THEMIS_TOKEN_ADMIN, THEMIS_TOKEN_READONLY and THEMIS_TOKEN_ANALYST';
const KEY_STORE =
  'the server accepts only `hsm.provider: pkcs11` (or the stub) and reads Vault from THEMIS_VAULT_ADDR / THEMIS_VAULT_TOKEN';

/** Replacements by dotted path, most specific first (a pattern matches the path or a prefix of it). */
const INSTEAD: [RegExp, string][] = [
  [/^(?:server\.(?:enable_tls|tls_)|network\.tls\b|grpc\.tls\b|security\.(?:enable_tls|tls_|mtls)|tls\b)/, TLS_PROXY],
  [/^(?:storage\.encryption\b|field_encryption\b|security\.(?:enable_field_encryption|encryption\b)|llm\.encryption\b)/, AT_REST],
  [/^(?:logging\.audit\b|audit\b|security\.(?:audit|enable_audit))/, AUDIT],
  [/^security\.key_rotation\b/, ROTATION],
  [/^(?:access_control\b|security\.(?:enable_auth|enable_rbac|authentication|authorization))/, ACCESS],
  [/^(?:hsm\.(?:aws_kms|azure_keyvault|gcp_kms|vault)\b|security\.(?:enable_hsm|hsm)\b)/, KEY_STORE],
];

/** insteadOf's answers by path, like readership's (SCH006 and every security rule ask). */
const replacements = new PathCache<string | undefined>();

/**
 * What works instead of an unread key, as a clause: its environment variable, a
 * proxy in front, a build that maps it. Undefined when the key is read or unknown.
 */
export function insteadOf(name: SchemaName, keys: readonly string[]): string | undefined {
  return replacements.get(name, keys, () => replacementOf(name, keys));
}

function replacementOf(name: SchemaName, keys: readonly string[]): string | undefined {
  if (!isUnread(name, keys)) return undefined;
  const env = envOverrides(name, keys);
  if (env.length) return `set ${env.join(' or ')} instead, which the server reads`;
  const dotted = keys.filter((k) => !/^\d+$/.test(k)).join('.');
  return INSTEAD.find(([re]) => re.test(dotted))?.[1] ?? 'no replacement is known: only a build that maps this key would read it';
}

/**
 * The sentence a finding on an unread key (or asking for one: `asked`) ends with;
 * '' when the key is read or unknown.
 */
export function unreadSentence(name: SchemaName, keys: readonly string[], asked = false): string {
  const instead = insteadOf(name, keys);
  if (!instead) return '';
  const dotted = keys.filter((k) => !/^\d+$/.test(k)).join('.');
  return `But the server does not read \`${dotted}\`, so ${asked ? 'adding it would have' : 'this setting has'} no effect: ${instead}.`;
}

/**
 * Whether the server reads nothing of an entry: the schema says so, or it is a
 * section all of whose keys are unread. One predicate per model (it caches).
 */
export function unreadEntries(model: YamlModel, name: SchemaName): (ref: YamlRef) => boolean {
  const memo = new Map<YamlRef, boolean>();
  const test = (ref: YamlRef): boolean => {
    let v = memo.get(ref);
    if (v === undefined) {
      const kids = model.childrenIn(ref.docIndex, ref.path).filter((k) => k.keySpan);
      v = isUnread(name, ref.path) || (kids.length > 0 && kids.every(test));
      memo.set(ref, v);
    }
    return v;
  };
  return test;
}
