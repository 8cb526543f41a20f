// How a value is written as a YAML scalar, and what a written scalar stands for.
// The one quoting module: completion and hover show values with it, and the fix
// edits (fixes/yamlEdits.ts) write them with it. A string is left plain only when
// both YAML 1.2 (the editor, the `yaml` package) and yaml-cpp's YAML 1.1 (the
// server: `yes`, `on`, `1_000`) read it back as the same string.

// Plain scalars that are not strings: null, booleans (1.2 core and 1.1), numbers
// (`1`, `1.`, `.5`, `1e3`, `1_000`, `0x1f`, `0o17`, `.inf`, `.nan`). Each number form splits its
// digits one way only, so a value of 100,000 digits is tested in linear time.
const NON_STRING_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\d(?:[\d_]*\d)?|\d[\d_]*\.\d+|\.\d+)(?:[eE][-+]?\d+)?|[-+]?\d[\d_]*\.(?:\d*)?(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0x[0-9a-fA-F]+|0o[0-7]+)$/;

/** Whether a string must be quoted to stay a string in YAML (1.2 core and yaml-cpp's 1.1 booleans). */
export function needsQuotes(s: string): boolean {
  return s === '' || NON_STRING_PLAIN.test(s) || /^[\s\-?:,[\]{}#&*!|>'"%@`]|^\.\.\.(\s|$)|\s$|[\n\r]|:(\s|$)|\s#/.test(s);
}

/** A string in double quotes (JSON escapes are YAML escapes). */
export function doubleQuoted(s: string): string {
  return JSON.stringify(s);
}

/** A string in single quotes (`'` doubled). */
export function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A scalar as it is written in YAML (strings quoted only when needed). */
export function yamlScalar(v: unknown): string {
  if (typeof v === 'string') return needsQuotes(v) ? doubleQuoted(v) : v;
  if (v === null || v === undefined) return 'null';
  return String(v);
}

/** How a scalar was written, as the `yaml` package names it (`Scalar.type`). */
export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED' | string | undefined;

/** A value written where a scalar of `style` stood, keeping its quotes (plain or block: quoted only when needed). */
export function yamlScalarLike(v: string | number | boolean, style: ScalarStyle): string {
  if (typeof v !== 'string') return String(v);
  if (style === 'QUOTE_SINGLE') return singleQuoted(v);
  if (style === 'QUOTE_DOUBLE') return doubleQuoted(v);
  return yamlScalar(v);
}

/** The string a written scalar stands for (quotes removed). */
export function unquoteScalar(raw: string): string {
  if (raw.length >= 2 && raw[0] === '"' && raw[raw.length - 1] === '"') {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  if (raw.length >= 2 && raw[0] === "'" && raw[raw.length - 1] === "'") return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}
