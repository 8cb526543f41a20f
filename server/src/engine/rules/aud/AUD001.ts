// AUD001 audit-disabled: audit logging switched off, or a config that never switches it on.
import { insertUnder, setValue } from '../../fixes/yamlEdits';
import { keySpanOf, lastKey } from '../query';
import { defineRule } from '../rule';
import { auditApplies, auditBlocks, auditSwitches, siblingAudits } from '../shared/audit';
import { NO_SIBLING } from '../shared/documents';
import { boolOf } from '../shared/values';

export default defineRule({
  meta: {
    id: 'AUD001',
    name: 'audit-disabled',
    kinds: ['config'],
    severity: 'error',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages: {
      switchedOff: (d: { label: string; where: string }) =>
        `${d.label.charAt(0).toUpperCase() + d.label.slice(1)} is off (${d.where}): logins, data reads and configuration changes leave no trail for incident response or compliance. Turn it on.`,
      blockWithoutSwitch: (d: { block: string }) =>
        `${d.block} has no \`enabled: true\`, so audit logging is not switched on and logins, data access and configuration changes leave no trail. Add the switch.` +
        NO_SIBLING,
      notSwitchedOn: () =>
        'Audit logging is not switched on in this config, so there is no record of who logged in, read or exported data, or changed keys and settings. Enable it (logging.audit.enabled: true) and send it to an external sink.' +
        NO_SIBLING,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      const switches = auditSwitches(ctx, doc);
      let off = false;
      for (const s of switches) {
        if (boolOf(ctx, s.ref) !== false || !s.ref.valueSpan) continue;
        off = true;
        ctx.report({
          messageId: 'switchedOff',
          data: { label: s.label, where: s.ref.path.join('.') },
          span: s.ref.valueSpan,
          fixes: [ctx.fix(`Set ${lastKey(s.ref)} to true`, [setValue(ctx.file, s.ref, true)])],
        });
      }
      if (off || switches.length > 0 || !auditApplies(doc)) continue;
      if (siblingAudits(ctx)) continue; // security.yaml next to it turns audit on
      // an audit block without its switch
      const block = auditBlocks(doc)[0];
      if (block) {
        const where = block.path.join('.');
        ctx.report({
          messageId: 'blockWithoutSwitch',
          data: { block: where },
          span: keySpanOf(block),
          asks: [...block.path, 'enabled'],
          fixes: [ctx.fix(`Add enabled: true to ${where}`, [insertUnder(ctx.file, block.path, ['enabled: true'], doc.index)])],
        });
        continue;
      }
      const logging = doc.get('logging');
      ctx.report({
        messageId: 'notSwitchedOn',
        span: keySpanOf(logging ?? doc.roots[0]),
        asks: ['logging', 'audit', 'enabled'],
        fixes: [
          ctx.fix('Add logging.audit.enabled: true', [
            insertUnder(ctx.file, ['logging'], ['audit:', '  enabled: true'], doc.index),
          ]),
        ],
      });
    }
  },
});
