// ESLint RuleTester-style fixtures for one rule, run on real files on disk:
//   valid:   [{ files: {'config.yaml': '...'}, file?: 'config.yaml', profile?, name? }]
//   invalid: [{ files, file?, profile?, errors: [{ line, column?, endLine?, endColumn?, severity?, message?: RegExp }],
//               output?: 'text of `file` after the first fix of the first error',
//               fix?: 'title substring of the fix to apply', outputs?: { 'other/file': 'expected text' } }]
// After applying a fix, the file is analyzed again: it must parse and the finding must be gone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, engine, place, writeWorkspace } from './engine.mjs';

const defaultFile = (files) => Object.keys(files)[0];

export function ruleTester(ruleId, { valid = [], invalid = [] }) {
  describe(ruleId, () => {
    valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? ` ${c.name}` : ''}`, () => {
        const dir = writeWorkspace(c.files);
        const { analysis } = analyzeFile(dir, c.file ?? defaultFile(c.files), { profile: c.profile ?? 'production' });
        const hits = analysis.findings.filter((f) => f.ruleId === ruleId);
        assert.deepEqual(hits.map((f) => f.message), [], `${ruleId} should not fire`);
      });
    });
    invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? ` ${c.name}` : ''}`, () => {
        const rel = c.file ?? defaultFile(c.files);
        const dir = writeWorkspace(c.files);
        const { file, analysis } = analyzeFile(dir, rel, { profile: c.profile ?? 'production' });
        const hits = analysis.findings.filter((f) => f.ruleId === ruleId);
        assert.equal(hits.length, c.errors.length, `expected ${c.errors.length} ${ruleId} findings, got: ${JSON.stringify(hits.map((h) => [place(file, h), h.message]))}`);
        c.errors.forEach((exp, j) => {
          const got = { ...place(file, hits[j]), severity: hits[j].severity };
          for (const k of ['line', 'column', 'endLine', 'endColumn', 'severity']) {
            if (exp[k] !== undefined) assert.equal(got[k], exp[k], `finding ${j + 1}: ${k}`);
          }
          if (exp.message) assert.match(hits[j].message, exp.message);
        });
        if (c.output !== undefined || c.outputs) {
          const finding = hits[0];
          const fix = c.fix ? finding.fixes.find((f) => f.title.includes(c.fix)) : finding.fixes[0];
          assert.ok(fix, `${ruleId} offers a fix${c.fix ? ` titled like "${c.fix}"` : ''}; has: ${finding.fixes.map((f) => f.title)}`);
          for (const change of fix.changes) {
            const before = fs.existsSync(change.path) ? fs.readFileSync(change.path, 'utf8') : '';
            fs.mkdirSync(path.dirname(change.path), { recursive: true });
            fs.writeFileSync(change.path, engine.applyEdits(before, change.edits));
          }
          if (c.output !== undefined) assert.equal(fs.readFileSync(path.join(dir, rel), 'utf8'), c.output);
          for (const [other, text] of Object.entries(c.outputs ?? {})) assert.equal(fs.readFileSync(path.join(dir, other), 'utf8'), text);
          const again = analyzeFile(dir, rel, { profile: c.profile ?? 'production' });
          if (/\.ya?ml$/.test(rel)) assert.deepEqual(again.file.yaml.docs.flatMap((d) => d.errors.map((e) => e.message)), [], 'the fixed file still parses');
          const left = again.analysis.findings.filter((f) => f.ruleId === ruleId && f.span.start === finding.span.start && f.message === finding.message);
          assert.deepEqual(left, [], 'the finding is gone after the fix');
        }
      });
    });
  });
}
