// systemd services: a unit and its drop-ins (`<unit>.d/*.conf`, applied in file-name
// order after the unit). Environment= assignments apply in order (an empty one clears
// the list); variables from EnvironmentFile= files override them, the files read in
// order (systemd.exec(5)); UnsetEnvironment= applies last. Absolute EnvironmentFile=
// paths name the target machine: a workspace file with that path's tail, its name, or
// its template (`themisdb.env.example` for `/etc/themisdb/themisdb.env`) stands in.
import * as path from 'path';
import { environmentAssignments, SystemdUnit, UnitAssignment, UnitEntry } from '../documents/systemdUnit';
import { SourceFile } from '../sourceFile';
import { Workspace } from '../workspace/workspace';
import { addEnvFile, EnvBuilder, lastReadings, ReadBudget } from './env';
import { isServerThemisVar, saysThemis } from './recognize';
import { EnvSource, Service, SourceRef } from './types';

const units = new WeakMap<SourceFile, SystemdUnit>();

/** The unit model of a file, parsed once per text. */
export function unitOf(file: SourceFile): SystemdUnit {
  let u = units.get(file);
  if (!u) units.set(file, (u = new SystemdUnit(file.text)));
  return u;
}

/** `<dir>/<name>.service` for a unit or a drop-in (`<dir>/<name>.service.d/x.conf`). */
export function unitKey(filePath: string): string {
  const dir = path.dirname(filePath);
  if (/\.conf$/i.test(filePath) && /\.d$/.test(dir)) return dir.slice(0, -2);
  return filePath;
}

const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist'];

/** The workspace file an EnvironmentFile= path stands for, and how it was found. */
function resolveEnvFile(ws: Workspace, written: string, unitDir: string): { file?: SourceFile; by?: EnvSource['resolvedBy'] } {
  const tail = written.replace(/^\/+/, '');
  if (!path.isAbsolute(written)) {
    const f = ws.file(path.resolve(unitDir, written));
    if (f) return { file: f, by: 'path' };
  }
  // a repository that mirrors the target tree (rootfs/etc/themisdb/themisdb.env)
  for (let d = unitDir, i = 0; i < 6; d = path.dirname(d), i++) {
    const f = ws.file(path.join(d, tail));
    if (f) return { file: f, by: 'path' };
    if (ws.roots.includes(d) || path.dirname(d) === d) break;
  }
  const base = path.basename(written);
  for (const d of [unitDir, path.dirname(unitDir)]) {
    const f = ws.file(path.join(d, base));
    if (f) return { file: f, by: 'name' };
  }
  for (const d of [unitDir, path.dirname(unitDir)]) {
    for (const s of TEMPLATE_SUFFIXES) {
      const f = ws.file(path.join(d, base + s));
      if (f) return { file: f, by: 'template' };
    }
  }
  return {};
}

/** One service per unit name and folder, from its unit file and drop-ins. */
export function systemdServices(ws: Workspace, files: SourceFile[], budget?: ReadBudget): Service[] {
  const groups = new Map<string, { unit?: SourceFile; dropins: SourceFile[] }>();
  for (const f of files) {
    const key = unitKey(f.path);
    const g = groups.get(key) ?? { dropins: [] };
    if (key === f.path) g.unit = f;
    else g.dropins.push(f);
    groups.set(key, g);
  }
  const out: Service[] = [];
  for (const [key, g] of groups) {
    g.dropins.sort((a, b) => path.basename(a.path).localeCompare(path.basename(b.path)));
    const ordered = [...(g.unit ? [g.unit] : []), ...g.dropins];
    const unitDir = path.dirname(key);
    const assignments: (UnitAssignment & { file: string })[] = [];
    const envFiles: { written: string; optional: boolean; ref: SourceRef; assumed?: boolean }[] = [];
    const unset: string[] = [];
    let exec = '';
    for (const f of ordered) {
      const unit = unitOf(f);
      const at = (e: UnitEntry): SourceRef => ({
        file: f.path,
        span: { start: e.keySpan.start, end: Math.max(e.valueSpan.end, e.keySpan.end) },
      });
      for (const e of unit.entries) {
        if (e.section !== 'Service') continue;
        if (e.key === 'Environment') {
          if (e.value === '') assignments.length = 0;
          for (const a of environmentAssignments(e).assignments) assignments.push({ ...a, file: f.path });
        } else if (e.key === 'EnvironmentFile') {
          if (e.value === '') envFiles.length = 0;
          else envFiles.push({ written: e.value.replace(/^-/, ''), optional: e.value.startsWith('-'), ref: at(e) });
        } else if (e.key === 'UnsetEnvironment') {
          unset.push(...e.value.split(/\s+/).filter(Boolean));
        } else if (e.key === 'ExecStart') exec = e.value === '' ? '' : `${exec} ${e.value}`; // empty: a drop-in clears the unit's
      }
    }
    const name = path.basename(key);
    const first = ordered[0];
    const header = unitOf(first).section('Service') ?? unitOf(first).sections[0];
    const headerRef = { file: first.path, span: header?.span ?? { start: 0, end: 0 } };
    if (!g.unit && !envFiles.length) {
      // the unit is not here: its conventional env file (themisdb.env, or the template of it) stands in
      const conventional = `/etc/${name.replace(/\.service$/, '')}/${name.replace(/\.service$/, '.env')}`;
      if (resolveEnvFile(ws, conventional, unitDir).file)
        envFiles.push({ written: conventional, optional: true, ref: headerRef, assumed: true });
    }
    const b = new EnvBuilder(budget);
    for (const a of assignments)
      b.set({ name: a.name, value: a.value, file: a.file, span: a.valueSpan, keySpan: a.keySpan, origin: 'systemd-environment' });
    const sources: EnvSource[] = [];
    const notes: string[] = [];
    const read: { file: SourceFile; ref: SourceRef }[] = [];
    for (const ef of envFiles) {
      const { file, by } = resolveEnvFile(ws, ef.written, unitDir);
      sources.push({
        kind: 'EnvironmentFile',
        name: ef.written,
        ref: ef.ref,
        resolved: file?.path,
        optional: ef.optional,
        resolvedBy: by,
        assumed: ef.assumed,
      });
      if (file) read.push({ file, ref: ef.ref });
      if (file && by !== 'path')
        notes.push(`${ef.written}${ef.assumed ? ' (assumed EnvironmentFile)' : ''} is read from ${path.basename(file.path)}`);
    }
    for (const { file, ref } of lastReadings(read, (r) => r.file)) addEnvFile(b, file, 'systemd-environment-file', ref);
    for (const u of unset) {
      const eq = u.indexOf('=');
      const name = eq < 0 ? u : u.slice(0, eq);
      if (eq < 0 || b.get(name)?.value === u.slice(eq + 1)) b.delete(name);
    }
    // the surprise of systemd.exec(5): a drop-in's Environment= does not beat the unit's EnvironmentFile=
    const overridden = [...b.env.values()]
      .filter((v) => v.origin === 'systemd-environment-file' && v.overrides.some((o) => o.origin === 'systemd-environment'))
      .map((v) => v.name);
    if (overridden.length)
      notes.push(`EnvironmentFile= overrides Environment= (systemd.exec(5)), drop-ins included, for ${overridden.join(', ')}`);
    if (!g.unit) notes.push(`the unit file ${name} is not in the workspace: only its drop-ins are read`);
    const themisVar = [...b.env.keys()].find(isServerThemisVar);
    const themisReason = saysThemis(exec)
      ? 'its ExecStart'
      : saysThemis(name)
        ? `unit ${name}`
        : themisVar
          ? `it sets ${themisVar}`
          : undefined;
    out.push({
      kind: 'systemd',
      name,
      file: first.path,
      span: headerRef.span,
      files: ordered.map((f) => f.path),
      themis: !!themisReason,
      themisReason,
      env: b.env,
      sources,
      configs: [],
      configFiles: [],
      notes,
      unread: b.unread || undefined,
    });
  }
  return out;
}
