// The pipeline: document model -> rules -> suppressions -> one finding per problem
// -> severity by profile and settings.
import { YamlRef } from './documents/yamlModel';
import { resolveProfile } from './profile';
import { CATALOG } from './rules/catalog';
import { RULES } from './rules/index';
import { Report, Rule, RuleContext } from './rules/rule';
import { SourceFile } from './sourceFile';
import { parseSuppressions } from './suppressions';
import { FileKind, Finding, Profile, ProfileSetting, RuleSetting, SEVERITY_ORDER, Severity } from './types';
import { Workspace } from './workspace/workspace';

export interface AnalyzeOptions {
  profile?: ProfileSetting;
  /** Per rule ID: a severity, or 'off'. */
  rules?: Record<string, RuleSetting>;
  /** Workspace folder the file belongs to (for the `auto` profile's folder names). */
  root?: string;
  /** The user named this file, so its content may make it a ThemisDB file. */
  explicit?: boolean;
  /** Called once per rule that throws; the other rules still report. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface Analysis {
  kind: FileKind | undefined;
  profile: Profile;
  findings: Finding[];
}

// When both report on the same place, the more specific rule (key) wins.
const SUPERSEDES: Record<string, string[]> = {
  ENV004: ['SEC003'],
  ENV005: ['SEC003'],
  SEC002: ['SEC001', 'SEC003'],
  SEC004: ['NET002'],
  ENV010: ['NET002'],
  ENV018: ['TLS010'],
  ENV020: ['NET001'],
  SEC007: ['SEC003'],
  AUD003: ['NET002'],
};

const loggedFailures = new Set<string>();

export function analyze(file: SourceFile, ws: Workspace, options: AnalyzeOptions = {}, rules: readonly Rule[] = RULES): Analysis {
  const kind = ws.classify(file, options.explicit);
  const profile = resolveProfile(file, ws, options.profile ?? 'auto', options.root);
  if (!kind) return { kind, profile, findings: [] };

  const raw: Finding[] = [];
  const ctx: RuleContext & { current?: Rule } = {
    file,
    kind,
    workspace: ws,
    profile,
    report(r: Report) {
      const meta = ctx.current!.meta;
      raw.push({ ruleId: meta.id, ruleName: meta.name, severity: r.severity ?? meta.severity, span: r.span, message: r.message, fixes: r.fixes ?? [] });
    },
    resolved: (ref) => resolveValue(ref, file, ws),
  };
  for (const rule of rules) {
    if (!rule.meta.kinds.includes(kind)) continue;
    ctx.current = rule;
    try {
      rule.check(ctx);
    } catch (err) {
      const key = `${rule.meta.id}:${String(err)}`;
      if (!loggedFailures.has(key)) {
        loggedFailures.add(key);
        options.onRuleError?.(rule.meta.id, err);
      }
    }
  }
  const findings = finalize(file, raw, profile, options.rules ?? {});
  return { kind, profile, findings };
}

function finalize(file: SourceFile, raw: Finding[], profile: Profile, settings: Record<string, RuleSetting>): Finding[] {
  const suppressions = parseSuppressions(file);
  const li = file.lines;
  const fileWide = new Set(suppressions.filter((s) => s.target === 'file').flatMap((s) => s.ids));
  const byLine = new Map<number, Set<string>>();
  for (const s of suppressions) {
    if (s.target === 'file') continue;
    const set = byLine.get(s.target) ?? new Set<string>();
    s.ids.forEach((id) => set.add(id));
    byLine.set(s.target, set);
  }
  const sup = (id: string, message: string, span: Finding['span']): Finding => {
    const meta = CATALOG.get(id)!;
    return { ruleId: id, ruleName: meta.name, severity: meta.severity, span, message, fixes: [] };
  };
  for (const s of suppressions) {
    if (!s.hasReason) raw.push(sup('SUP001', 'This suppression gives no reason. Add one after " -- " so reviewers know why the rule does not apply here.', s.span));
    for (const u of s.unknown) raw.push(sup('SUP002', `"${u.name}" is not a ThemisDB rule ID or name, so this suppression silences nothing.`, u.span));
  }

  let kept = raw.filter((f) => !fileWide.has(f.ruleId) && !byLine.get(li.position(f.span.start).line)?.has(f.ruleId));
  kept = dropSuperseded(kept);

  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const f of kept) {
    const key = `${f.ruleId}:${f.span.start}:${f.span.end}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const severity = effectiveSeverity(f, profile, settings[f.ruleId]);
    if (severity) out.push({ ...f, severity });
  }
  return out.sort((a, b) => a.span.start - b.span.start || SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || a.ruleId.localeCompare(b.ruleId));
}

function effectiveSeverity(f: Finding, profile: Profile, setting: RuleSetting | undefined): Severity | undefined {
  if (setting === 'off') return undefined;
  if (setting) return setting;
  return profile === 'development' && CATALOG.get(f.ruleId)?.productionOnly ? 'hint' : f.severity;
}

/** Drops findings that a more specific rule reports on an overlapping span (linear in the findings). */
function dropSuperseded(findings: Finding[]): Finding[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const winners = new Map<string, Finding[]>(); // superseded rule -> findings of the rules that win over it
  for (const [winner, losers] of Object.entries(SUPERSEDES)) {
    const found = byRule.get(winner);
    if (found) for (const l of losers) winners.set(l, (winners.get(l) ?? []).concat(found));
  }
  if (winners.size === 0) return findings;
  return findings.filter((f) => !winners.get(f.ruleId)?.some((g) => overlaps(f.span, g.span)));
}

function overlaps(a: Finding['span'], b: Finding['span']): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A YAML value with `${VAR}` references replaced by their values when every one is known. */
function resolveValue(ref: YamlRef | undefined, file: SourceFile, ws: Workspace): unknown {
  const v = ref?.value;
  if (typeof v !== 'string' || !v.includes('$')) return v;
  const { text: out, unknown } = ws.substitute(v, file.path);
  if (unknown && out === '') return v;
  // a whole-value reference takes the type the server would give the substituted text
  if (/^\$\{[^}]+\}$/.test(v.trim())) {
    if (/^-?\d+$/.test(out)) return Number(out);
    if (/^-?\d*\.\d+$/.test(out)) return Number(out);
  }
  return out;
}
