// ENV021 template-drift: the .env and the template committed beside it (.env.example…) disagree on which variables exist.
import * as path from 'path';
import { isSecretVar } from '../../envCatalog';
import { isEnvTemplate } from '../../fileKinds';
import { appendEnvEntry } from '../../fixes/envEdits';
import { SourceFile } from '../../sourceFile';
import { Workspace } from '../../workspace/workspace';
import { defineRule } from '../rule';
import { absentSpan } from './shared';

const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template'];

export default defineRule({
  meta: {
    id: 'ENV021',
    name: 'template-drift',
    kinds: ['env'],
    severity: 'info',
    productionOnly: false,
    fix: 'fix',
    supersedes: [],
    messages: {
      missing: (d: { names: string[]; template: string }) =>
        `${d.names.length === 1 ? `${d.names[0]} is` : `${d.names.length} variables of ${d.template} are`} missing here, though ${d.template} declares ${d.names.length === 1 ? 'it' : 'them'}. The template and this file have drifted apart${d.names.length === 1 ? '' : ` (${d.names.join(', ')})`}, and the server runs without ${d.names.length === 1 ? 'that setting' : 'those settings'}.`,
      notInTemplate: (d: { name: string; template: string }) =>
        `${d.name} is set here but missing from ${d.template}. Whoever installs from the template will not know about it. Add it to the template (with an empty value if it is a secret).`,
    },
  },
  check(ctx) {
    if (isEnvTemplate(ctx.file.path)) return;
    const template = templateOf(ctx.workspace, ctx.file.path);
    if (!template) return;
    const name = path.basename(template.path);
    const own = new Set(ctx.file.env.entries.map((e) => e.key));
    const declared = new Map(template.env.entries.map((e) => [e.key, e.value]));
    const missing = [...declared.keys()].filter((k) => !own.has(k));
    if (missing.length) {
      let text = ctx.file.text;
      const edits = missing.map((k) => {
        // a secret's value stays empty: the template's value is a placeholder, or worse, a real one
        const edit = appendEnvEntry(text, k, isSecretVar(k) ? '' : (declared.get(k) ?? ''));
        text += edit.newText;
        return edit;
      });
      const merged = { start: ctx.file.text.length, end: ctx.file.text.length, newText: edits.map((e) => e.newText).join('') };
      ctx.report({
        messageId: 'missing',
        data: { names: missing, template: name },
        span: absentSpan(ctx),
        fixes: [ctx.fix(`Add ${missing.length === 1 ? missing[0] : `${missing.length} variables`} from ${name}`, [merged])],
      });
    }
    for (const e of ctx.file.env.entries) {
      if (!/^THEMIS_/.test(e.key) || declared.has(e.key) || ctx.file.env.get(e.key) !== e) continue;
      ctx.report({ messageId: 'notInTemplate', data: { name: e.key, template: name }, span: e.keySpan });
    }
  },
});

/** The template committed beside an env file: `<name>.example`, `.sample` or `.template` (only a listed one is read). */
function templateOf(ws: Workspace, filePath: string): SourceFile | undefined {
  for (const suffix of TEMPLATE_SUFFIXES) {
    const f = ws.listed(filePath + suffix) ? ws.file(filePath + suffix) : undefined;
    if (f) return f;
  }
  return undefined;
}
