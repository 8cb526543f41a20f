// JSON Schema validation of a YAML file as the ThemisDB server would read it.
// ajv errors become one problem each, located on the key or value they concern.
import { ErrorObject } from 'ajv';
import { isMap, isScalar, isSeq } from 'yaml';
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

const YAML_CPP_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
/** Path key that keeps `"a.b"` and `a: {b}` apart. */
const keyOf = (path: readonly string[]) => path.join('\u0000');

interface Conversion {
  value: unknown;
  /** Paths whose value is a `${VAR}` we cannot resolve: schema errors there are not reported. */
  unresolved: Set<string>;
}

/**
 * Builds the value the server sees from the YAML model (the same entries the rules
 * read, aliases expanded): yaml-cpp booleans, `${VAR}` substituted where known.
 */
function serverValue(file: SourceFile, ws: Workspace, docIndex: number): Conversion {
  const model = file.yaml;
  const unresolved = new Set<string>();
  const collection = (node: unknown, path: string[]): unknown => {
    const kids = model.childrenIn(docIndex, path);
    if (isSeq(node)) return kids.map((k) => convert(k.node, k.path));
    const o: Record<string, unknown> = {};
    for (const k of kids) if (k.keySpan) o[k.path[k.path.length - 1]] = convert(k.node, k.path);
    return o;
  };
  const convert = (node: unknown, path: string[]): unknown => {
    if (isMap(node) || isSeq(node)) return collection(node, path);
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v !== 'string') return v;
      if (node.type === 'PLAIN' && YAML_CPP_BOOL.test(v)) return /^[yo]/i.test(v) && !/^off$/i.test(v);
      if (!v.includes('$') || findVarRefs(v).length === 0) return v;
      const { text: out, missing } = ws.substitute(v, file.path);
      if (missing) {
        unresolved.add(keyOf(path));
        return v;
      }
      // a quoted template stays text once rendered; a plain one takes the server's conversion
      return node.type === 'PLAIN' ? coerce(out) : out;
    }
    return null;
  };
  return { value: convert(model.docs[docIndex].contents, []), unresolved };
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
    // a document the model holds only in part (an alias bomb, absurd nesting) is not judged
    if (doc.errors.length || doc.contents === null || !file.yaml.complete(docIndex)) return;
    const conv = serverValue(file, ws, docIndex);
    if (conv.value === null || typeof conv.value !== 'object') return;
    validate(conv.value);
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      const kind = KIND[e.keyword];
      if (!kind) continue; // oneOf/anyOf/if/pattern summaries: the branch errors say it better
      const path = pointerToPath(e.instancePath);
      if (kind === 'unknown-key') path.push(String((e.params as { additionalProperty: string }).additionalProperty));
      const key = keyOf(path);
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
