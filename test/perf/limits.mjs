// npm run test:limits: every pathological input of test/perf/pathological.mjs through the
// CLI (plain, then --fix) and the language server (each request it answers), measured
// from outside (wall time, peak RSS). Prints one row per input and exits 1 when any breaks
// the budget (2 s, 500 MB) or a promise (a limit hit is named by one LIMIT finding; the
// other files of the run are still reported).
//   node test/perf/limits.mjs [--fast] [--only TEXT] [--budget-ms N]
import * as fs from 'node:fs';
import { BUDGET, CASES, cliProblems, runCli, runLsp, writeCase } from './pathological.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const budget = { ...BUDGET, ms: Number(arg('--budget-ms') ?? BUDGET.ms) };
const only = arg('--only');
const cases = CASES.filter((c) => (!process.argv.includes('--fast') || c.fast) && (!only || c.name.includes(only)));

const fmt = (n) => (Number.isFinite(n) ? String(Math.round(n)) : '—');
const both = (wall, cpu) => `${fmt(wall)} (${fmt(cpu)})`;
console.log(`budget: ${budget.ms} ms, ${budget.mb} MB per input (CLI: whole process; server: each request)\n`);
console.log('Times: wall ms (CPU ms). A time is within the budget when either is.\n');
const REQUESTS = ['diagnostics', 'hover', 'completion', 'codeAction', 'fixAll', 'definition', 'references', 'outline', 'posture'];
console.log(
  '| input | CLI | CLI MB | CLI --fix | server diagnostics | hover | completion | lightbulb | fix-all | definition | references | outline | posture | server MB | problems |',
);
console.log(`|${'---|'.repeat(REQUESTS.length + 6)}`);
let failed = 0;
for (const c of cases) {
  const dir = writeCase(c);
  try {
    const cliRun = runCli(dir, c.format);
    const lsp = await runLsp(dir, c, budget).catch((e) => ({
      ms: {},
      cpu: {},
      problems: [`server: ${e.message.slice(0, 120)}`],
    }));
    const fixRun = runCli(dir, c.format, ['--fix']); // last: it changes the files
    const problems = [...cliProblems(c, cliRun, budget), ...lsp.problems, ...cliProblems(c, fixRun, budget, 'CLI --fix')];
    if (problems.length) failed++;
    console.log(
      `| ${c.name} | ${both(cliRun.wallMs, cliRun.cpuMs)} | ${fmt(cliRun.mb)} | ${both(fixRun.wallMs, fixRun.cpuMs)} | ${REQUESTS.map((k) => both(lsp.ms[k], lsp.cpu[k])).join(' | ')} | ${fmt(lsp.mb)} | ${problems.join('; ') || 'none'} |`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`\n${cases.length - failed} of ${cases.length} inputs within the budgets`);
process.exitCode = failed ? 1 : 0;
