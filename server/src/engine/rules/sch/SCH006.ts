// SCH006 no-effect-key: documented keys that the server code is known not to read, once per section.
import { YamlModel, YamlRef } from '../../documents/yamlModel';
import { insteadOf, unreadEntries } from '../../schema/readership';
import { SchemaName, schemaFor, schemasAt } from '../../schema/schemaIndex';
import { dotted, pathText } from '../query';
import { defineRule } from '../rule';

/** The unread entries of one section: what one finding lists. */
interface Group {
  section: string;
  refs: YamlRef[];
}

/**
 * The unread entries not under an unread one, in the model's order (before the told keys
 * are left to their findings). Below an entry the schema does not describe nothing has a
 * readership of its own, so the walk does not go there (a 10,000-entry section of tenants
 * costs one lookup); each entry's parent is the one the walk comes from.
 */
function unreadTops(model: YamlModel, name: SchemaName): YamlRef[] {
  const unread = unreadEntries(model, name);
  const out: YamlRef[] = [];
  const visit = (docIndex: number, parent: YamlRef | undefined) => {
    const underUnread = !!parent && unread(parent);
    for (const r of model.childrenIn(docIndex, parent?.path ?? [])) {
      if (r.keySpan && !underUnread && unread(r)) out.push(r);
      if (schemasAt(name, r.path).length > 0) visit(docIndex, r);
    }
  };
  model.docs.forEach((_, i) => visit(i, undefined));
  return out;
}

/** Per block model of an edited buffer (kept while its block is unchanged): where its unread tops are among its entries. */
const blockTops = new WeakMap<YamlModel, Map<SchemaName, number[]>>();

/**
 * unreadTops, block by block when the model is assembled from its top-level blocks (no
 * block's answer depends on another's): after an edit only the changed block is looked at.
 * The entries of such a model are its blocks' entries, in order.
 */
function unreadTopsOf(model: YamlModel, name: SchemaName): YamlRef[] {
  if (!model.blocks) return unreadTops(model, name);
  const out: YamlRef[] = [];
  let first = 0;
  for (const { model: block } of model.blocks) {
    const byName = blockTops.get(block!) ?? new Map<SchemaName, number[]>();
    blockTops.set(block!, byName);
    let at = byName.get(name);
    if (!at) {
      const index = new Map(block!.refs.map((r, i) => [r, i]));
      byName.set(name, (at = unreadTops(block!, name).map((r) => index.get(r)!)));
    }
    for (const i of at) out.push(model.refs[first + i]);
    first += block!.refs.length;
  }
  return out;
}

const list = (names: string[]): string => names.map((n) => `\`${n}\``).join(', ');

/** "Instead" sentences: one per replacement, naming the keys it stands for. */
function insteadText(items: { key: string; instead: string | undefined }[]): string {
  const by = new Map<string, string[]>();
  for (const { key, instead } of items)
    if (instead && !instead.startsWith('no replacement')) by.set(instead, [...(by.get(instead) ?? []), key]);
  return [...by].map(([instead, keys]) => ` For ${list(keys)}: ${instead}.`).join('');
}

export default defineRule({
  meta: {
    id: 'SCH006',
    name: 'no-effect-key',
    kinds: ['config', 'mig'],
    severity: 'hint',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    runsLast: true,
    messages: {
      unreadKey: (d: { path: string; instead: string }) =>
        `The ThemisDB server does not read \`${d.path}\`. This setting has no effect on the running server.${d.instead}`,
      unreadKeys: (d: { section: string; count: number; keys: string[]; instead: string }) =>
        `The ThemisDB server does not read ${d.count} keys under \`${d.section}\`. ` +
        `They have no effect: ${list(d.keys)}.${d.instead}`,
      unreadSection: (d: { path: string; instead: string }) =>
        `The ThemisDB server does not read \`${d.path}\` or anything under it. ` +
        `These settings have no effect on the running server.${d.instead}`,
      unreadSections: (d: { count: number; keys: string[]; instead: string }) =>
        `The ThemisDB server reads none of these ${d.count} top-level entries. They have no effect: ${list(d.keys)}.${d.instead}`,
    },
  },
  check(ctx) {
    const name = schemaFor(ctx.kind, ctx.file.path);
    if (!name) return;
    const model = ctx.file.yaml;
    const kidsOf = (ref: YamlRef) => model.childrenIn(ref.docIndex, ref.path).filter((k) => k.keySpan);
    // a key a security finding sits on is that finding's story; a section holding one is listed by its parts
    const listed = (ref: YamlRef): YamlRef[] =>
      !ctx.toldWithin(ref) ? [ref] : ctx.toldByFinding(ref) && !kidsOf(ref).length ? [] : kidsOf(ref).flatMap(listed);

    const groups = new Map<string, Group>();
    const seen = new Set<number>(); // an anchored key reached through several aliases: once
    for (const ref of unreadTopsOf(model, name)) {
      if (seen.has(ref.keySpan!.start)) continue;
      for (const r of listed(ref)) {
        if (!r.keySpan || seen.has(r.keySpan.start)) continue;
        seen.add(r.keySpan.start);
        const section = r.path.slice(0, -1).join('.');
        const id = `${r.docIndex}\u0000${section}`;
        const g = groups.get(id) ?? { section, refs: [] };
        g.refs.push(r);
        groups.set(id, g);
      }
    }
    for (const { section, refs } of groups.values()) {
      const names = refs.map((r) => pathText(r.path.slice(section ? section.split('.').length : 0)));
      const instead = insteadText(refs.map((r, i) => ({ key: names[i], instead: insteadOf(name, r.path) })));
      const span = refs[0].keySpan!;
      const isSection = (r: YamlRef) => model.childrenIn(r.docIndex, r.path).length > 0;
      if (refs.length === 1) {
        const path = dotted(refs[0]);
        ctx.report({ messageId: isSection(refs[0]) ? 'unreadSection' : 'unreadKey', data: { path, instead }, span });
      } else if (!section) {
        ctx.report({ messageId: 'unreadSections', data: { count: refs.length, keys: names, instead }, span });
      } else {
        const shown = pathText(refs[0].path.slice(0, -1));
        ctx.report({ messageId: 'unreadKeys', data: { section: shown, count: refs.length, keys: names, instead }, span });
      }
    }
  },
});
