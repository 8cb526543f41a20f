// The files other tools read from this repository: the pre-commit hook manifest and
// the composite GitHub Action parse, and name entry points and flags that exist.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/engine.mjs';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const read = (f) => parse(fs.readFileSync(path.join(repoRoot, f), 'utf8'));
const cliHelp = execFileSync(process.execPath, [path.join(repoRoot, 'server/out/cli.js'), '--help'], { encoding: 'utf8' });

describe('.pre-commit-hooks.yaml', () => {
  it('declares a node hook whose entry is a bin of the package, built when pre-commit packs it', () => {
    const hooks = read('.pre-commit-hooks.yaml');
    assert.ok(Array.isArray(hooks) && hooks.length > 0);
    for (const h of hooks) {
      for (const k of ['id', 'name', 'entry', 'language', 'files']) assert.ok(h[k], `${h.id}: ${k}`);
      assert.equal(h.language, 'node', 'pre-commit installs the repository as an npm package');
      assert.ok(pkg.bin[h.entry.split(' ')[0]], `${h.entry} is a bin of package.json`);
      new RegExp(h.files); // a valid pattern
    }
    assert.match(pkg.scripts.prepack, /build/, 'npm pack (run by pre-commit) builds the bins');
    assert.ok(new RegExp(hooks[0].files).test('config/core/config.yaml'));
    assert.ok(new RegExp(hooks[0].files).test('deploy/.env.production'));
  });
});

describe('action.yml', () => {
  const action = read('action.yml');
  it('is a composite action with a name, a description and documented inputs', () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description, `input ${name}`);
  });
  it('runs the CLI that the build produces, with flags the CLI has', () => {
    const runs = action.runs.steps.filter((s) => s.run).map((s) => s.run);
    const cliRuns = runs.filter((r) => r.includes('server/out/cli.js'));
    assert.ok(cliRuns.length >= 2);
    assert.ok(fs.existsSync(path.join(repoRoot, 'server/out/cli.js')));
    for (const r of cliRuns) {
      for (const flag of r.match(/--[a-z][a-z-]+/g)) assert.ok(cliHelp.includes(flag), `the CLI documents ${flag}`);
      for (const [, format] of r.matchAll(/--format (\w+)/g))
        assert.match(cliHelp, new RegExp(`\\b${format}\\b`), `format ${format}`);
    }
  });
  it('uploads SARIF through the code scanning action, and annotates when the upload is off or refused', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'an upload step');
    const annotate = action.runs.steps.find((s) => s.run?.includes('--format github'));
    assert.match(annotate.if, /steps\.upload\.outcome != 'success'/);
  });
});
