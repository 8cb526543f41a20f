// SCH006 no-effect-key: documented keys that the server code is known not to read, once per section.
import { YamlModel, YamlRef } from '../../documents/yamlModel';
import { insteadOf, unreadEntries } from '../../schema/readership';
import { SchemaName, schemaFor, schemasAt } from '../../schema/schemaIndex';
import { dotted, pathText } from '../query';
import { defineRule, Report, RuleContext } from '../rule';
import { shifted } from '../../types';

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

const list = (names: string[]): string => names.map((n) => `\`${n}\``).join(', ');

/** "Instead" sentences: one per replacement, naming the keys it stands for. */
function insteadText(items: { key: string; instead: string | undefined }[]): string {
  const by = new Map<string, string[]>();
  for (const { key, instead } of items)
    if (instead && !instead.startsWith('no replacement')) by.set(instead, [...(by.get(instead) ?? []), key]);
  return [...by].map(([instead, keys]) => ` For ${list(keys)}: ${instead}.`).join('');
}

const messages = {
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
};

/** What the findings are built from: the file and the keys other findings tell. */
type Ctx = Pick<RuleContext, 'file' | 'toldWithin' | 'toldByFinding' | 'toldIn'>;
type Found = Report<typeof messages>;

/**
 * The entries one finding lists each, from the unread tops: a key a security finding sits on
 * is that finding's story, and a section holding one is listed by its parts.
 */
function listedOf(ctx: Ctx, tops: YamlRef[]): YamlRef[] {
  const model = ctx.file.yaml;
  const kidsOf = (ref: YamlRef) => model.childrenIn(ref.docIndex, ref.path).filter((k) => k.keySpan);
  const listed = (ref: YamlRef): YamlRef[] =>
    !ctx.toldWithin(ref) ? [ref] : ctx.toldByFinding(ref) && !kidsOf(ref).length ? [] : kidsOf(ref).flatMap(listed);
  const out: YamlRef[] = [];
  const seen = new Set<number>(); // an anchored key reached through several aliases: once
  for (const top of tops) {
    if (seen.has(top.keySpan!.start)) continue;
    for (const r of listed(top)) {
      if (!r.keySpan || seen.has(r.keySpan.start)) continue;
      seen.add(r.keySpan.start);
      out.push(r);
    }
  }
  return out;
}

/** One finding per section of the listed entries (the top-level ones are a section too). */
function reportsOf(ctx: Ctx, name: SchemaName, listed: YamlRef[]): Found[] {
  const groups = new Map<string, Group>();
  for (const r of listed) {
    const section = r.path.slice(0, -1).join('.');
    const id = `${r.docIndex}\u0000${section}`;
    const g = groups.get(id) ?? { section, refs: [] };
    g.refs.push(r);
    groups.set(id, g);
  }
  return [...groups.values()].map((g) => reportOf(ctx, name, g));
}

function reportOf(ctx: Ctx, name: SchemaName, { section, refs }: Group): Found {
  const model = ctx.file.yaml;
  const depth = section ? section.split('.').length : 0;
  const names = refs.map((r) => pathText(r.path.slice(depth)));
  const instead = insteadText(refs.map((r, i) => ({ key: names[i], instead: insteadOf(name, r.path) })));
  const span = refs[0].keySpan!;
  const isSection = (r: YamlRef) => model.childrenIn(r.docIndex, r.path).length > 0;
  if (refs.length === 1) {
    const path = dotted(refs[0]);
    return { messageId: isSection(refs[0]) ? 'unreadSection' : 'unreadKey', data: { path, instead }, span };
  }
  if (!section) return { messageId: 'unreadSections', data: { count: refs.length, keys: names, instead }, span };
  const shown = pathText(refs[0].path.slice(0, -1));
  return { messageId: 'unreadKeys', data: { section: shown, count: refs.length, keys: names, instead }, span };
}

/**
 * One block's share of SCH006 in an edited buffer, kept on the block's model while the
 * block is unchanged: where its unread tops are among its entries, and while the keys told
 * in it stay the same, the findings on its sections (spans from the block's start) and
 * whether its top-level entry is listed.
 */
interface BlockPart {
  tops: number[];
  told?: string;
  found: Found[];
  root: boolean;
}

const blockParts = new WeakMap<YamlModel, Map<SchemaName, BlockPart>>();

function blockPartOf(block: YamlModel, name: SchemaName): BlockPart {
  let byName = blockParts.get(block);
  if (!byName) blockParts.set(block, (byName = new Map()));
  let part = byName.get(name);
  if (!part) {
    const index = new Map(block.refs.map((r, i) => [r, i]));
    byName.set(name, (part = { tops: unreadTops(block, name).map((r) => index.get(r)!), found: [], root: false }));
  }
  return part;
}

/**
 * The findings of a model assembled from top-level blocks, block by block: what SCH006 finds
 * in a section depends on its block and the keys told there only, so a block whose text and
 * told keys did not change reports what it did. Its top-level entries are one section
 * across the blocks, reported here.
 */
function blockByBlock(ctx: Ctx, model: YamlModel, name: SchemaName): Found[] {
  const out: Found[] = [];
  const roots: YamlRef[] = [];
  let first = 0;
  for (const block of model.blocks!) {
    const own = block.model!;
    const end = block.offset + block.text!.length;
    const told = ctx
      .toldIn(block.offset, end)
      .map((o) => o - block.offset)
      .join(',');
    const part = blockPartOf(own, name);
    if (part.told !== told) {
      const at = first;
      const listed = listedOf(
        ctx,
        part.tops.map((i) => model.refs[at + i]),
      );
      const inSections = listed.filter((r) => r.path.length > 1);
      part.found = reportsOf(ctx, name, inSections).map((f) => ({ ...f, span: shifted(f.span, -block.offset) }));
      part.root = inSections.length < listed.length;
      part.told = told;
    }
    for (const f of part.found) out.push({ ...f, span: shifted(f.span, block.offset) });
    if (part.root) roots.push(model.refs[first]);
    first += own.refs.length;
  }
  if (roots.length) out.push(reportOf(ctx, name, { section: '', refs: roots }));
  return out;
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
    messages,
  },
  check(ctx) {
    const name = schemaFor(ctx.kind, ctx.file.path);
    if (!name) return;
    const model = ctx.file.yaml;
    const reports = model.blocks ? blockByBlock(ctx, model, name) : reportsOf(ctx, name, listedOf(ctx, unreadTops(model, name)));
    for (const r of reports) ctx.report(r);
  },
});
