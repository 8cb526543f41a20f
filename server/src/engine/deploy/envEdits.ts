// The ENV rules' edits of a service's variables, written in the syntax of the file that
// sets each one: a compose `environment:` map entry or `- KEY=value` item, a Kubernetes
// or Helm `env` item (values stay strings), a Helm env map, a systemd `Environment=`
// assignment, or the env file's own line. A value that comes from elsewhere (another
// file, a Secret, `${VAR}` interpolation) is not edited here: that file has the fix.
import { isSeqRef, lastStartingBy, YamlModel, YamlRef } from '../documents/yamlModel';
import { doubleQuoted, needsQuotes, yamlScalar } from '../documents/yamlScalar';
import { EnvEntry } from '../documents/envModel';
import { environmentAssignments, UnitAssignment, UnitEntry } from '../documents/systemdUnit';
import { isSecretVar } from '../envCatalog';
import { dotenvEdits, EnvEdits } from '../fixes/envEdits';
import { deleteEntryLines, insertUnder, setValue } from '../fixes/yamlEdits';
import { SourceFile } from '../sourceFile';
import { Span, TextEdit } from '../types';
import { unitOf } from './systemd';
import { EnvValue, Service } from './types';

/** How a variable of this file is written. */
export type Place =
  | { syntax: 'dotenv' }
  | { syntax: 'yamlEntry'; entry: YamlRef } // KEY: value (compose map, Helm map, ConfigMap data)
  | { syntax: 'composeItem'; item: YamlRef } // - KEY=value
  | { syntax: 'envItem'; item: YamlRef; value?: YamlRef } // - name: KEY / value: "…"
  | { syntax: 'systemd'; entry: UnitEntry; assignment: UnitAssignment };

/**
 * The edits of `service`'s variables from `file`. `valueOf` maps the environment's
 * entries back to the values they stand for.
 */
export function serviceEnvEdits(service: Service, file: SourceFile, valueOf: (e: EnvEntry) => EnvValue | undefined): EnvEdits {
  const dotenv = dotenvEdits(file);
  const placeOf = (e: EnvEntry) => {
    const v = valueOf(e);
    if (!v || v.file !== file.path || v.fromSecretObject) return undefined;
    const place = locate(file, v);
    return place && { v, place };
  };
  return {
    tool: service.kind,
    set(e, value) {
      const at = placeOf(e);
      if (!at || at.v.interpolated?.length) return undefined; // `${VAR}`: its value is set in the .env
      if (at.place.syntax === 'dotenv') return dotenv.set(e, value);
      // a secret written into a deployment file is what DEP001 reports
      if (isSecretVar(at.v.name)) return undefined;
      return setIn(file, at.place, at.v, value);
    },
    remove(e) {
      const at = placeOf(e);
      if (!at) return undefined;
      if (at.place.syntax === 'dotenv') return dotenv.remove(e);
      return removeIn(file, at.place);
    },
    rename(e, name) {
      const at = placeOf(e);
      if (!at) return undefined;
      if (at.place.syntax === 'dotenv') return dotenv.rename(e, name);
      const span = at.v.keySpan;
      return span ? renamed(file, span, at.v.name, name) : undefined;
    },
    add(name, value) {
      if (service.file !== file.path || isSecretVar(name)) return undefined;
      return addTo(file, service, name, value);
    },
  };
}

const sameSpan = (a: Span | undefined, b: Span | undefined) => !!a && !!b && a.start === b.start && a.end === b.end;

/** Where a value of this file is written, by the spans the deployment model kept. */
export function locate(file: SourceFile, v: EnvValue): Place | undefined {
  switch (v.origin) {
    case 'compose-env-file':
    case 'systemd-environment-file':
      return { syntax: 'dotenv' };
    case 'systemd-environment': {
      for (const entry of unitOf(file).entries) {
        if (entry.key !== 'Environment' || entry.valueSpan.end < v.span.start || entry.valueSpan.start > v.span.end) continue;
        const assignment = environmentAssignments(entry).assignments.find((a) => sameSpan(a.keySpan, v.keySpan));
        if (assignment) return { syntax: 'systemd', entry, assignment };
      }
      return undefined;
    }
    default: {
      const index = entryIndexOf(file.yaml);
      const entry = index.byKeyStart.get(v.keySpan!.start)?.find((r) => sameSpan(r.keySpan, v.keySpan));
      if (entry) return { syntax: 'yamlEntry', entry };
      const nameRef = index.nameByValueStart.get(v.keySpan!.start)?.find((r) => sameSpan(r.valueSpan, v.keySpan));
      if (nameRef) {
        const itemPath = nameRef.path.slice(0, -1);
        const item = file.yaml.getIn(nameRef.docIndex, itemPath);
        const value = file.yaml.getIn(nameRef.docIndex, [...itemPath, 'value']);
        return item && { syntax: 'envItem', item, value };
      }
      const item = itemAt(index.composeItems, v.keySpan!);
      return item && { syntax: 'composeItem', item };
    }
  }
}

/** A model's written entries by where they start, to place each value of a large deployment in one lookup. */
interface EntryIndex {
  byKeyStart: Map<number, YamlRef[]>;
  /** `name:` entries (Kubernetes `env` items) by where their value starts. */
  nameByValueStart: Map<number, YamlRef[]>;
  /** Compose `environment:` list items, in the order they are written. */
  composeItems: YamlRef[];
}

const entryIndexes = new WeakMap<YamlModel, EntryIndex>();

function entryIndexOf(model: YamlModel): EntryIndex {
  let index = entryIndexes.get(model);
  if (index) return index;
  index = { byKeyStart: new Map(), nameByValueStart: new Map(), composeItems: [] };
  const push = (m: Map<number, YamlRef[]>, at: number, r: YamlRef) => {
    const list = m.get(at);
    if (list) list.push(r);
    else m.set(at, [r]);
  };
  for (const r of model.refs) {
    if (r.viaAlias) continue;
    if (r.keySpan) push(index.byKeyStart, r.keySpan.start, r);
    if (r.valueSpan && r.path[r.path.length - 1] === 'name') push(index.nameByValueStart, r.valueSpan.start, r);
    if (!r.keySpan && r.valueSpan && r.path[r.path.length - 2] === 'environment') index.composeItems.push(r);
  }
  index.composeItems.sort((a, b) => a.valueSpan!.start - b.valueSpan!.start);
  entryIndexes.set(model, index);
  return index;
}

/** The compose list item whose value holds `span` (items do not overlap: the last one starting before it). */
function itemAt(items: readonly YamlRef[], span: Span): YamlRef | undefined {
  const item = items[lastStartingBy(items, span.start, (r) => r.valueSpan!.start)];
  return item && item.valueSpan!.start <= span.start && span.end <= item.valueSpan!.end ? item : undefined;
}

/** Characters that mean the same unquoted in a compose list item, a systemd word and a .env value. */
const PLAIN_VALUE = /^[A-Za-z0-9_./:@+,=-]*$/;

function setIn(file: SourceFile, place: Place, v: EnvValue, value: string): TextEdit | undefined {
  switch (place.syntax) {
    case 'yamlEntry':
      return setValue(file, place.entry, value);
    case 'envItem':
      // Kubernetes takes only strings: yamlScalar quotes `1`, `true` and the like
      if (place.value) return setValue(file, place.value, value);
      return insertUnder(file, place.item.path, [`value: ${yamlScalar(value)}`], place.item.docIndex);
    case 'composeItem': {
      const span = place.item.valueSpan!;
      const raw = file.text.slice(span.start, span.end);
      const plainItem = raw[0] !== '"' && raw[0] !== "'";
      const exact = v.keySpan && file.text.slice(v.keySpan.start, v.keySpan.end) === v.name && v.span.start > v.keySpan.end;
      if (exact && plainItem && PLAIN_VALUE.test(value)) return { ...v.span, newText: value };
      if (exact && raw[0] === '"') return { ...v.span, newText: doubleQuoted(value).slice(1, -1) };
      return { ...span, newText: composeItem(v.name, value) };
    }
    case 'systemd': {
      const a = place.assignment;
      // inside the word's quotes a plain value reads the same; otherwise the word is written anew
      if (PLAIN_VALUE.test(value) && a.valueSpan.end > a.valueSpan.start) return { ...a.valueSpan, newText: value };
      return { ...a.wordSpan, newText: systemdWord(v.name, value) };
    }
    default:
      return undefined;
  }
}

function removeIn(file: SourceFile, place: Place): TextEdit | undefined {
  switch (place.syntax) {
    case 'yamlEntry':
      return deleteEntryLines(file, place.entry);
    case 'composeItem':
    case 'envItem':
      return deleteEntryLines(file, place.item);
    case 'systemd': {
      const { entry, assignment } = place;
      const li = file.lines;
      const words = environmentAssignments(entry);
      if (words.assignments.length === 1 && words.invalid.length === 0) {
        const last = li.position(entry.valueSpan.end).line;
        const end = last + 1 < li.lineCount ? li.lineStart(last + 1) : file.text.length;
        return { start: li.lineStart(entry.line), end, newText: '' };
      }
      // one word of several: it goes with the blanks before it (after it, when it is the first)
      let { start, end } = assignment.wordSpan;
      while (start > entry.valueSpan.start && /[ \t]/.test(file.text[start - 1])) start--;
      if (start === assignment.wordSpan.start) while (end < entry.valueSpan.end && /[ \t]/.test(file.text[end])) end++;
      return { start, end, newText: '' };
    }
    default:
      return undefined;
  }
}

/** A name written in place of `old`, inside the quotes it has. */
function renamed(file: SourceFile, span: Span, old: string, name: string): TextEdit | undefined {
  const raw = file.text.slice(span.start, span.end);
  if (raw === old) return { ...span, newText: name };
  if (raw.length === old.length + 2 && /^(["']).*\1$/.test(raw) && raw.slice(1, -1) === old)
    return { start: span.start + 1, end: span.end - 1, newText: name };
  return undefined;
}

/** A compose list item `KEY=value`, quoted when YAML would read it otherwise. */
function composeItem(name: string, value: string): string {
  const item = `${name}=${value}`;
  return needsQuotes(item) ? doubleQuoted(item) : item;
}

/** A systemd Environment= word, quoted when it holds blanks or quotes (`%` is a specifier: doubled). */
function systemdWord(name: string, value: string): string {
  const word = `${name}=${value.replace(/%/g, '%%')}`;
  return PLAIN_VALUE.test(value) ? word : `"${word.replace(/(["\\])/g, '\\$1')}"`;
}

/** Defines a missing variable where the service's environment is written. */
function addTo(file: SourceFile, service: Service, name: string, value: string): TextEdit | undefined {
  const doc = service.docIndex ?? 0;
  const p = service.yamlPath;
  switch (service.kind) {
    case 'compose': {
      if (!p) return undefined;
      const env = file.yaml.getIn(doc, [...p, 'environment']);
      if (env && isSeqRef(env)) return appendItem(file, env, [`- ${composeItem(name, value)}`]);
      if (env) return insertUnder(file, [...p, 'environment'], [`${name}: ${yamlScalar(value)}`], doc);
      return insertUnder(file, p, ['environment:', `  ${name}: ${yamlScalar(value)}`], doc);
    }
    case 'kubernetes': {
      if (!p) return undefined;
      const lines = [`- name: ${name}`, `  value: ${yamlScalar(value)}`];
      const env = file.yaml.getIn(doc, [...p, 'env']);
      if (env && isSeqRef(env)) return appendItem(file, env, lines);
      if (env) return undefined;
      return insertUnder(file, p, ['env:', ...lines.map((l) => `  ${l}`)], doc);
    }
    case 'systemd':
      return addEnvironmentLine(file, `Environment=${systemdWord(name, value)}`);
    default:
      return undefined; // Helm values: which block the chart reads is the chart's business
  }
}

/** Appends an item to a block sequence, indented like its items (`lines[0]` starts with `- `). */
function appendItem(file: SourceFile, seq: YamlRef, lines: string[]): TextEdit | undefined {
  const items = file.yaml.childrenIn(seq.docIndex, seq.path);
  const first = items[0];
  if (!first?.valueSpan || (seq.node as { flow?: boolean } | null)?.flow) return undefined;
  const li = file.lines;
  const m = /^(\s*)-(\s+)/.exec(li.lineText(li.position(first.valueSpan.start).line));
  if (!m) return undefined;
  const [, indent, gap] = m;
  const text = lines.map((l, i) => (i === 0 ? `${indent}-${gap}${l.slice(2)}` : `${indent} ${gap}${l.slice(2)}`));
  // the end of the last item: the furthest value under it
  const last = items[items.length - 1];
  const under = file.yaml.refs.filter(
    (r) => r.docIndex === seq.docIndex && r.path.length > last.path.length && last.path.every((k, i) => r.path[i] === k),
  );
  const end = Math.max(last.valueSpan?.end ?? 0, ...under.map((r) => r.valueSpan?.end ?? r.keySpan?.end ?? 0));
  const at = li.lineEnd(li.position(Math.max(0, end - 1)).line);
  return { start: at, end: at, newText: li.eol + text.join(li.eol) };
}

/** A line after the unit's last Environment= line of [Service], else right after the [Service] header. */
function addEnvironmentLine(file: SourceFile, line: string): TextEdit | undefined {
  const unit = unitOf(file);
  const li = file.lines;
  const envs = unit.all('Service', 'Environment');
  const header = unit.section('Service');
  const afterLine = envs.length ? li.position(envs[envs.length - 1].valueSpan.end).line : header?.line;
  if (afterLine === undefined) return undefined;
  const at = li.lineEnd(afterLine);
  return { start: at, end: at, newText: li.eol + line };
}
