// JSON Schema validation of a YAML file as the ThemisDB server would read it.
// ajv errors become one problem each, located on the key or value they concern.
import { ErrorObject } from 'ajv';
import { Document, isAlias, isMap, isScalar, isSeq, Node } from 'yaml';
import { findVarRefs } from '../documents/envModel';
import { SourceFile } from '../sourceFile';
import { Workspace } from '../workspace/workspace';
import * as validators from './generated/index';
import { JsonSchema, SchemaName } from './schemaIndex';

export type SchemaProblemKind = 'unknown-key' | 'wrong-type' | 'invalid-enum' | 'out-of-range';

export interface SchemaProblem {
  kind: SchemaProblemKind;
  docIndex: number;
  /** Path of the offending entry (for unknown keys: the key itself). */
  path: string[];
  error: ErrorObject;
  /** The value the server would see (after `${VAR}` substitution). */
  value: unknown;
}

// Bounds the expansion of aliases (an alias bomb must not hang the server).
const MAX_NODES = 200_000;
const YAML_CPP_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

interface Conversion {
  value: unknown;
  /** Paths whose value is a `${VAR}` we cannot resolve: schema errors there are not reported. */
  unresolved: Set<string>;
}

/** Builds the value the server sees: yaml-cpp booleans, `${VAR}` substituted where known. */
function serverValue(doc: Document.Parsed, file: SourceFile, ws: Workspace): Conversion | undefined {
  const unresolved = new Set<string>();
  let budget = MAX_NODES;
  const convert = (node: unknown, path: string[], depth: number): unknown => {
    if (--budget < 0 || depth > 64) throw new Error('too large');
    if (isAlias(node)) return convert(node.resolve(doc), path, depth + 1);
    if (isMap(node)) {
      const o: Record<string, unknown> = {};
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        o[k] = convert(pair.value, [...path, k], depth + 1);
      }
      return o;
    }
    if (isSeq(node)) return node.items.map((item, i) => convert(item, [...path, String(i)], depth + 1));
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v !== 'string') return v;
      if (node.type === 'PLAIN' && YAML_CPP_BOOL.test(v)) return /^[yo]/i.test(v) && !/^off$/i.test(v);
      if (!v.includes('$') || findVarRefs(v).length === 0) return v;
      const { text: out, missing } = ws.substitute(v, file.path);
      if (missing) {
        unresolved.add(path.join('.'));
        return v;
      }
      // a quoted template stays text once rendered; a plain one takes the server's conversion
      return node.type === 'PLAIN' ? coerce(out) : out;
    }
    return (node as Node | null) ?? null;
  };
  try {
    return { value: convert(doc.contents, [], 0), unresolved };
  } catch {
    return undefined;
  }
}

/** The server converts a substituted string like any scalar: bool, integer, double, string. */
function coerce(s: string): unknown {
  if (/^(?:true|yes|on)$/i.test(s)) return true;
  if (/^(?:false|no|off)$/i.test(s)) return false;
  if (/^-?\d+$/.test(s)) return Number(s);
  if (/^-?\d*\.\d+(?:e-?\d+)?$/i.test(s)) return Number(s);
  return s;
}

const KIND: Record<string, SchemaProblemKind | undefined> = {
  additionalProperties: 'unknown-key',
  type: 'wrong-type',
  enum: 'invalid-enum',
  const: 'invalid-enum',
  minimum: 'out-of-range',
  maximum: 'out-of-range',
  exclusiveMinimum: 'out-of-range',
  exclusiveMaximum: 'out-of-range',
};

export function validateYaml(file: SourceFile, ws: Workspace, name: SchemaName): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  // compiled at build time by scripts/compileSchemas.mjs
  const validate = validators[name];
  file.yaml.docs.forEach((doc, docIndex) => {
    if (doc.errors.length || doc.contents === null) return;
    const conv = serverValue(doc, file, ws);
    if (!conv || conv.value === null || typeof conv.value !== 'object') return;
    validate(conv.value);
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      const kind = KIND[e.keyword];
      if (!kind) continue; // oneOf/anyOf/if/pattern summaries: the branch errors say it better
      const path = pointerToPath(e.instancePath);
      if (kind === 'unknown-key') path.push(String((e.params as { additionalProperty: string }).additionalProperty));
      const key = path.join('.');
      if (kind !== 'unknown-key' && conv.unresolved.has(key)) continue;
      // one problem per place: the first error wins (ajv drops failed oneOf branches when one passes)
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind, docIndex, path, error: e, value: pathValue(conv.value, path) });
    }
  });
  return out;
}

function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function pathValue(root: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), root);
}

export function schemaOfError(e: ErrorObject): JsonSchema {
  return (e.parentSchema ?? {}) as JsonSchema;
}
