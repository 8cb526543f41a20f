// Unit tests of the CLI's parts (bundled from server/src/cli with esbuild).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliModules, engine } from './helpers.mjs';
import { tempDir } from '../helpers/tempDir.mjs';

let m;
before(async () => {
  m = await cliModules('diff', 'fingerprint', 'baseline', 'format', 'ruleDocs');
});

/** Applies a unified diff made by unifiedDiff to the old text (a tiny `patch`). */
function applyPatch(oldText, patch) {
  const NO_EOL = '\\ No newline at end of file';
  const src = oldText === '' ? [] : oldText.split('\n');
  const srcEndsWithNl = oldText.endsWith('\n');
  if (srcEndsWithNl) src.pop();
  const lines = patch.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out = [];
  let pos = 0;
  let outNoEol = false;
  for (let i = 2; i < lines.length; i++) {
    const h = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[i]);
    assert.ok(h, `hunk header: ${lines[i]}`);
    const oldStart = Number(h[2]) === 0 ? Number(h[1]) : Number(h[1]) - 1;
    while (pos < oldStart) out.push(src[pos++]);
    while (i + 1 < lines.length && !lines[i + 1].startsWith('@@')) {
      const l = lines[++i];
      if (l === NO_EOL) {
        if (lines[i - 1][0] !== '-') outNoEol = true;
        continue;
      }
      outNoEol = false;
      if (l[0] === ' ' || l[0] === '-') assert.equal(src[pos++], l.slice(1), 'context matches');
      if (l[0] === ' ' || l[0] === '+') out.push(l.slice(1));
    }
  }
  const tailStart = pos;
  while (pos < src.length) out.push(src[pos++]);
  const endsNl = tailStart < src.length ? srcEndsWithNl : !outNoEol;
  return out.length ? out.join('\n') + (endsNl ? '\n' : '') : '';
}

describe('unified diff', () => {
  it('finds a shortest edit script', () => {
    const d = m.diff.unifiedDiff('abcabba'.split('').join('\n') + '\n', 'cbabac'.split('').join('\n') + '\n', 'a/f', 'b/f');
    const changes = d.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l));
    assert.equal(changes.length, 5, 'Myers example: D = 5');
  });

  it('stays fast and small on a rewrite of every line, and still applies', () => {
    const a = Array.from({ length: 8455 }, (_, i) => `KEY_${i}=value ${i}`).join('\n') + '\n';
    const b = a.replace(/=value (\d+)/g, '="value $1"');
    const t0 = process.hrtime.bigint();
    const d = m.diff.unifiedDiff(a, b, 'a/f', 'b/f');
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(ms < 5000, `${ms} ms`);
    assert.equal(applyPatch(a, d), b);
    assert.equal(d.split('\n').filter((l) => l.startsWith('@@')).length, 1);
  });

  it('prints hunks with 3 lines of context and merges close ones', () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const b = a.replace('line 2\n', 'LINE 2\n').replace('line 6\n', 'LINE 6\n').replace('line 18\n', '');
    const d = m.diff.unifiedDiff(a, b, 'a/f', 'b/f');
    assert.deepEqual(
      d.split('\n').filter((l) => l.startsWith('@@')),
      ['@@ -1,9 +1,9 @@', '@@ -15,6 +15,5 @@'],
    );
    assert.equal(applyPatch(a, d), b);
    assert.equal(m.diff.unifiedDiff(a, a, 'a/f', 'b/f'), '');
  });

  it('round-trips random edits, empty files and missing final newlines', () => {
    let seed = 7;
    const rnd = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const words = ['a', 'b', 'c', 'key: 1', '', '  x'];
    for (let t = 0; t < 300; t++) {
      const mk = () => Array.from({ length: rnd(12) }, () => words[rnd(words.length)]).join('\n') + (rnd(3) ? '\n' : '');
      const a = mk().replace(/^\n$/, '');
      const b = mk().replace(/^\n$/, '');
      const d = m.diff.unifiedDiff(a, b, 'a/f', 'b/f');
      if (a === b) assert.equal(d, '');
      else assert.equal(applyPatch(a, d), b, JSON.stringify({ a, b, d }));
    }
  });
});

describe('fingerprints', () => {
  const finding = (text, needle, ruleId = 'SEC001', nth = 0) => {
    let start = -1;
    for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
    return { ruleId, ruleName: 'x', severity: 'error', span: { start, end: start + needle.length }, message: '', fixes: [] };
  };
  const lines = (t) => new engine.LineIndex(t);

  it('hash the key, never the value, whatever the finding marks', () => {
    const secret = 'Zq8!xT4#mW2$pL9@';
    for (const [text, needle] of [
      [`storage:\n  password: "${secret}"  # prod\n`, `"${secret}"`],
      [`storage:\n  password: "${secret}"\n`, 'password'],
      [`THEMIS_TOKEN_ADMIN=${secret}\n`, 'THEMIS_TOKEN_ADMIN'],
      [`export THEMIS_TOKEN_ADMIN='${secret}'\n`, secret],
      [`users:\n  - "${secret}"\n`, `"${secret}"`],
      [`users:\n  - "${secret}"\n`, '-'],
      [`db: {user: admin, password: "${secret}"}\n`, 'db'],
    ]) {
      const f = finding(text, needle);
      const t = m.fingerprint.fingerprintText(lines(text), f);
      assert.ok(!t.includes(secret.slice(0, 6)), `${JSON.stringify(text)} -> ${t}`);
    }
    assert.equal(
      m.fingerprint.fingerprintText(
        lines('a:\n  min_version: "1.0"   # old\n'),
        finding('a:\n  min_version: "1.0"   # old\n', '"1.0"'),
      ),
      'min_version:',
    );
  });

  it('do not depend on the line number, and count repeats', () => {
    const t1 = 'x:\n  tls:\n    min_version: "1.0"\n';
    const t2 = '# a\n# b\n# c\n' + t1 + 'y:\n  tls:\n    min_version: "1.0"\n';
    const [f1] = m.fingerprint.fingerprints(lines(t1), [finding(t1, '"1.0"', 'TLS002')]);
    const f2 = m.fingerprint.fingerprints(lines(t2), [finding(t2, '"1.0"', 'TLS002', 1), finding(t2, '"1.0"', 'TLS002')]);
    assert.equal(f2[1], f1, 'same fingerprint three lines lower');
    assert.equal(f2[0], f1.replace(/:1$/, ':2'), 'the second one on an identical line is :2');
    // a value that is no secret is part of it: a baselined "1.2" that becomes "1.0" is new
    const t3 = t1.replace('1.0', '1.2');
    const [f3] = m.fingerprint.fingerprints(lines(t3), [finding(t3, '"1.2"', 'TLS002')]);
    assert.notEqual(f3, f1);
    assert.equal(m.fingerprint.fingerprintText(lines(t1), finding(t1, '"1.0"', 'TLS002')), 'min_version: "1.0"');
    // ...but never a secret's, whatever rule reports on its line
    for (const text of [
      'a:\n  key_password: "hunter22"\n',
      'T: {min_version: "1.0", password: "hunter22"}\n',
      'DSN=postgres://u:hunter22@h/db\n',
    ])
      assert.ok(
        !m.fingerprint
          .fingerprintText(lines(text), finding(text, text.includes('{') ? 'T' : 'hunter22', 'TLS002'))
          .includes('hunter'),
        text,
      );
    const [other] = m.fingerprint.fingerprints(lines(t1), [finding(t1, '"1.0"', 'TLS003')]);
    assert.notEqual(other.split(':')[0], f1.split(':')[0], 'the rule is part of it');
  });
});

describe('fix selection', () => {
  const file = path.join(os.tmpdir(), 'config.yaml');
  const fix = (kind, edits, p = file, create) => ({
    title: kind,
    kind,
    changes: [{ path: p, edits, ...(create ? { create } : {}) }],
  });
  const finding = (...fixes) => ({
    ruleId: 'X',
    ruleName: 'x',
    severity: 'error',
    span: { start: 0, end: 1 },
    message: '',
    fixes,
  });
  const e = (start, end, newText = 'N') => ({ start, end, newText });

  it('takes only safe fixes of this very file', () => {
    assert.equal(engine.safeFix(finding(fix('suggestion', [e(0, 1)])), file), undefined);
    assert.equal(engine.safeFix(finding(fix('fix', [e(0, 1)], path.join(os.tmpdir(), '.gitignore'))), file), undefined);
    assert.equal(engine.safeFix(finding(fix('fix', [e(0, 1)], file, true)), file), undefined, 'creates a file');
    const good = fix('fix', [e(0, 1)]);
    assert.equal(engine.safeFix(finding(fix('suggestion', [e(2, 3)]), good), file), good);
  });

  it('applies whole fixes that do not overlap, first come first served', () => {
    const findings = [
      finding(fix('fix', [e(0, 5)])),
      finding(fix('fix', [e(3, 8)])),
      finding(fix('fix', [e(8, 9), e(20, 20)])),
      finding(fix('fix', [e(20, 20)])),
      finding(fix('fix', [e(9, 9)])),
    ];
    const { edits, fixes } = engine.editsOfPass(findings, file);
    assert.equal(fixes, 3);
    assert.deepEqual(
      edits.map((x) => [x.start, x.end]),
      [
        [0, 5],
        [8, 9],
        [20, 20],
        [9, 9],
      ],
    );
  });
});

describe('baseline matching', () => {
  it('absorbs one finding per entry', () => {
    const dir = tempDir('themisdb-bl-');
    const f = (fp, file = 'config.yaml') => ({ ruleId: 'TLS002', file: path.join(dir, file), fingerprint: fp });
    const baseline = {
      version: 1,
      tool: { name: 'themisdb-lint', version: '0' },
      findings: [
        { ruleId: 'TLS002', file: 'config.yaml', fingerprint: 'aa:1' },
        { ruleId: 'TLS002', file: 'config.yaml', fingerprint: 'aa:1' },
      ],
    };
    const match = m.baseline.matchBaseline(
      [f('aa:1'), f('aa:1'), f('aa:1'), f('aa:1', 'other.yaml'), f('bb:1')],
      baseline,
      path.join(dir, 'b.json'),
    );
    assert.deepEqual(match.unused, []);
    assert.deepEqual(
      match.kept.map((x) => [path.basename(x.file), x.fingerprint]),
      [
        ['config.yaml', 'aa:1'],
        ['other.yaml', 'aa:1'],
        ['config.yaml', 'bb:1'],
      ],
    );
    // an entry that matches nothing is unused (a stale candidate)
    assert.deepEqual(
      m.baseline.matchBaseline([f('bb:1')], baseline, path.join(dir, 'b.json')).unused.map((e) => e.fingerprint),
      ['aa:1', 'aa:1'],
    );
  });
});

describe('colour', () => {
  it('follows the TTY, NO_COLOR and FORCE_COLOR', () => {
    const c = m.format.useColor;
    assert.equal(c({}, true), true);
    assert.equal(c({}, false), false);
    assert.equal(c({ TERM: 'dumb' }, true), false);
    assert.equal(c({ NO_COLOR: '1' }, true), false);
    assert.equal(c({ NO_COLOR: '' }, true), true, 'an empty NO_COLOR does not count');
    assert.equal(c({ FORCE_COLOR: '1' }, false), true);
    assert.equal(c({ FORCE_COLOR: '' }, false), true);
    assert.equal(c({ FORCE_COLOR: '0' }, true), false);
    assert.equal(c({ FORCE_COLOR: '1', NO_COLOR: '1' }, true), false);
  });
});

describe('rule docs', () => {
  it('reads the summary, a plain-text help and falls back when a page is missing', () => {
    const dir = tempDir('themisdb-docs-');
    fs.writeFileSync(
      path.join(dir, 'ABC001.md'),
      '# ABC001 some-rule\n\nThe `x.y` key is **off**, see [the guide](https://example.invalid/g).\n\n| | |\n|---|---|\n| Files | config.yaml |\n\n## What it checks\nStuff.\n\n## Why it matters\nBecause\nit does.\n\n## Example\n```yaml\nx:\n  y: false\n```\n',
    );
    const doc = m.ruleDocs.readRuleDoc('ABC001', dir);
    assert.equal(doc.summary, 'The x.y key is off, see the guide (https://example.invalid/g).');
    assert.equal(doc.full, `${doc.summary} Because it does.`);
    assert.ok(doc.markdown.startsWith('# ABC001 some-rule'));
    assert.ok(
      doc.text.includes('Files: config.yaml') &&
        doc.text.includes('    x:') &&
        !doc.text.includes('```') &&
        !doc.text.includes('|'),
      doc.text,
    );
    assert.equal(m.ruleDocs.readRuleDoc('ABC002', dir), undefined);
  });
});
