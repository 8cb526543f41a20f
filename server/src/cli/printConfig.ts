// --print-config FILE: the settings a run would apply to FILE, and where each comes from
// (default, a key of the settings file, a flag), as eslint's --print-config and ruff's
// --show-settings do.
import * as path from 'path';
import { Origin } from '../engine/lintSettings';
import { resolveProfile } from '../engine/profile';
import { CATALOG } from '../engine/rules/catalog';
import { SourceFile } from '../engine/sourceFile';
import { Workspace } from '../engine/workspace/workspace';
import { createNodeHost } from '../nodeHost';
import { CliOptions } from './args';
import { baselineFor } from './baselineRun';
import { excluder } from './exclude';
import { relative } from './format';
import { RunSettings } from './settingsFiles';

interface Printed {
  file: string;
  settingsFile: { path: string; from: string } | null;
  linted: { value: boolean; from: string };
  kind?: { value: string; from: string };
  profile: { value: string; resolved: string; from: string };
  rules: Record<string, { name: string; setting: string; from: string }>;
  files: { kind: string; glob: string; from: string }[];
  exclude: { glob: string; from: string }[];
  baseline: { path: string; from: string } | null;
}

export function printConfig(opts: CliOptions, cwd: string, settings: RunSettings): string {
  const file = path.resolve(cwd, opts.printConfig!);
  const s = settings.forFile(file);
  const from = (o: Origin): string =>
    o.source === 'default' ? 'default' : o.source === 'caller' ? o.name : `${relative(cwd, o.path)}: ${o.key}`;
  const fileKey = (key: string) => (s.config ? from({ source: 'file', path: s.config.path, key }) : 'default');
  const root = path.dirname(file);
  const ws = new Workspace(createNodeHost([root]), [root]);
  const source = ws.file(file) ?? new SourceFile(file, '');
  const byFlag = excluder(opts.exclude, cwd)?.(file);
  const rules: Printed['rules'] = {};
  for (const meta of CATALOG.values()) {
    const origin = s.ruleOrigins.get(meta.id);
    const setting = s.rules[meta.id] ?? (typeof meta.severity === 'string' ? meta.severity : meta.severity.join('/'));
    rules[meta.id] = { name: meta.name, setting, from: origin ? from(origin) : 'default' };
  }
  const baselinePath = baselineFor(opts, cwd, s.baseline, fileKey('baseline'));
  const printed: Printed = {
    file: relative(cwd, file),
    settingsFile: s.config
      ? { path: relative(cwd, s.config.path), from: settings.overridden ? '--config' : "nearest from the file's folder up" }
      : null,
    linted: s.excluded
      ? { value: false, from: fileKey('exclude') }
      : byFlag
        ? { value: false, from: '--exclude' }
        : { value: true, from: 'default' },
    ...(s.kind ? { kind: { value: s.kind, from: fileKey(`files.${s.kind}`) } } : {}),
    profile: {
      value: s.profile.value,
      resolved: resolveProfile(source, ws, s.profile.value, root),
      from: from(s.profile.origin),
    },
    rules,
    files: Object.entries(s.config?.files ?? {}).flatMap(([kind, globs]) =>
      (globs ?? []).map((glob) => ({ kind, glob, from: fileKey(`files.${kind}`) })),
    ),
    exclude: [
      ...(s.config?.exclude ?? []).map((glob) => ({ glob, from: fileKey('exclude') })),
      ...opts.exclude.map((glob) => ({ glob, from: '--exclude' })),
    ],
    baseline: baselinePath ? { path: relative(cwd, baselinePath.path), from: baselinePath.from } : null,
  };
  return opts.format === 'json' ? JSON.stringify(printed, null, 2) + '\n' : asText(printed);
}

function asText(p: Printed): string {
  const rows: [string, string, string][] = [
    ['settings file', p.settingsFile?.path ?? '(none)', p.settingsFile?.from ?? ''],
    ['linted', p.linted.value ? 'yes' : 'no (excluded)', p.linted.from],
  ];
  if (p.kind) rows.push(['kind', p.kind.value, p.kind.from]);
  const resolved = p.profile.value === 'auto' ? ` (${p.profile.resolved} for this file)` : '';
  rows.push(['profile', p.profile.value + resolved, p.profile.from]);
  rows.push(['baseline', p.baseline?.path ?? '(none)', p.baseline?.from ?? '']);
  for (const f of p.files) rows.push(['files', `${f.kind}: ${f.glob}`, f.from]);
  for (const e of p.exclude) rows.push(['exclude', e.glob, e.from]);
  const head = rows.map(([k, v, o]) => `${k.padEnd(14)}${o ? `${v.padEnd(40)} ${o}` : v}`.trimEnd());
  const rules = Object.entries(p.rules).map(([id, r]) =>
    `  ${id}  ${r.name.padEnd(36)} ${r.setting.padEnd(14)} ${r.from}`.trimEnd(),
  );
  return [`Settings for ${p.file}`, '', ...head, '', 'rules', ...rules, ''].join('\n');
}
