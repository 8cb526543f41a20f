// Parity of every rule's facts across the places that hold them (ESLint's
// checkRuleFiles in spirit): its module, its fixture test, its docs page, the docs
// index row, the catalog of RULES.md, the README's count, and the page's examples
// run through the real engine.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';

const rulesDir = path.join(repoRoot, 'server/src/engine/rules');
const docsDir = path.join(repoRoot, 'docs/rules');
const specPath = path.join(repoRoot, '..', 'shared', 'RULES.md');
const HEADINGS = ['## What it checks', '## Why it matters', '## Example', '## How to fix', '## Notes'];
/** In RULES.md, not implemented yet; nothing else may be missing. */
const PENDING = new Set([]);
const FIX_COLUMN = { fix: 'safe fix', suggestion: 'suggestion', none: 'none' };

const rules = [...engine.RULES];
const indexText = fs.readFileSync(path.join(docsDir, 'README.md'), 'utf8');

/** Every `rules/<family>/<ID>.ts` module file. */
function moduleFiles() {
  const out = [];
  for (const family of fs.readdirSync(rulesDir, { withFileTypes: true })) {
    if (!family.isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(rulesDir, family.name))) {
      const m = /^([A-Z]{3}\d{3})\.ts$/.exec(f);
      if (m) out.push({ id: m[1], family: family.name, file: path.join(rulesDir, family.name, f) });
    }
  }
  return out;
}

describe('rule parity', () => {
  it('every rule has exactly one module, rules/<family>/<ID>.ts, that declares its ID and name', () => {
    const modules = moduleFiles();
    assert.deepEqual(modules.map((m) => m.id).sort(), rules.map((r) => r.meta.id).sort(), 'module files and implemented rules');
    for (const { id, family, file } of modules) {
      const rule = rules.find((r) => r.meta.id === id);
      assert.equal(family, id.slice(0, 3).toLowerCase(), `${id} lives in rules/${id.slice(0, 3).toLowerCase()}/`);
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, new RegExp(`id: '${id}'`), `${file} declares id '${id}'`);
      assert.match(text, new RegExp(`name: '${rule.meta.name}'`), `${file} declares name '${rule.meta.name}'`);
    }
  });

  it('IDs are unique and names are unique kebab-case', () => {
    const ids = rules.map((r) => r.meta.id);
    const names = rules.map((r) => r.meta.name);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(new Set(names).size, names.length);
    for (const n of names) assert.match(n, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('every rule has its fixture test file', () => {
    for (const { meta } of rules) {
      const p = path.join(repoRoot, 'test/rules', `${meta.id}.test.mjs`);
      assert.ok(fs.existsSync(p), `missing test/rules/${meta.id}.test.mjs`);
      assert.match(
        fs.readFileSync(p, 'utf8'),
        new RegExp(`ruleTester\\('${meta.id}'`),
        `${meta.id}.test.mjs runs ruleTester('${meta.id}')`,
      );
    }
  });

  it('every rule has a docs page with its title and the five headings', () => {
    for (const { meta } of rules) {
      const p = path.join(docsDir, `${meta.id}.md`);
      assert.ok(fs.existsSync(p), `missing docs/rules/${meta.id}.md`);
      const text = fs.readFileSync(p, 'utf8');
      assert.equal(text.split('\n')[0], `# ${meta.id} ${meta.name}`, `${meta.id}.md title`);
      let at = 0;
      for (const h of HEADINGS) {
        const i = text.indexOf(`\n${h}\n`, at);
        assert.ok(i >= 0, `${meta.id}.md has "${h}" (in this order)`);
        at = i + 1;
      }
    }
    const pages = fs
      .readdirSync(docsDir)
      .filter((f) => /^[A-Z]{3}\d{3}\.md$/.test(f))
      .map((f) => f.slice(0, 6));
    assert.deepEqual(pages.sort(), rules.map((r) => r.meta.id).sort(), 'no docs page without a rule');
  });

  it('every rule has one row in docs/rules/README.md with its name and fix kind', () => {
    const rows = [...indexText.matchAll(/^\| \[([A-Z]{3}\d{3})\]\(\1\.md\) \| ([^|]+) \|[^|]*\|[^|]*\| ([^|]+) \|$/gm)];
    assert.deepEqual(rows.map((m) => m[1]).sort(), rules.map((r) => r.meta.id).sort(), 'index rows');
    for (const [, id, name, fix] of rows) {
      const { meta } = rules.find((r) => r.meta.id === id);
      assert.equal(name.trim(), meta.name, `${id} name in the index`);
      assert.ok(fix.trim().startsWith(FIX_COLUMN[meta.fix]), `${id} fix column "${fix.trim()}" says ${FIX_COLUMN[meta.fix]}`);
    }
  });

  it('the README states the number of rules there are', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const counts = [...readme.matchAll(/\b(\d+) rules\b/g)].map((m) => Number(m[1]));
    assert.ok(counts.length > 0, 'the README names the rule count');
    for (const n of counts) assert.equal(n, rules.length, 'rule count in README.md');
  });

  it('IDs and names agree with the catalog of RULES.md', (t) => {
    if (!fs.existsSync(specPath)) return t.skip(`${specPath} is not beside this checkout`);
    const specText = fs.readFileSync(specPath, 'utf8');
    // table rows `| TLS002 tls-min-version |`, and the SUP rules named in the Suppression prose
    const named = [
      ...specText.matchAll(/^\| ([A-Z]{3}\d{3}) ([a-z0-9-]+) \|/gm),
      ...specText.matchAll(/\b(SUP\d{3}) ([a-z0-9-]+)/g),
    ];
    const spec = new Map(named.map((m) => [m[1], m[2]]));
    for (const { meta } of rules) assert.equal(spec.get(meta.id), meta.name, `${meta.id} in RULES.md`);
    const missing = [...spec.keys()].filter((id) => !rules.some((r) => r.meta.id === id) && !PENDING.has(id));
    assert.deepEqual(missing, [], 'catalog rules without a module');
  });

  describe('docs examples: "Flagged" triggers the rule, "Fixed" does not', () => {
    for (const { meta } of rules) {
      it(meta.id, () => {
        const text = fs.readFileSync(path.join(docsDir, `${meta.id}.md`), 'utf8');
        const { flagged, fixed } = examplesOf(text, meta);
        assert.ok(flagged.length > 0, `${meta.id}.md has a Flagged example`);
        assert.ok(fixed.length > 0, `${meta.id}.md has a Fixed example`);
        const flaggedFiles = Object.fromEntries(flagged.map((b) => [b.name, b.text]));
        const target = flagged[0].name;
        assert.ok(
          hitsOf(meta.id, flaggedFiles, target) > 0,
          `${meta.id}: the Flagged example of ${meta.id}.md draws no ${meta.id} finding`,
        );
        const fixedFiles = { ...flaggedFiles, ...Object.fromEntries(fixed.map((b) => [b.name, b.text])) };
        assert.equal(
          hitsOf(meta.id, fixedFiles, target),
          0,
          `${meta.id}: the Fixed example of ${meta.id}.md still draws a ${meta.id} finding`,
        );
      });
    }
  });
});

function hitsOf(id, files, target) {
  const dir = writeWorkspace(files);
  const { analysis } = analyzeFile(dir, target, { profile: 'production' });
  return analysis.findings.filter((f) => f.ruleId === id).length;
}

/**
 * The code blocks after "Flagged:" and after "Fixed:" in the Example section. A
 * block names its file in a first-line comment (`# security.yaml`); otherwise a
 * yaml block is config.yaml (mig.yaml for mig-only rules) and a dotenv block .env.
 */
function examplesOf(text, meta) {
  const section = text.slice(text.indexOf('\n## Example\n'), text.indexOf('\n## How to fix\n'));
  const out = { flagged: [], fixed: [] };
  let into;
  for (const part of section.split(/(^Flagged:$|^Fixed:$|^```[a-z]*\n[\s\S]*?^```$)/m)) {
    if (part === 'Flagged:') into = out.flagged;
    else if (part === 'Fixed:') into = out.fixed;
    else if (into && part.startsWith('```')) {
      const m = /^```([a-z]*)\n([\s\S]*?)```$/.exec(part);
      const body = m[2];
      const named = /^#\s*([\w./-]*(?:\.ya?ml|\.env[\w.-]*|\.gitignore|\.env))\s*$/.exec(body.split('\n')[0]);
      const fallback =
        m[1] === 'dotenv'
          ? '.env'
          : m[1] === 'gitignore'
            ? '.gitignore'
            : meta.kinds.includes('config')
              ? 'config.yaml'
              : 'mig.yaml';
      into.push({ name: named ? named[1] : fallback, text: body });
    }
  }
  return out;
}
