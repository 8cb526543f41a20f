// Queries on our JSON Schemas: which subschema describes a key path, which keys
// are allowed under a path. Shared by validation, completion and hover.
import configSchema from '../../../../schemas/themisdb-config.schema.json';
import migSchema from '../../../../schemas/themisdb-mig.schema.json';
import securitySchema from '../../../../schemas/themisdb-security.schema.json';
import * as path from 'path';
import { FileKind } from '../types';
import { PathCache } from './pathCache';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
  markdownDescription?: string;
  title?: string;
  deprecationMessage?: string;
  defaultSnippets?: { label?: string; description?: string; body?: unknown; bodyText?: string }[];
  examples?: unknown[];
  'x-recommended'?: unknown;
  'x-unsafe-default'?: string;
  'x-server-reads'?: boolean;
  [k: string]: unknown;
}

export type SchemaName = 'config' | 'security' | 'mig';

export const SCHEMAS: Record<SchemaName, JsonSchema> = {
  config: configSchema as JsonSchema,
  security: securitySchema as JsonSchema,
  mig: migSchema as JsonSchema,
};

/** Which schema describes a file of this kind and name. */
export function schemaFor(kind: FileKind, filePath: string): SchemaName | undefined {
  if (kind === 'mig') return 'mig';
  if (kind !== 'config') return undefined;
  return /^security(\.[\w.-]+)?\.ya?ml$/i.test(path.basename(filePath)) ? 'security' : 'config';
}

function deref(root: JsonSchema, s: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
  if (!s || depth > 20) return s;
  if (s.$ref?.startsWith('#/')) {
    const target = s.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (o, k) => (o as Record<string, unknown> | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')],
        root,
      ) as JsonSchema | undefined;
    return deref(root, target, depth + 1);
  }
  return s;
}

/** The alternatives a schema stands for (oneOf/anyOf/allOf flattened). */
export function variants(root: JsonSchema, s: JsonSchema | undefined): JsonSchema[] {
  const d = deref(root, s);
  if (!d) return [];
  const subs = [...(d.oneOf ?? []), ...(d.anyOf ?? []), ...(d.allOf ?? [])];
  return subs.length ? [d, ...subs.flatMap((x) => variants(root, x))] : [d];
}

/** Subschemas for a child key (or sequence index) under a schema. */
function child(root: JsonSchema, s: JsonSchema | undefined, key: string): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const v of variants(root, s)) {
    if (/^\d+$/.test(key) && v.items) {
      const item = Array.isArray(v.items) ? v.items[Number(key)] : v.items;
      if (item) out.push(...variants(root, item));
      continue;
    }
    const prop = v.properties?.[key];
    if (prop) {
      out.push(...variants(root, prop));
      continue;
    }
    for (const [pat, ps] of Object.entries(v.patternProperties ?? {}))
      if (new RegExp(pat).test(key)) out.push(...variants(root, ps));
    if (typeof v.additionalProperties === 'object') out.push(...variants(root, v.additionalProperties));
  }
  return out;
}

// Schemas never change at run time: lookups by path are cached (paths repeat across files and edits).
const cached = new PathCache<JsonSchema[]>();

/** Every subschema that describes the value at `keys` (empty when the path is unknown). */
export function schemasAt(name: SchemaName, keys: readonly string[]): JsonSchema[] {
  return cached.get(name, keys, () => {
    const root = SCHEMAS[name];
    // one step from the (cached) parent: each new path costs one lookup, not a walk from the root
    if (keys.length === 0) return variants(root, root);
    return schemasAt(name, keys.slice(0, -1)).flatMap((s) => child(root, s, keys[keys.length - 1]));
  });
}

/** The most descriptive subschema at a path (the one with a description wins). */
export function schemaAt(name: SchemaName, keys: string[]): JsonSchema | undefined {
  const all = schemasAt(name, keys);
  return all.find((s) => s.markdownDescription || s.description) ?? all[0];
}

/** Named properties allowed at a path, with their schemas. */
export function propertiesAt(name: SchemaName, keys: string[]): Map<string, JsonSchema> {
  const root = SCHEMAS[name];
  const out = new Map<string, JsonSchema>();
  for (const s of schemasAt(name, keys)) {
    for (const v of variants(root, s)) {
      for (const [k, ps] of Object.entries(v.properties ?? {})) if (!out.has(k)) out.set(k, deref(root, ps) ?? ps);
    }
  }
  return out;
}

export function typesOf(s: JsonSchema | undefined): string[] {
  if (!s) return [];
  return Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
}
