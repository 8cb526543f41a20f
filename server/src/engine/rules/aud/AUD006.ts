// AUD006 audit-categories: the audit events leave out authentication, authorization, data access, administrative or security.
import { isMapRef, isSeqRef } from '../../documents/yamlModel';
import { insertUnder } from '../../fixes/yamlEdits';
import { TextEdit } from '../../types';
import { keySpanOf, lastKey } from '../query';
import { defineRule } from '../rule';
import { descendants, isFlow } from '../shared/documents';
import { textOf } from '../shared/values';
import { activeAuditBlocks, appendToSeqEdit } from './shared';

const CATEGORIES: { name: string; aliases: RegExp; events: RegExp; sample: string[] }[] = [
  {
    name: 'authentication',
    aliases: /^(?:authentication|authn|auth|login|logins)$/,
    events: /^(?:login(?:_success|_failure|_failed)?|logout|session_(?:timeout|start|end)|mfa_\w+|auth_\w+)$/,
    sample: ['login_success', 'login_failure', 'logout'],
  },
  {
    name: 'authorization',
    aliases: /^(?:authorization|authorisation|authz|access_control)$/,
    events: /^(?:permission_(?:granted|denied)|role_change|access_denied|privilege_\w+)$/,
    sample: ['permission_denied', 'role_change'],
  },
  {
    name: 'data_access',
    aliases: /^(?:data_access|dataaccess|data)$/,
    events: /^(?:read|write|delete|export|query|data_read|data_write|data_export)$/,
    sample: ['read', 'write', 'delete', 'export'],
  },
  {
    name: 'administrative',
    aliases: /^(?:administrative|administration|admin)$/,
    events: /^(?:config_change|user_created|user_deleted|key_rotation|user_\w+|role_created)$/,
    sample: ['config_change', 'user_created', 'user_deleted', 'key_rotation'],
  },
  {
    name: 'security',
    aliases: /^(?:security|security_events)$/,
    events: /^(?:failed_tls_handshake|invalid_certificate|suspicious_activity|rate_limit_exceeded|hsm_error)$/,
    sample: ['failed_tls_handshake', 'rate_limit_exceeded', 'suspicious_activity'],
  },
];

export default defineRule({
  meta: {
    id: 'AUD006',
    name: 'audit-categories',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'suggestion',
    supersedes: [],
    messages: {
      categoryMissing: (d: { category: string }) =>
        `The audit events leave out the ${d.category} category. ` +
        `Those actions are not recorded, although compliance reviews expect them. Add ${d.category} to the events.`,
    },
  },
  check(ctx) {
    for (const doc of ctx.file.yaml.documents()) {
      for (const block of activeAuditBlocks(ctx, doc)) {
        const events = doc.get([...block.path, 'events']);
        if (!events || !(isMapRef(events) || isSeqRef(events))) continue;
        const all = descendants(doc, events.path);
        if (all.length === 0) continue;
        const names = new Set<string>();
        for (const r of all) {
          if (r.keySpan && r.path.length === events.path.length + 1) names.add(lastKey(r).toLowerCase());
          const t = textOf(ctx, r);
          if (t) names.add(t.toLowerCase().replace(/[-\s]/g, '_'));
        }
        for (const cat of CATEGORIES) {
          if ([...names].some((n) => cat.aliases.test(n) || cat.events.test(n))) continue;
          let edit: TextEdit | undefined;
          if (isSeqRef(events)) edit = appendToSeqEdit(ctx.file, doc, events, [cat.name]);
          else if (!isFlow(events))
            edit = insertUnder(ctx.file, events.path, [`${cat.name}:`, ...cat.sample.map((s) => `  - ${s}`)], doc.index);
          ctx.report({
            messageId: 'categoryMissing',
            data: { category: cat.name },
            span: keySpanOf(events),
            fixes: [ctx.suggest(`Add the ${cat.name} category`, [edit])],
          });
        }
      }
    }
  },
});
