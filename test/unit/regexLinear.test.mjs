// No regular expression of the server, the CLI or the schemas backtracks on long input (issue
// 12): every regex literal in server/src and every pattern of schemas/*.json is timed on inputs
// of 8,000 characters shaped to make a backtracking matcher re-read them
// (test/helpers/regexAttack.mjs). A few patterns only ever read short text the product controls;
// they are listed below with the reason, and the list may not hold a pattern that is gone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot } from '../helpers/engine.mjs';

const ts = createRequire(import.meta.url)('typescript');

const LENGTH = 8000;
/** A linear pattern takes well under 1 ms on 8,000 characters; a quadratic one 20 ms or more. */
const LIMIT_MS = 5;
/** A pattern still running after this long has no end in sight: it is stopped and counted as slow. */
const STOP_MS = 4000;

/** Patterns that read only short text of the product's own: by file and source, with why. */
const BOUNDED = [
  {
    file: 'server/src/cli/ruleDocs.ts',
    source: String.raw`\s*\n\s*`,
    why: 'reads the rule documentation the package ships',
  },
  { file: 'server/src/cli/ruleDocs.ts', source: String.raw`\s+$`, why: 'reads the rule documentation the package ships' },
  {
    file: 'server/src/cli/ruleDocs.ts',
    source: String.raw`^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$`,
    why: 'reads the rule documentation the package ships',
  },
  {
    file: 'server/src/cli/fingerprint.ts',
    source: String.raw`"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'`,
    why: 'reads at most the 1,000 characters around a finding',
  },
  {
    file: 'server/src/engine/deploy/recognize.ts',
    source: String.raw`(?:^|[._-])values(?:[._-][\w.-]*)?\.ya?ml$`,
    why: 'reads a file name (at most 255 bytes)',
  },
  {
    file: 'server/src/engine/lintConfig.ts',
    source: String.raw`,\s*(?:\.\.\.)?".*" is not valid JSON$`,
    why: "reads JSON.parse's message, which quotes a few dozen characters at most",
  },
];

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every regex literal of server/src, with its file and line. */
function literals() {
  const out = [];
  for (const file of sourceFiles(path.join(repoRoot, 'server/src'))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const slash = text.lastIndexOf('/');
        out.push({
          file: path.relative(repoRoot, file),
          line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          source: text.slice(1, slash),
          flags: text.slice(slash + 1),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** The `pattern` values and `patternProperties` keys of the schemas (the validators and the env catalog test them on user text). */
function schemaPatterns() {
  const out = [];
  const walk = (file, v) => {
    if (Array.isArray(v)) return v.forEach((x) => walk(file, x));
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'patternProperties') for (const p of Object.keys(x)) out.push({ file, line: 0, source: p, flags: 'u' });
      if (k === 'pattern' && typeof x === 'string') out.push({ file, line: 0, source: x, flags: 'u' });
      walk(file, x);
    }
  };
  for (const name of fs.readdirSync(path.join(repoRoot, 'schemas')).filter((n) => n.endsWith('.json')))
    walk(`schemas/${name}`, JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', name), 'utf8')));
  return out;
}

/** Each pattern's slowest attack (ms, its start); Infinity for one stopped after STOP_MS. */
async function timeAll(patterns) {
  const results = new Array(patterns.length);
  let from = 0;
  while (from < patterns.length) {
    from = await new Promise((resolve, reject) => {
      const worker = new Worker(new URL('../helpers/regexAttack.mjs', import.meta.url), {
        workerData: { patterns, from, n: LENGTH },
      });
      let next = from;
      let timer;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          results[next] = { ms: Infinity, sample: `still running after ${STOP_MS} ms` };
          void worker.terminate().then(() => resolve(next + 1));
        }, STOP_MS);
      };
      arm();
      worker.on('message', (r) => {
        results[r.index] = r;
        next = r.index + 1;
        arm();
      });
      worker.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      worker.on('exit', () => {
        if (next >= patterns.length) {
          clearTimeout(timer);
          resolve(next);
        }
      });
    });
  }
  return results;
}

const bounded = (p) => BOUNDED.some((b) => b.file === p.file && b.source === p.source);

describe('regular expressions on long input', () => {
  it('the attacks find what backtracks: patterns this product once had', async () => {
    const known = [
      String.raw`\s*[:=]$`, // a key's colon after its blanks (fingerprints)
      String.raw`^(.+?)\1+$`, // a repeated unit (weak secrets)
      String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b`, // a JSON Web Token
      String.raw`^\s*\d+(?:\.\d+)?(\s*)(\w*)\s*$`, // a retention with its unit
      String.raw`^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@\x60][^#]*?)[ \t]*:(?=[ \t]|$)`, // a key being typed
      String.raw`^\s*\[(?:Unit|Service|Install)\]`, // a systemd section, multiline
    ].map((source, i, all) => ({ file: 'known', line: i, source, flags: i === all.length - 1 ? 'm' : '' }));
    const results = await timeAll(known);
    const missed = known.filter((_, i) => !(results[i].ms > LIMIT_MS)).map((p) => p.source);
    assert.deepEqual(missed, []);
  });

  it('every regex of server/src and the schemas reads 8,000 characters in linear time', async () => {
    const patterns = [...literals(), ...schemaPatterns()];
    assert.ok(patterns.length > 400, `${patterns.length} patterns`);
    const results = await timeAll(patterns);
    const slow = patterns
      .map((p, i) => ({ ...p, ...results[i] }))
      .filter((p) => p.ms > LIMIT_MS && !bounded(p))
      .map((p) => `${p.file}:${p.line} /${p.source}/${p.flags}: ${p.ms.toFixed(0)} ms on ${p.sample}`);
    assert.deepEqual(slow, []);
    const stale = BOUNDED.filter((b) => !patterns.some((p) => p.file === b.file && p.source === b.source));
    assert.deepEqual(stale, [], 'BOUNDED lists a pattern the code no longer has');
  });
});
