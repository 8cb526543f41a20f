// Completion of environment variables: `${VAR}` names in any ThemisDB file (the
// workspace's .env files first, then the env catalog), and in .env files the
// catalog's names and the values a variable accepts. The .env side reads the
// EnvModel (envPosition.ts), so a line inside a multi-line quoted value is not a
// `KEY=value` line.
import { detailValue } from '../secretValue';
import { SourceFile } from '../sourceFile';
import { Span } from '../types';
import { Workspace } from '../workspace/workspace';
import { CompletionEntry, CompletionOptions, pad, STATUS_ORDER } from './completionEntry';
import {
  displayFile,
  envCatalogNames,
  EnvVarInfo,
  envStatusText,
  envVarInfo,
  envVarMarkdown,
  isSecretVar,
  shownValue,
} from './docs';
import { envKeys, EnvPosition } from './envPosition';

// ---------------------------------------------------------------- ${VAR}

export interface VarDefinitionInfo {
  name: string;
  file: SourceFile;
  line: number;
  value: string;
}

/** Every variable defined in the workspace's .env files: the current file's own first, then siblings, then the rest. */
export function workspaceVariables(file: SourceFile, ws: Workspace | undefined, isEnv: boolean): Map<string, VarDefinitionInfo> {
  const out = new Map<string, VarDefinitionInfo>();
  const files: SourceFile[] = [];
  if (isEnv) files.push(file);
  if (ws)
    for (const f of [...ws.siblingEnvFiles(file.path), ...ws.allEnvFiles()])
      if (f.path !== file.path && !files.some((x) => x.path === f.path)) files.push(f);
  for (const f of files) {
    // across files the first definition wins; within a file the last one (as dotenv reads it)
    const mine = new Set<string>();
    for (const e of f.env.entries) {
      if (out.has(e.key) && !mine.has(e.key)) continue;
      mine.add(e.key);
      out.set(e.key, { name: e.key, file: f, line: f.lines.position(e.keySpan.start).line, value: e.value });
    }
  }
  return out;
}

/** `${VAR}` names: the workspace's variables, then the rest of the catalog. */
export function variableItems(file: SourceFile, span: Span, closed: boolean, options: CompletionOptions): CompletionEntry[] {
  const defined = workspaceVariables(file, options.workspace, options.kind === 'env');
  const out: CompletionEntry[] = [];
  const close = closed ? '' : '}';
  for (const d of defined.values()) {
    const info = envVarInfo(d.name);
    const where = `${displayFile(d.file.path, options.root, file.path)}:${d.line + 1}`;
    const doc = [`Defined in \`${where}\`: ${shownValue(d.name, d.value)}`, envVarMarkdown(d.name, info)]
      .filter(Boolean)
      .join('\n\n');
    out.push({
      label: d.name,
      kind: 'variable',
      detail: `${where} = ${d.value ? detailValue(d.value, [d.name]) : isSecretVar(d.name) ? 'empty' : ''}`,
      documentation: doc,
      insertText: d.name + close,
      span,
      sortText: `0${d.name}`,
      filterText: d.name,
    });
  }
  for (const name of envCatalogNames()) {
    if (defined.has(name)) continue;
    const info = envVarInfo(name)!;
    out.push({
      label: name,
      kind: 'variable',
      detail: info.status === 'code' ? 'catalog, not set in any .env' : `catalog (${info.status}), not set in any .env`,
      documentation: envVarMarkdown(name, info),
      insertText: name + close,
      span,
      sortText: `${1 + (STATUS_ORDER[info.status] ?? 5)}${name}`,
      filterText: name,
    });
  }
  return out;
}

// ---------------------------------------------------------------- .env

/** Names at the start of a line, values after `KEY=`; nothing on the later lines of a multi-line quoted value. */
export function envCompletion(
  file: SourceFile,
  at: EnvPosition,
  lineNo: number,
  col: number,
  lineText: string,
  lineStart: number,
): CompletionEntry[] {
  if (at.continuationLine) return [];
  const own = at.entry && at.entry.keyLine === lineNo ? at.entry : undefined;
  const before = lineText.slice(0, col);
  const nameCtx = /^[ \t]*(?:export[ \t]+)?([A-Za-z0-9_]*)$/.exec(before);
  if (nameCtx) {
    const partial = nameCtx[1];
    const after = lineText.slice(col);
    const tail = /^[A-Za-z0-9_]*/.exec(after)![0];
    const hasEquals = /^[ \t]*=/.test(after.slice(tail.length));
    const span = { start: lineStart + col - partial.length, end: lineStart + col + tail.length };
    const present = envKeys(file);
    if (own) present.delete(own.key);
    return envCatalogNames()
      .filter((n) => !present.has(n))
      .map((name) => {
        const info = envVarInfo(name)!;
        const order = STATUS_ORDER[info.status] ?? 5;
        const values = envValueCandidates(info);
        return {
          label: name,
          kind: 'variable' as const,
          detail:
            info.status === 'code'
              ? info.type
              : `${info.type ?? 'variable'} · not read by the server (${info.statusDetail ?? info.status})`,
          documentation: envVarMarkdown(name, info),
          insertText: hasEquals ? name : `${name}=`,
          span,
          sortText: `${order}${name.startsWith('THEMIS_') ? 0 : 1}${name}`,
          filterText: name,
          retrigger: !hasEquals && values.length > 0,
        };
      });
  }
  if (!own || lineStart + col < own.valueSpan.start) return [];
  const info = envVarInfo(own.key);
  if (!info) return [];
  // the value's columns on this line, inside its quotes
  const lineEnd = lineStart + lineText.length;
  let start = own.valueSpan.start;
  let end = Math.min(own.valueSpan.end, lineEnd);
  if (own.quote) {
    start++;
    end = own.closed && own.valueSpan.end <= lineEnd ? own.valueSpan.end - 1 : lineEnd;
  }
  const offset = lineStart + col;
  if (offset < start || offset > Math.max(end, start)) return [];
  const span = { start, end: Math.max(offset, end) };
  return envValueCandidates(info).map((c, i) => ({
    label: c.value,
    kind: 'value' as const,
    detail: c.notes.join(', ') || undefined,
    documentation: c.doc,
    insertText: c.value,
    span,
    sortText: pad(c.recommended ? 0 : 10 + i),
    filterText: c.value,
    preselect: c.recommended || undefined,
  }));
}

export interface EnvValueCandidate {
  value: string;
  recommended: boolean;
  notes: string[];
  doc?: string;
}

export function envValueCandidates(info: EnvVarInfo): EnvValueCandidate[] {
  const out: EnvValueCandidate[] = [];
  const add = (value: string, note?: string) => {
    let c = out.find((x) => x.value === value);
    if (!c) out.push((c = { value, recommended: false, notes: [] }));
    if (note && !c.notes.includes(note)) c.notes.push(note);
  };
  if (info.recommended !== undefined && info.recommended !== null) add(info.recommended, 'recommended');
  for (const v of info.accepted ?? []) add(v);
  if (info.type === 'boolean' && !info.accepted?.length) {
    add('true');
    add('false');
  }
  for (const v of info.disabling ?? []) add(v, 'switches it off');
  if (info.default !== undefined && info.default !== null && info.default !== '')
    add(info.default, info.unsafeDefault ? 'default, unsafe' : 'default');
  for (const c of out) {
    c.recommended = c.notes.includes('recommended');
    const parts: string[] = [];
    if (c.recommended) parts.push('**Recommended.**');
    if (c.notes.includes('default, unsafe')) parts.push(`Default. ⚠️ ${info.unsafeDefault}`);
    else if (c.notes.includes('default')) parts.push('Default.');
    if (c.notes.includes('switches it off')) parts.push('Switches the feature off.');
    if (info.accepted?.length && !info.accepted.includes(c.value) && info.type === 'flag')
      parts.push('Not an accepted spelling: the server treats it as off.');
    parts.push(envStatusText(info));
    c.doc = parts.join('\n\n');
  }
  return out;
}
