// Go to definition from `${VAR}` to its .env line, references from a .env
// variable to its uses, and the outline of .env files.
import { DocumentSymbol, Location, SymbolKind } from 'vscode-languageserver';
import { fileSizeLimit } from '../engine/analyze';
import { findVarRefs } from '../engine/documents/envModel';
import { kindFromName } from '../engine/fileKinds';
import { detailValue } from '../engine/secretValue';
import { SourceFile } from '../engine/sourceFile';
import { Span } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { pathToUri, toRange } from './convert';

interface VarAt {
  name: string;
  span: Span;
}

/** All `${VAR}` / `$VAR` references in a file, with their offsets in the source text. */
export function varReferences(file: SourceFile, isEnv: boolean): VarAt[] {
  const out: VarAt[] = [];
  const scan = (span: Span) => {
    const raw = file.text.slice(span.start, span.end);
    for (const r of findVarRefs(raw)) out.push({ name: r.name, span: { start: span.start + r.start, end: span.start + r.end } });
  };
  if (isEnv) {
    for (const e of file.env.entries) if (e.quote !== "'") scan(e.valueSpan);
  } else {
    // an aliased value is written (and scanned) at its anchor
    for (const ref of file.yaml.refs) if (ref.valueSpan && typeof ref.value === 'string' && !ref.viaAlias) scan(ref.valueSpan);
  }
  return out;
}

const isEnvPath = (p: string) => kindFromName(p) === 'env';

export function definition(file: SourceFile, offset: number, ws: Workspace): Location | undefined {
  const ref = varReferences(file, isEnvPath(file.path)).find((r) => r.span.start <= offset && offset <= r.span.end);
  if (!ref) return undefined;
  const own = isEnvPath(file.path) ? file.env.get(ref.name) : undefined;
  const def = own ? { file, entry: own } : ws.lookupVar(ref.name, file.path);
  if (!def) return undefined;
  return Location.create(
    pathToUri(def.file.path),
    toRange(def.file.lines, { start: def.entry.keySpan.start, end: def.entry.valueSpan.end }),
  );
}

export function references(file: SourceFile, offset: number, ws: Workspace, includeDeclaration: boolean): Location[] {
  const entry = file.env.entries.find((e) => e.keySpan.start <= offset && offset <= e.keySpan.end);
  const name = entry?.key ?? varReferences(file, true).find((r) => r.span.start <= offset && offset <= r.span.end)?.name;
  if (!name) return [];
  const out: Location[] = [];
  if (includeDeclaration && entry) out.push(Location.create(pathToUri(file.path), toRange(file.lines, entry.keySpan)));
  for (const f of ws.allFiles(() => true)) {
    if (fileSizeLimit(f)) continue; // not analyzed, so not parsed for its references either
    for (const r of varReferences(f, isEnvPath(f.path)))
      if (r.name === name) out.push(Location.create(pathToUri(f.path), toRange(f.lines, r.span)));
  }
  return out;
}

export function envSymbols(file: SourceFile): DocumentSymbol[] {
  return file.env.entries.map((e) => ({
    name: e.key,
    kind: SymbolKind.Variable,
    detail: detailValue(e.value, [e.key]),
    range: toRange(file.lines, e.lineSpan),
    selectionRange: toRange(file.lines, e.keySpan),
  }));
}
