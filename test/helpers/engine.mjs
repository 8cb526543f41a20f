// The built engine bundle (npm test builds it first) and helpers to run it on real files.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { tempFiles } from './tempDir.mjs';

const require = createRequire(import.meta.url);
export const engine = require('../../server/out/engine.js');
// a rule that breaks what its meta declares fails the test instead of logging
engine.setStrictRuleContracts(true);
export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Writes `files` ({relativePath: text}) into a fresh temp folder and returns its path. */
export function writeWorkspace(files) {
  return tempFiles('themisdb-ws-', files);
}

/** writeWorkspace's folder made a repository root (a `.git` folder), so no lookup goes above it. */
export function writeRepository(files) {
  const dir = writeWorkspace(files);
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

/** Analyzes one file of a workspace folder with the real engine and disk. */
export function analyzeFile(dir, rel, options = {}) {
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const file = ws.file(path.join(dir, rel));
  if (!file) throw new Error(`no file ${rel}`);
  const analysis = engine.analyze(file, ws, { profile: 'production', root: dir, ...options });
  return { ws, file, analysis };
}

/** 1-based line/column of a finding, like the CLI prints. */
export function place(file, finding) {
  const s = file.lines.position(finding.span.start);
  const e = file.lines.position(finding.span.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}
