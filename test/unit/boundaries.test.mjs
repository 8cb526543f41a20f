// Import boundaries, read from the sources (TypeScript's own import scanner):
// the engine is plain computation on text, so the CLI, the language server and the
// tests run the same code; the client shares with the server only the protocol
// module and the config generator.
//   - server/src/engine/ imports nothing from lsp/, cli/, vscode* or fs, and no file
//     outside engine/ but the schemas (JSON data, bundled in); one exception: the test
//     bundle entry engine/index.ts re-exports the Node host, ../nodeHost.ts;
//   - client/src/ imports from server/src only protocol.ts and engine/generate/;
//   - server/src/protocol.ts, imported by both sides, imports nothing but `path`;
//   - hover does not import completion (what they share lives in features/docs.ts,
//     documents/yamlLines.ts and documents/yamlScalar.ts).
// Run: node --test test/unit/boundaries.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../helpers/engine.mjs';

const ts = createRequire(import.meta.url)('typescript');
const SERVER = path.join(repoRoot, 'server', 'src');
const ENGINE = path.join(SERVER, 'engine');
const CLIENT = path.join(repoRoot, 'client', 'src');
const SCHEMAS = path.join(repoRoot, 'schemas');

function sources(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every import, export-from, require() and import() of a file: { spec, target } (target: the resolved path of a relative one). */
function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName: spec }) => ({
    spec,
    target: spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : undefined,
  }));
}

const rel = (p) => path.relative(repoRoot, p).split(path.sep).join('/');
const inside = (p, dir) => p === dir || p.startsWith(dir + path.sep);
const isFs = (spec) => /^(node:)?fs(\/|$)/.test(spec);

describe('import boundaries', () => {
  it('the scanner sees the imports (a sanity check on a file with known imports)', () => {
    const specs = importsOf(path.join(SERVER, 'lsp', 'server.ts')).map((i) => i.spec);
    assert.ok(specs.includes('vscode-languageserver/node') && specs.includes('../nodeHost'), specs.join(', '));
  });

  it('server/src/engine imports nothing from lsp/, cli/, vscode* or fs, and nothing outside engine/ but the schemas', () => {
    const bad = [];
    for (const file of sources(ENGINE)) {
      for (const { spec, target } of importsOf(file)) {
        const where = `${rel(file)} imports '${spec}'`;
        if (target) {
          if (inside(target, path.join(SERVER, 'lsp')) || inside(target, path.join(SERVER, 'cli'))) bad.push(where);
          else if (inside(target, ENGINE) || inside(target, SCHEMAS)) continue;
          else if (!(rel(file) === 'server/src/engine/index.ts' && rel(target) === 'server/src/nodeHost'))
            bad.push(`${where} (outside engine/)`);
        } else if (/^vscode/.test(spec) || isFs(spec)) bad.push(where);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('client/src imports from server/src only protocol.ts and engine/generate/', () => {
    const bad = [];
    let protocolUsed = false;
    for (const file of sources(CLIENT)) {
      for (const { spec, target } of importsOf(file)) {
        if (!target || !inside(target, SERVER)) continue;
        const r = rel(target).replace(/\.ts$/, '');
        if (r === 'server/src/protocol') protocolUsed = true;
        else if (!r.startsWith('server/src/engine/generate/')) bad.push(`${rel(file)} imports '${spec}'`);
      }
    }
    assert.deepEqual(bad, []);
    assert.ok(protocolUsed, 'the client takes its protocol strings from server/src/protocol.ts');
  });

  it('server/src/protocol.ts imports nothing but path, so both bundles can take it', () => {
    const specs = importsOf(path.join(SERVER, 'protocol.ts')).map((i) => i.spec);
    assert.deepEqual(
      specs.filter((s) => s !== 'path' && s !== 'node:path'),
      [],
    );
  });

  it('hover does not import completion', () => {
    const features = path.join(ENGINE, 'features');
    const bad = [];
    for (const file of sources(features).filter((f) => /^hover/.test(path.basename(f)))) {
      for (const { spec, target } of importsOf(file))
        if (target && /^completion/.test(path.basename(target))) bad.push(`${rel(file)} imports '${spec}'`);
    }
    assert.deepEqual(bad, []);
  });

  it('the client declares no protocol string of its own', () => {
    const strings = [
      "'themisdb/",
      "'themisdb.selectSuppressionReason'",
      "'themisdb.showRuleDocs'",
      "'<reason>'",
      "'docs', 'rules'",
      "'themisdb'",
    ];
    const bad = [];
    for (const file of sources(CLIENT)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const s of strings) if (text.includes(s)) bad.push(`${rel(file)}: ${s}`);
      for (const m of text.matchAll(/registerCommand\(\s*'([^']+)'/g)) bad.push(`${rel(file)}: registerCommand('${m[1]}')`);
    }
    assert.deepEqual(bad, []);
  });

  it('no source file under server/src is over 600 lines (one concern per module)', () => {
    const long = sources(SERVER)
      .map((f) => ({ f: path.relative(repoRoot, f), lines: fs.readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.lines > 600);
    assert.deepEqual(long, []);
  });
});
