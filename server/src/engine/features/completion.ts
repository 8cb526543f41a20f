// Completion for ThemisDB files: keys, whole-section snippets and values from the
// JSON Schemas (config.yaml family, security.yaml, mig.yaml: completionYaml.ts),
// `${VAR}` names from the workspace .env files and the env catalog, and .env names
// and values from the catalog (completionEnv.ts).
//
// YAML is read line by line around the cursor (documents/yamlLines.ts: indentation
// decides the key path), never with the YAML parse: the file is usually incomplete
// while the user types, and a 10,000-line file must answer in milliseconds. A .env
// file is read as dotenv reads it (the EnvModel).
import { inComment } from '../documents/yamlLines';
import { schemaFor } from '../schema/schemaIndex';
import { SourceFile } from '../sourceFile';
import { CompletionEntry, CompletionOptions } from './completionEntry';
import { envCompletion, variableItems } from './completionEnv';
import { yamlCompletion } from './completionYaml';
import { envPosition } from './envPosition';

export type { CompletionEntry, CompletionKind, CompletionOptions } from './completionEntry';

/** Completion items at an offset of a ThemisDB file. */
export function complete(file: SourceFile, offset: number, options: CompletionOptions): CompletionEntry[] {
  const pos = file.lines.position(offset);
  const lineText = file.lines.lineText(pos.line);
  const lineStart = file.lines.lineStart(pos.line);
  const col = Math.min(pos.character, lineText.length);
  const before = lineText.slice(0, col);
  const env = options.kind === 'env' ? envPosition(file, lineStart + col) : undefined;
  if (env ? env.commentLine || env.inComment : inComment(lineText, col)) return [];

  const varCtx = /\$\{([A-Za-z0-9_]*)$/.exec(before);
  if (varCtx) {
    const tail = /^[A-Za-z0-9_]*/.exec(lineText.slice(col))![0];
    const closed = lineText[col + tail.length] === '}';
    const span = { start: lineStart + col - varCtx[1].length, end: lineStart + col + tail.length };
    return variableItems(file, span, closed, options);
  }
  if (env) return envCompletion(file, env, pos.line, col, lineText, lineStart);
  const schema = schemaFor(options.kind, file.path);
  if (!schema) return [];
  return yamlCompletion(file, schema, pos.line, col, lineText, lineStart);
}
