// The README's CLI reference and the CLI agree: every option in its Options table is one the
// CLI takes and its --help lists, and every option --help lists is in the table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, repoRoot, tlsConfig, workspace } from './helpers.mjs';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The first cell of each row of the table under `### Options`. */
function documentedOptions() {
  const section = readme.slice(readme.indexOf('### Options\n'), readme.indexOf('### Output formats'));
  const cells = [...section.matchAll(/^\| `(-[^|]*)\|?[^|]*?\|/gm)].map((m) => m[1]);
  return [...new Set(cells.flatMap((c) => [...c.matchAll(/(?<![\w-])(--?[a-z][\w-]*)/g)].map((m) => m[1])))];
}

describe('README CLI reference', () => {
  const documented = documentedOptions();

  it('documents the options --help lists, and no other', () => {
    const help = cli(['--help']).stdout;
    const listed = [...new Set([...help.matchAll(/(?<![\w-])(--?[a-z][\w-]*)/g)].map((m) => m[1]))].filter(
      (o) => !['-production', '--production'].includes(o),
    );
    assert.ok(documented.length >= 20, documented.join(' '));
    for (const o of documented) assert.ok(listed.includes(o), `--help lists ${o}`);
    for (const o of listed) assert.ok(documented.includes(o) || o === '--', `README documents ${o}`);
  });

  it('every documented option is one the CLI takes', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.3') });
    const value = { '--max-warnings': '0', '--stdin-filename': 'config.yaml', '--exclude': 'x/' };
    for (const o of documented) {
      if (o === '--') continue;
      const args = [o];
      if (value[o]) args.push(value[o]);
      const r = cli([...args, '.'], { cwd: dir });
      assert.doesNotMatch(r.stderr, /unknown option/, `${o}: ${r.stderr}`);
    }
  });

  it('takes short options with the value attached, as the README says', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    assert.deepEqual(
      JSON.parse(cli(['-fjson', '.'], { cwd: dir }).stdout),
      JSON.parse(cli(['-f', 'json', '.'], { cwd: dir }).stdout),
    );
  });
});
