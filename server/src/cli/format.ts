// Output formats of themisdb-lint. Messages never contain a full secret: rules mask them.
import * as path from 'path';
import { LineIndex } from '../engine/documents/lineIndex';
import { Finding, Severity } from '../engine/types';

export interface FileResult {
  file: string;
  lines: LineIndex;
  findings: Finding[];
}

export interface JsonFinding {
  file: string;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export function toJsonFindings(results: FileResult[], cwd: string): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of results) {
    const file = relative(cwd, r.file);
    for (const f of r.findings) {
      const s = r.lines.position(f.span.start);
      const e = r.lines.position(f.span.end);
      out.push({ file, ruleId: f.ruleId, ruleName: f.ruleName, severity: f.severity, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, message: f.message });
    }
  }
  return out;
}

export function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

const COLORS: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };

export function formatText(findings: JsonFinding[], filesChecked: number, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  let current = '';
  for (const f of findings) {
    if (f.file !== current) {
      if (current) lines.push('');
      lines.push(paint('4', f.file));
      current = f.file;
    }
    const where = `${f.file}:${f.line}:${f.column}`;
    lines.push(`  ${where.padEnd(28)}  ${paint(COLORS[f.severity], f.severity.padEnd(7))}  ${f.message}  ${paint('90', f.ruleId)}`);
  }
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  if (lines.length) lines.push('');
  const parts = [`${count('error')} errors`, `${count('warning')} warnings`, `${count('info')} info`, `${count('hint')} hints`];
  lines.push(`${findings.length === 0 ? paint('32', '✓') : paint('31', '✖')} ${findings.length} problems (${parts.join(', ')}) in ${filesChecked} ThemisDB files`);
  return lines.join('\n') + '\n';
}
