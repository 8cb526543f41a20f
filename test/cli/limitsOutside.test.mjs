// The fast pathological inputs of test/perf/pathological.mjs, through the built CLI and
// the built server, measured from outside (npm run test:limits runs them all with the
// real budget of 2 s). A loaded test machine gets three times the budget here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BUDGET, CASES, cliProblems, runCli, runLsp, TIME, writeCase } from '../perf/pathological.mjs';

const budget = { ...BUDGET, ms: 3 * BUDGET.ms };

describe('limits measured from outside (CLI and server)', { skip: !fs.existsSync(TIME) && `no ${TIME}` }, () => {
  for (const c of CASES.filter((x) => x.fast)) {
    it(c.name, async () => {
      const dir = writeCase(c);
      try {
        const problems = cliProblems(c, runCli(dir, c.format), budget);
        problems.push(...(await runLsp(dir, c, budget)).problems);
        // last: --fix changes the files
        problems.push(...cliProblems(c, runCli(dir, c.format, ['--fix']), budget, 'CLI --fix'));
        assert.deepEqual(problems, []);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
