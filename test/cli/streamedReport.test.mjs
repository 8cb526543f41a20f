// The report goes out file by file (issue 12: CLI peak memory flat in the number of files):
// JSON and SARIF keep the layout of one JSON.stringify of the whole document, what the CLI
// holds when it writes does not grow with the files, and an -o file appears only complete.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from '../perf/cliMemory.mjs';
import { cli, cliPath, only, repoRoot, workspace } from './helpers.mjs';

const realConfig = fs.readFileSync(path.join(repoRoot, 'test/fixtures/real/3955e2b8/config/core/config.yaml'), 'utf8');
const realSecurity = fs.readFileSync(path.join(repoRoot, 'test/fixtures/real/config/security.yaml'), 'utf8');

/** The text JSON.stringify(…, null, 2) gives for the same document, as the CLI wrote it before streaming. */
const laidOutAtOnce = (text) => JSON.stringify(JSON.parse(text), null, 2) + '\n';

describe('CLI report written file by file', () => {
  const dir = workspace({
    'a/config.yaml': realConfig,
    'a/security.yaml': realSecurity,
    'b/config.yaml': realConfig.replace(/\b8080\b/g, '9090'),
    'empty/config.yaml': 'server:\n  port: 8080\n',
  });

  for (const format of ['json', 'sarif']) {
    it(`${format}: one document, laid out as one JSON.stringify, with many findings and with none`, () => {
      const many = cli(['--profile', 'production', '--fail-on', 'none', '-f', format, '.'], { cwd: dir });
      assert.equal(many.code, 0, many.stderr);
      const doc = JSON.parse(many.stdout);
      const results = format === 'json' ? doc : doc.runs[0].results;
      assert.ok(results.length > 20, `${results.length} findings`);
      assert.equal(many.stdout, laidOutAtOnce(many.stdout));
      const none = cli([...only('TLS002'), '-f', format, 'empty/config.yaml'], { cwd: dir });
      assert.equal(none.code, 0, none.stderr);
      const empty = format === 'json' ? JSON.parse(none.stdout) : JSON.parse(none.stdout).runs[0].results;
      assert.deepEqual(empty, []);
      assert.equal(none.stdout, laidOutAtOnce(none.stdout));
    });
  }

  it('a reader that stops early (`| head`) ends the report quietly, with the exit code of the run', async () => {
    // a report larger than the pipe holds, so the CLI is still writing when the pipe closes
    const root = generate(60);
    try {
      const child = spawn(process.execPath, [cliPath, '--profile', 'production', '-f', 'json', root]);
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      // what `head -c` does: read the first chunk, then close the pipe
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise((resolve) => child.on('close', resolve));
      assert.equal(stderr, '', 'no EPIPE stack trace');
      assert.equal(code, 1, 'the findings still fail the run');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('sarif -o: a complete log whose invocation follows the results, and the text report on stdout', () => {
    const r = cli(['--fail-on', 'none', '-f', 'sarif', '-o', 'out/results.sarif', '.'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const text = fs.readFileSync(path.join(dir, 'out/results.sarif'), 'utf8');
    assert.equal(text, laidOutAtOnce(text));
    const run = JSON.parse(text).runs[0];
    assert.equal(run.invocations[0].executionSuccessful, true);
    assert.ok(run.results.length > 20);
    assert.match(r.stdout, /✖ \d+ problems .* in 3 ThemisDB files/, r.stdout.slice(-300));
  });

  it('holds about as much at its last write for 600 files as for 150: the report is not kept', () => {
    // In one process: the heap after a full collection at each write of the report, without
    // V8's compiled code (it grows with the length of the run, not with what is kept). Holding
    // the findings and their JSON until the end, as the CLI did, costs about 20 KB a file; what
    // is left (about 3 KB) is each file's settings and the workspace's facts about it.
    const roots = [150, 600].map((n) => generate(n));
    const script = `
      const v8 = require('v8');
      const { run } = require(${JSON.stringify(cliPath)});
      const held = (root) => {
        let peak = 0, bytes = 0;
        const write = (s) => {
          bytes += s.length;
          global.gc();
          const code = v8.getHeapCodeStatistics();
          const data = process.memoryUsage().heapUsed - code.code_and_metadata_size - code.bytecode_and_metadata_size;
          peak = Math.max(peak, data);
        };
        run(['--format', 'json', '--fail-on', 'none', root], root, write, () => {}, false);
        return { peak, bytes };
      };
      process.stdout.write(JSON.stringify(${JSON.stringify(roots)}.map(held)));
    `;
    try {
      const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const [small, large] = JSON.parse(r.stdout);
      assert.ok(large.bytes > 3 * small.bytes, `the report grew with the files: ${small.bytes} → ${large.bytes} bytes`);
      const perFile = (large.peak - small.peak) / 450;
      assert.ok(perFile < 6000, `${(perFile / 1000).toFixed(1)} KB more held per file (${small.peak} → ${large.peak} bytes)`);
    } finally {
      for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it(
    '-o: a run that fails leaves the last complete report and no half-written one',
    { skip: process.platform === 'win32' },
    () => {
      const w = workspace({ 'a/config.yaml': 'server:\n  port: 8080\n', 'report.json': 'the last report\n' });
      // a FIFO where a config should be: it cannot be read, and the run ends with exit 2 after a/config.yaml
      assert.equal(spawnSync('mkfifo', [path.join(w, 'b-config.yaml')]).status, 0);
      fs.mkdirSync(path.join(w, 'b'));
      fs.renameSync(path.join(w, 'b-config.yaml'), path.join(w, 'b', 'config.yaml'));
      const r = cli(['-f', 'json', '-o', 'report.json', 'a/config.yaml', 'b/config.yaml'], { cwd: w });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /cannot read b\/config\.yaml/);
      assert.equal(fs.readFileSync(path.join(w, 'report.json'), 'utf8'), 'the last report\n');
      assert.deepEqual(fs.readdirSync(w).sort(), ['a', 'b', 'report.json']);
    },
  );

  it('-o writes through a link to its target, as it always has', { skip: process.platform === 'win32' }, () => {
    const w = workspace({ 'config.yaml': 'server:\n  port: 8080\n', 'reports/keep.json': 'old\n' });
    fs.symlinkSync(path.join(w, 'reports', 'keep.json'), path.join(w, 'latest.json'));
    const r = cli(['-f', 'json', '--fail-on', 'none', '-o', 'latest.json', 'config.yaml'], { cwd: w });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.lstatSync(path.join(w, 'latest.json')).isSymbolicLink(), 'the link stays a link');
    assert.ok(Array.isArray(JSON.parse(fs.readFileSync(path.join(w, 'reports', 'keep.json'), 'utf8'))));
    assert.deepEqual(fs.readdirSync(path.join(w, 'reports')), ['keep.json']);
  });
});
