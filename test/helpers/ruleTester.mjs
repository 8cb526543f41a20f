// ESLint RuleTester-style fixtures for one rule, run on real files on disk:
//   valid:   [{ files: {'config.yaml': '...'}, file?: 'config.yaml', profile?, name? }]
//   invalid: [{ files, file?, profile?, name?,
//               errors: [{ messageId?, line?, column?, endLine?, endColumn?, severity?, message?: RegExp,
//                          suggestions?: [{ title: string | RegExp, output?: string, outputs?: { 'other/file': text } }] }],
//               output: text of `file` after every finding's safe fix (one pass, as fix-all), or null: no safe fix }]
// Every case whose findings offer a safe fix must state `output`; every finding that
// offers suggestions must list them. After each fix or suggestion is applied, the
// file is analyzed again: it must still parse and that finding must be gone.
// Rule contract violations (an undeclared fix kind, an unknown messageId) throw here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, engine, place, writeWorkspace } from './engine.mjs';
import { firstSentenceProblem } from './messages.mjs';

const defaultFile = (files) => Object.keys(files)[0];

export function ruleTester(ruleId, { valid = [], invalid = [] }) {
  describe(ruleId, () => {
    valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? ` ${c.name}` : ''}`, () => {
        const dir = writeWorkspace(c.files);
        const { analysis } = analyzeFile(dir, c.file ?? defaultFile(c.files), { profile: c.profile ?? 'production' });
        const hits = analysis.findings.filter((f) => f.ruleId === ruleId);
        assert.deepEqual(
          hits.map((f) => f.message),
          [],
          `${ruleId} should not fire`,
        );
      });
    });
    invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? ` ${c.name}` : ''}`, () => checkInvalid(ruleId, c));
    });
  });
}

function checkInvalid(ruleId, c) {
  const rel = c.file ?? defaultFile(c.files);
  const dir = writeWorkspace(c.files);
  const options = { profile: c.profile ?? 'production' };
  const { file, analysis } = analyzeFile(dir, rel, options);
  const hits = analysis.findings.filter((f) => f.ruleId === ruleId);
  assert.equal(
    hits.length,
    c.errors.length,
    `expected ${c.errors.length} ${ruleId} findings, got: ${JSON.stringify(hits.map((h) => [place(file, h), h.message]))}`,
  );
  for (const h of hits) assert.equal(firstSentenceProblem(h), undefined);
  c.errors.forEach((exp, j) => {
    const got = { ...place(file, hits[j]), severity: hits[j].severity, messageId: hits[j].messageId };
    for (const k of ['messageId', 'line', 'column', 'endLine', 'endColumn', 'severity']) {
      if (exp[k] !== undefined) assert.equal(got[k], exp[k], `finding ${j + 1}: ${k}`);
    }
    if (exp.message) assert.match(hits[j].message, exp.message);
    checkSuggestions(ruleId, c, hits[j], exp, j, options);
  });

  const safe = hits.map((h) => engine.safeFix(h, file.path)).filter(Boolean);
  if (safe.length === 0) {
    assert.ok(c.output === undefined || c.output === null, `${ruleId} offers no safe fix here, but the case expects output`);
    return;
  }
  assert.ok(
    c.output !== undefined,
    `${ruleId} offers a safe fix (${safe.map((f) => f.title).join('; ')}): state the case's output`,
  );
  assert.notEqual(
    c.output,
    null,
    `${ruleId} offers a safe fix (${safe.map((f) => f.title).join('; ')}) although output: null says none`,
  );
  const { edits } = engine.editsOfPass(hits, file.path);
  fs.writeFileSync(path.join(dir, rel), engine.applyEdits(file.text, edits));
  assert.equal(fs.readFileSync(path.join(dir, rel), 'utf8'), c.output);
  assertFixed(
    ruleId,
    dir,
    rel,
    hits.filter((h) => engine.safeFix(h, file.path)),
    options,
  );
}

/** The suggestions of one finding, in order, each applied to a fresh copy of the workspace. */
function checkSuggestions(ruleId, c, finding, exp, j, options) {
  const offered = finding.fixes.filter((f) => f.kind === 'suggestion');
  if (!exp.suggestions) {
    assert.deepEqual(
      offered.map((f) => f.title),
      [],
      `finding ${j + 1} offers suggestions: list them in errors[${j}].suggestions`,
    );
    return;
  }
  assert.equal(
    offered.length,
    exp.suggestions.length,
    `finding ${j + 1}: suggestions offered: ${offered.map((f) => f.title).join('; ')}`,
  );
  exp.suggestions.forEach((s, k) => {
    const fix = offered[k];
    if (s.title instanceof RegExp) assert.match(fix.title, s.title);
    else assert.equal(fix.title, s.title, `finding ${j + 1}, suggestion ${k + 1}: title`);
    if (s.output === undefined && !s.outputs) return;
    const rel = c.file ?? defaultFile(c.files);
    const dir = writeWorkspace(c.files);
    const fresh = analyzeFile(dir, rel, options);
    const same = fresh.analysis.findings.find(
      (f) => f.ruleId === ruleId && f.span.start === finding.span.start && f.message === finding.message,
    );
    const again = same.fixes.filter((f) => f.kind === 'suggestion')[k];
    for (const change of again.changes) {
      const before = fs.existsSync(change.path) ? fs.readFileSync(change.path, 'utf8') : '';
      fs.mkdirSync(path.dirname(change.path), { recursive: true });
      fs.writeFileSync(change.path, engine.applyEdits(before, change.edits));
    }
    if (s.output !== undefined)
      assert.equal(fs.readFileSync(path.join(dir, rel), 'utf8'), s.output, `suggestion "${fix.title}": output`);
    for (const [other, text] of Object.entries(s.outputs ?? {}))
      assert.equal(fs.readFileSync(path.join(dir, other), 'utf8'), text, `suggestion "${fix.title}": ${other}`);
    assertFixed(ruleId, dir, rel, [same], options);
  });
}

/** After a fix: the file still parses and the fixed findings are gone. */
function assertFixed(ruleId, dir, rel, fixed, options) {
  const again = analyzeFile(dir, rel, options);
  if (/\.ya?ml$/.test(rel))
    assert.deepEqual(
      again.file.yaml.docs.flatMap((d) => d.errors.map((e) => e.message)),
      [],
      'the fixed file still parses',
    );
  const left = again.analysis.findings.filter(
    (f) => f.ruleId === ruleId && fixed.some((g) => f.span.start === g.span.start && f.message === g.message),
  );
  assert.deepEqual(
    left.map((f) => f.message),
    [],
    'the finding is gone after the fix',
  );
}
