// SCH001 yaml-syntax: the file does not parse, repeats a key in one mapping, or indents with tabs;
// what the parser only warns about (an unknown tag or directive) is a warning, not a parse error.
import { defineRule } from '../rule';
import { capitalized } from '../shared/wording';

export default defineRule({
  meta: {
    id: 'SCH001',
    name: 'yaml-syntax',
    kinds: ['config', 'mig'],
    blockLocal: true,
    severity: ['error', 'warning'],
    productionOnly: false,
    fix: 'none',
    supersedes: [],
    messages: {
      duplicateKey: (d: { key: string }) =>
        `Key \`${d.key}\` appears twice in the same mapping. ` +
        'The server keeps only one of the values, so the other is silently lost.',
      tabIndent: () => 'Tabs are not allowed for indentation in YAML. Indent with spaces.',
      syntax: (d: { message: string }) => {
        const inline = `The YAML does not parse: ${d.message}.`;
        return inline.length <= 100 ? inline : `The YAML does not parse. ${capitalized(d.message)}.`;
      },
      parserWarning: (d: { message: string }) =>
        `The YAML parser warns: ${d.message}. ` +
        "The YAML is valid, but the server's reader does not act on an unknown tag or directive, so check that the value means what it says.",
    },
  },
  check(ctx) {
    for (const p of ctx.file.yaml.problems) {
      const message = p.message.replace(/ at line \d+, column \d+:?$/, '').replace(/[.:]$/, '');
      if (p.code === 'DUPLICATE_KEY')
        ctx.report({ messageId: 'duplicateKey', data: { key: ctx.file.text.slice(p.span.start, p.span.end) }, span: p.span });
      else if (p.code === 'TAB_AS_INDENT') ctx.report({ messageId: 'tabIndent', span: p.span });
      else if (p.severity === 'warning')
        ctx.report({
          messageId: 'parserWarning',
          data: { message },
          span: p.span,
          severity: 'warning',
        });
      else ctx.report({ messageId: 'syntax', data: { message }, span: p.span });
    }
  },
});
