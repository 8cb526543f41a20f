// SCH006 no-effect-key: a documented key that the server code is known not to read.
import { YamlRef } from '../../documents/yamlModel';
import { schemaAt, schemaFor } from '../../schema/schemaIndex';
import { dotted } from '../query';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'SCH006',
    name: 'no-effect-key',
    kinds: ['config', 'mig'],
    blockLocal: true,
    severity: 'hint',
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      unreadKey: (d: { path: string }) =>
        `The ThemisDB server does not read \`${d.path}\`: this setting has no effect on the running server.`,
      unreadSection: (d: { path: string }) =>
        `The ThemisDB server does not read \`${d.path}\` or anything under it: these settings have no effect on the running server.`,
    },
  },
  check(ctx) {
    const name = schemaFor(ctx.kind, ctx.file.path);
    if (!name) return;
    const model = ctx.file.yaml;
    // a key is unread when the schema says so, or when it is a section all of whose keys are unread
    const unread = new Map<YamlRef, boolean>();
    const isUnread = (ref: YamlRef): boolean => {
      let v = unread.get(ref);
      if (v === undefined) {
        const kids = model.childrenIn(ref.docIndex, ref.path).filter((k) => k.keySpan);
        v = schemaAt(name, ref.path)?.['x-server-reads'] === false || (kids.length > 0 && kids.every(isUnread));
        unread.set(ref, v);
      }
      return v;
    };
    const reported = new Set<number>(); // an anchored key reached through several aliases: once
    for (const ref of model.refs) {
      if (!ref.keySpan || reported.has(ref.keySpan.start) || !isUnread(ref)) continue;
      const parent = ref.path.length > 1 ? model.getIn(ref.docIndex, ref.path.slice(0, -1)) : undefined;
      if (parent && isUnread(parent)) continue; // reported once, on the section
      reported.add(ref.keySpan.start);
      const section = model.children(ref.path).length > 0;
      ctx.report({ messageId: section ? 'unreadSection' : 'unreadKey', data: { path: dotted(ref) }, span: ref.keySpan });
    }
  },
});
