// `themisdb-lint rules` (the catalog as a table or JSON) and `themisdb-lint explain ID` (a
// rule's documentation page, as plain text for the terminal).
import { CATALOG, RuleMeta } from '../engine/rules/catalog';
import { defaultSeverity, severitiesOf } from '../engine/rules/rule';
import { EXPLAIN_USAGE, parseExplainArgs, parseRulesArgs, RULES_USAGE, UsageError } from './args';
import { useColor } from './format';
import { markdownToText, readRuleDoc, ruleDocUrl } from './ruleDocs';

export interface CommandIo {
  out: (s: string) => void;
  err: (s: string) => void;
  isTty: boolean;
  env?: NodeJS.ProcessEnv;
}

/** The files a rule checks, as users name them. */
const KIND_FILES: Record<string, string> = { config: 'config.yaml, security.yaml', mig: 'mig.yaml', env: '.env' };

function filesOf(meta: RuleMeta): string {
  return meta.kinds.map((k) => KIND_FILES[k] ?? k).join(', ');
}

function usageFailure(e: unknown, command: string, io: CommandIo): number {
  if (!(e instanceof UsageError)) throw e;
  io.err(`themisdb-lint ${command}: ${e.message}\n\nRun themisdb-lint ${command} --help for the options.\n`);
  return 2;
}

export function runRules(argv: string[], version: string, io: CommandIo): number {
  let opts;
  try {
    opts = parseRulesArgs(argv);
  } catch (e) {
    return usageFailure(e, 'rules', io);
  }
  if (opts.help) {
    io.out(RULES_USAGE + '\n');
    return 0;
  }
  const rows = [...CATALOG.values()].map((m) => ({
    id: m.id,
    name: m.name,
    severity: severitiesOf(m).join('/'),
    fix: m.fix,
    files: filesOf(m),
    productionOnly: m.productionOnly,
    url: ruleDocUrl(m.id, version),
  }));
  if (opts.format === 'json') {
    io.out(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const head = { id: 'ID', name: 'NAME', severity: 'SEVERITY', fix: 'FIX', files: 'FILES' };
  const cols = ['id', 'name', 'severity', 'fix'] as const;
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(head[c].length, ...rows.map((r) => r[c].length))]));
  const line = (r: typeof head) => cols.map((c) => r[c].padEnd(width[c])).join('  ') + '  ' + r.files;
  io.out([line(head), ...rows.map(line)].join('\n') + `\n\n${rows.length} rules. themisdb-lint explain ID shows one.\n`);
  return 0;
}

export function runExplain(argv: string[], version: string, io: CommandIo): number {
  let opts;
  try {
    opts = parseExplainArgs(argv);
  } catch (e) {
    return usageFailure(e, 'explain', io);
  }
  if (opts.help || !opts.id) {
    io.out(EXPLAIN_USAGE + '\n');
    return 0;
  }
  const meta = CATALOG.get(opts.id)!;
  const url = ruleDocUrl(meta.id, version);
  const doc = readRuleDoc(meta.id);
  const bold = (s: string) => (useColor(io.env ?? process.env, io.isTty, opts.color) ? `\x1b[1m${s}\x1b[0m` : s);
  const facts = `Severity: ${defaultSeverity(meta)}${meta.productionOnly ? ' (hint under the development profile)' : ''}. Fix: ${meta.fix}. Files: ${filesOf(meta)}.`;
  if (!doc) {
    // the bundle alone, without docs/ beside it
    io.out(
      `${bold(`${meta.id} ${meta.name}`)}\n\n${facts}\n\n${url ? `Documentation: ${url}\n` : 'The documentation pages are not installed next to this CLI.\n'}`,
    );
    return 0;
  }
  io.out(`${markdownToText(doc.markdown, bold)}\n${facts}\n${url ? `Online: ${url}\n` : ''}`);
  return 0;
}
