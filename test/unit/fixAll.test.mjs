// Fix-all on the insecure example: the fixed files still parse, keep their
// comments, lose their safe-fixable findings, and a second run changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';

test('fix-all on examples/insecure is idempotent and loses nothing', () => {
  const src = path.join(repoRoot, 'examples/insecure');
  const files = Object.fromEntries(fs.readdirSync(src).map((n) => [n, fs.readFileSync(path.join(src, n), 'utf8')]));
  const dir = writeWorkspace(files);
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const options = { profile: 'production', root: dir };
  let fixedAny = 0;
  for (const name of Object.keys(files)) {
    const file = ws.file(path.join(dir, name));
    const findingsOf = (f) => engine.analyze(f, ws, options).findings;
    const first = engine.fixAll(file, findingsOf);
    fixedAny += first.applied;
    const fixed = new engine.SourceFile(file.path, first.text);
    if (name.endsWith('.yaml'))
      assert.deepEqual(
        fixed.yaml.docs.flatMap((d) => d.errors.map((e) => e.message)),
        [],
        `${name} still parses`,
      );
    for (const line of files[name].split('\n').filter((l) => /^\s*#/.test(l)))
      assert.ok(first.text.includes(line.trim()), `${name} keeps the comment ${line.trim()}`);
    // a safe fix that would break the file (a rename onto a key a fix added) is dropped, not left
    const left = findingsOf(fixed).filter(
      (f) => engine.safeFix(f, file.path) && engine.verifyFix(fixed, f, engine.safeFix(f, file.path), findingsOf),
    );
    assert.deepEqual(
      left.map((f) => `${name}: ${f.ruleId}`),
      [],
      'no safe fix left',
    );
    const second = engine.fixAll(fixed, findingsOf);
    assert.equal(second.applied, 0, `${name}: the second run applies nothing`);
    assert.equal(second.text, first.text);
  }
  // fixes of keys the server does not read are suggestions, so fewer apply than the example has findings
  assert.ok(fixedAny >= 10, `applied ${fixedAny} fixes`);
});
