// AUD — audit logging. Dialects: guide `logging.audit.*`, security.yaml `audit.*`,
// GPU examples `security.audit.*` / `logging.audit.output`, editions
// `security.audit_auth` / `security.audit_data_access`.
import { isScalar } from 'yaml';
import { DocView, isMapRef, isSeqRef, YamlRef } from '../documents/yamlModel';
import { insertUnder } from '../fixes/yamlEdits';
import { TextEdit } from '../types';
import { boolOf, descendants, fixOf, insertFix, isFlow, securitySiblingSays, setFix, switchRef, textOf } from './enc';
import { defineLegacyRule as defineRule, LegacyContext as RuleContext } from './legacy';
import { Rule } from './rule';
import { keySpanOf, lastKey, writtenValue } from './query';

/** The audit blocks of a document (each a mapping). */
export function auditBlocks(doc: DocView): YamlRef[] {
  return [['logging', 'audit'], ['audit'], ['security', 'audit']].map((p) => doc.get(p)).filter((r): r is YamlRef => isMapRef(r));
}

interface AuditSwitch {
  ref: YamlRef;
  label: string;
}

function auditSwitches(ctx: RuleContext, doc: DocView): AuditSwitch[] {
  const out: AuditSwitch[] = [];
  for (const p of [['logging', 'audit'], ['audit'], ['security', 'audit']]) {
    const ref = switchRef(ctx, doc, p);
    if (ref) out.push({ ref, label: 'audit logging' });
  }
  for (const key of ['audit_auth', 'audit_data_access', 'audit_enabled', 'enable_audit']) {
    const ref = doc.get(['security', key]);
    if (ref && (!ref.node || isScalar(ref.node))) out.push({ ref, label: key === 'audit_auth' ? 'auditing of authentication events' : key === 'audit_data_access' ? 'auditing of data access' : 'audit logging' });
  }
  return out;
}

/** Whether the document is one where audit settings belong (logging/audit section or a full config). */
function auditApplies(doc: DocView): boolean {
  return ['logging', 'audit', 'storage', 'server'].some((k) => doc.get(k));
}

/**
 * 'on' when a switch is on (or set through a variable), 'off' when one is
 * false or the file should configure audit and does not, else 'unknown'.
 */
export function auditState(ctx: RuleContext, doc: DocView): 'on' | 'off' | 'unknown' {
  const switches = auditSwitches(ctx, doc);
  if (switches.some((s) => boolOf(ctx, s.ref) === false)) return 'off';
  if (switches.length > 0) return 'on';
  if (!auditApplies(doc)) return 'unknown';
  return securitySiblingSays(ctx, (d) => auditSwitches(ctx, d).map((x) => x.ref)) ? 'on' : 'off';
}

/** Audit blocks that are not explicitly switched off. */
function activeAuditBlocks(ctx: RuleContext, doc: DocView): YamlRef[] {
  return auditBlocks(doc).filter((b) => boolOf(ctx, doc.get([...b.path, 'enabled'])) !== false);
}

// ---------------------------------------------------------------------------
// AUD001 audit-disabled
// ---------------------------------------------------------------------------

const aud001 = defineRule('AUD001', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    const switches = auditSwitches(ctx, doc);
    let off = false;
    for (const s of switches) {
      if (boolOf(ctx, s.ref) !== false || !s.ref.valueSpan) continue;
      off = true;
      ctx.report({
        span: s.ref.valueSpan,
        message: `${s.label.charAt(0).toUpperCase() + s.label.slice(1)} is off (${s.ref.path.join('.')}): logins, data reads and configuration changes leave no trail for incident response or compliance. Turn it on.`,
        fixes: setFix(ctx, s.ref, true, 'fix', `Set ${lastKey(s.ref)} to true`),
      });
    }
    if (off || switches.length > 0 || !auditApplies(doc)) continue;
    if (securitySiblingSays(ctx, (d) => auditSwitches(ctx, d).map((x) => x.ref))) continue; // security.yaml next to it turns audit on
    const msg = 'Audit logging is not switched on in this config, so there is no record of who logged in, read or exported data, or changed keys and settings. Enable it (logging.audit.enabled: true) and send it to an external sink.';
    // an audit block without its switch
    const block = auditBlocks(doc)[0];
    if (block) {
      ctx.report({
        span: keySpanOf(block),
        message: `${block.path.join('.')} has no \`enabled: true\`, so audit logging is not switched on and logins, data access and configuration changes leave no trail. Add the switch.`,
        fixes: insertFix(ctx, doc, block.path, ['enabled: true'], `Add enabled: true to ${block.path.join('.')}`),
      });
      continue;
    }
    const logging = doc.get('logging');
    ctx.report({
      span: keySpanOf(logging ?? doc.roots[0]),
      message: msg,
      fixes: insertFix(ctx, doc, ['logging'], ['audit:', '  enabled: true'], 'Add logging.audit.enabled: true'),
    });
  }
});

// ---------------------------------------------------------------------------
// AUD002 audit-local-only
// ---------------------------------------------------------------------------

const LOCAL_TYPES = new Set(['file', 'local', 'local_file', 'rotating_file', 'json_file']);
const STREAM_TYPES = new Set(['stdout', 'stderr', 'console']);
const REMOTE_KEYS = /^(?:syslog|siem|elasticsearch|opensearch|splunk|remote|s3|kafka|webhook|forward|forwarding|sink|sinks|loki|cloudwatch|datadog|otlp)$/;

const aud002 = defineRule('AUD002', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const block of activeAuditBlocks(ctx, doc)) {
      const local: YamlRef[] = [];
      let remote = false;
      let outputsKey: YamlRef | undefined;
      for (const kid of doc.children(block.path)) {
        const key = lastKey(kid);
        if (key === 'outputs' || key === 'destinations') {
          if (!isSeqRef(kid)) continue;
          for (const item of doc.children(kid.path)) {
            const type = textOf(ctx, doc.get([...item.path, 'type']))?.toLowerCase();
            const scalar = textOf(ctx, item);
            if (type ? LOCAL_TYPES.has(type) : scalar ? isLocalPath(scalar) : !!(doc.get([...item.path, 'path']) ?? doc.get([...item.path, 'file']))) {
              local.push(item);
              outputsKey = kid;
            } else if (!(type && STREAM_TYPES.has(type)) && !(scalar && STREAM_TYPES.has(scalar.toLowerCase()))) remote = true;
          }
        } else if (/^(?:output|log_path|log_file|file|path)$/.test(key)) {
          const v = textOf(ctx, kid);
          if (v === undefined) {
            if (/\$\{/.test(String(kid.value ?? ''))) remote = true; // unknown: give it the benefit of the doubt
            continue;
          }
          if (STREAM_TYPES.has(v.toLowerCase())) continue;
          if (isLocalPath(v)) local.push(kid);
          else remote = true;
        } else if (REMOTE_KEYS.test(key)) {
          if (boolOf(ctx, kid) !== false && boolOf(ctx, doc.get([...kid.path, 'enabled'])) !== false) remote = true;
        } else if (key === 'worm_storage') {
          if (boolOf(ctx, switchRef(ctx, doc, kid.path)) === true) remote = true;
        } else if (key === 'immutable') {
          if (boolOf(ctx, switchRef(ctx, doc, kid.path)) !== false && descendants(doc, kid.path).some((r) => /^(?:endpoint|url)$/.test(lastKey(r)) && textOf(ctx, r))) remote = true;
        }
      }
      if (remote || local.length === 0) continue;
      const span = outputsKey ? keySpanOf(outputsKey) : local[0].valueSpan ?? keySpanOf(local[0]);
      ctx.report({
        span,
        message: 'Every audit output is a file on the database host, so an intruder with root there can edit or delete the trail. Also ship the events to an external, tamper-resistant sink (syslog/SIEM over TLS, WORM object storage).',
      });
    }
  }
});

function isLocalPath(v: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(v);
}

// ---------------------------------------------------------------------------
// AUD003 audit-insecure-transport
// ---------------------------------------------------------------------------

export function isLoopbackHost(url: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url.trim());
  if (!m) return false;
  const host = m[1].replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1' || /^(?:0{1,4}:){7}0{0,3}1$/.test(host);
}

/** An edit that turns the `<scheme>://` written in a value into `<to>://`. */
function schemeEdit(ctx: RuleContext, ref: YamlRef, from: string, to: string): TextEdit | undefined {
  const span = ref.valueSpan;
  if (!span) return undefined;
  const text = ctx.file.text.slice(span.start, span.end);
  const m = new RegExp(`^(["']?)\\s*(${from})://`, 'i').exec(text);
  if (!m) return undefined;
  const at = span.start + m[0].indexOf(m[2]);
  return { start: at, end: at + m[2].length, newText: to };
}

const aud003 = defineRule('AUD003', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const block of activeAuditBlocks(ctx, doc)) {
      for (const ref of descendants(doc, block.path)) {
        if (!ref.valueSpan || !isScalar(ref.node)) continue;
        const v = textOf(ctx, ref);
        if (!v) continue;
        const key = ref.keySpan ? lastKey(ref) : '';
        if (/^(?:protocol|transport)$/.test(key) && v.toLowerCase() === 'udp') {
          ctx.report({
            span: ref.valueSpan,
            severity: 'warning',
            message: 'Audit events go out over UDP, which drops them silently under load and accepts forged datagrams. Use TCP (with TLS where the collector supports it).',
            fixes: setFix(ctx, ref, 'tcp', 'fix', 'Use tcp'),
          });
        } else if (/^udp:\/\//i.test(v)) {
          ctx.report({
            span: ref.valueSpan,
            severity: 'warning',
            message: 'This audit sink is reached over UDP, which loses events without notice and cannot tell forged ones apart. Send to a TCP (preferably TLS) endpoint.',
            fixes: fixOf(ctx, 'Use tcp://', 'fix', [schemeEdit(ctx, ref, 'udp', 'tcp')]),
          });
        } else if (/^http:\/\//i.test(v) && !isLoopbackHost(v)) {
          ctx.report({
            span: ref.valueSpan,
            severity: 'error',
            message: `Audit events are sent in clear over http:// to ${hostOf(v)}: anyone on the path can read user names and queries, steal the sink's token, or drop and alter events. Use https://.`,
            fixes: fixOf(ctx, 'Use https://', 'fix', [schemeEdit(ctx, ref, 'http', 'https')]),
          });
        }
      }
    }
  }
});

function hostOf(url: string): string {
  const m = /^[a-z]+:\/\/(?:[^@/]*@)?([^/?#]*)/i.exec(url);
  return m ? m[1] : url;
}

// ---------------------------------------------------------------------------
// AUD004 audit-redaction-off
// ---------------------------------------------------------------------------

const REQUIRED_REDACTION: { name: string; test: RegExp }[] = [
  { name: 'password', test: /^(?:passwords?|passwd|pwd)$/ },
  { name: 'api_key', test: /^(?:api_?keys?|apikeys?)$/ },
  { name: 'private_key', test: /^(?:private_?keys?)$/ },
];

/** An edit that appends items to a sequence (block or flow), or undefined. */
export function appendToSeqEdit(ctx: RuleContext, doc: DocView, seq: YamlRef, items: string[]): TextEdit | undefined {
  const span = seq.valueSpan;
  if (!span || !isSeqRef(seq)) return undefined;
  const file = ctx.file;
  const li = file.lines;
  const kids = doc.children(seq.path);
  if (isFlow(seq)) {
    const close = file.text.lastIndexOf(']', span.end);
    if (close < span.start) return undefined;
    const lastKid = kids[kids.length - 1];
    if (lastKid?.valueSpan) return { start: lastKid.valueSpan.end, end: lastKid.valueSpan.end, newText: items.map((i) => `, ${i}`).join('') };
    return { start: close, end: close, newText: items.join(', ') };
  }
  const first = kids[0];
  const lastKid = kids[kids.length - 1];
  if (!first?.valueSpan || !lastKid?.valueSpan) return undefined;
  const firstLine = li.position(first.valueSpan.start).line;
  const prefix = /^(\s*-\s+)/.exec(li.lineText(firstLine))?.[1];
  if (!prefix || li.position(first.valueSpan.start).character !== prefix.length) return undefined;
  const endLine = li.position(Math.max(lastKid.valueSpan.start, lastKid.valueSpan.end - 1)).line;
  const at = li.lineEnd(endLine);
  return { start: at, end: at, newText: items.map((i) => li.eol + prefix + i).join('') };
}

const aud004 = defineRule('AUD004', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const block of activeAuditBlocks(ctx, doc)) {
      const red = doc.get([...block.path, 'redaction']);
      if (!red) continue;
      const sw = switchRef(ctx, doc, red.path);
      if (sw && boolOf(ctx, sw) === false && sw.valueSpan) {
        ctx.report({
          span: sw.valueSpan,
          message: 'Redaction of audit events is off, so passwords, API keys and personal data in requests end up in the audit trail and everywhere it is copied. Turn redaction on.',
          fixes: setFix(ctx, sw, true, 'fix', 'Set redaction.enabled to true'),
        });
        continue;
      }
      const fields = doc.get([...red.path, 'fields']);
      if (!fields || !isSeqRef(fields)) continue;
      const names = doc.children(fields.path).map((r) => textOf(ctx, r)?.toLowerCase().replace(/[-\s]/g, '_')).filter((s): s is string => !!s);
      const missing = REQUIRED_REDACTION.filter((f) => !names.some((n) => f.test.test(n))).map((f) => f.name);
      if (missing.length === 0) continue;
      ctx.report({
        span: keySpanOf(fields),
        message: `The redaction list does not cover ${missing.join(', ')}, so such values would be written to the audit trail in clear. Add ${missing.length > 1 ? 'them' : 'it'} to redaction.fields.`,
        fixes: fixOf(ctx, `Add ${missing.join(', ')} to the redacted fields`, 'fix', [appendToSeqEdit(ctx, doc, fields, missing)]),
      });
    }
  }
});

// ---------------------------------------------------------------------------
// AUD005 audit-unsigned
// ---------------------------------------------------------------------------

const aud005 = defineRule('AUD005', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const block of activeAuditBlocks(ctx, doc)) {
      const signing = switchRef(ctx, doc, [...block.path, 'signing']);
      if (signing && boolOf(ctx, signing) === false && signing.valueSpan) {
        ctx.report({
          span: signing.valueSpan,
          message: 'Audit records are not signed, so someone with write access to the log can change or remove entries without it showing. Enable signing (an ECDSA-signed chain) with a key held in the HSM.',
          fixes: setFix(ctx, signing, true, 'fix', 'Set signing.enabled to true'),
        });
      }
      const immutable = switchRef(ctx, doc, [...block.path, 'immutable']);
      if (immutable && boolOf(ctx, immutable) === false && immutable.valueSpan) {
        ctx.report({
          span: immutable.valueSpan,
          message: 'The audit trail is not kept immutable, so past entries can be rewritten after the fact. Turn on immutable (append-only or WORM) storage.',
          fixes: setFix(ctx, immutable, true, 'fix', 'Set immutable.enabled to true'),
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// AUD006 audit-categories
// ---------------------------------------------------------------------------

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

const aud006 = defineRule('AUD006', (ctx) => {
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
        if (isSeqRef(events)) edit = appendToSeqEdit(ctx, doc, events, [cat.name]);
        else if (!isFlow(events)) edit = insertUnder(ctx.file, events.path, [`${cat.name}:`, ...cat.sample.map((s) => `  - ${s}`)], doc.index);
        ctx.report({
          span: keySpanOf(events),
          message: `The audit events leave out the ${cat.name} category, so those actions are not recorded although compliance reviews expect them. Add ${cat.name} to the events.`,
          fixes: fixOf(ctx, `Add the ${cat.name} category`, 'suggestion', [edit]),
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------
// AUD007 audit-retention
// ---------------------------------------------------------------------------

const MIN_DAYS = 90;

/** Days of a retention value (`30`, `"30d"`, `"720h"`, `"4w"`), or undefined. */
function retentionDays(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(d|days?|h|hours?|w|weeks?|y|years?)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'd').toLowerCase()[0];
  return unit === 'h' ? n / 24 : unit === 'w' ? n * 7 : unit === 'y' ? n * 365 : n;
}

/** The value of 90 days in the unit the user wrote. */
function ninetyDaysLike(v: unknown): string | number {
  if (typeof v === 'number') return MIN_DAYS;
  const m = /^\s*\d+(?:\.\d+)?(\s*)(\w*)\s*$/.exec(String(v));
  const sep = m?.[1] ?? '';
  const unit = m?.[2] ?? '';
  const u = unit.toLowerCase()[0];
  if (!unit) return String(MIN_DAYS);
  if (u === 'h') return `${MIN_DAYS * 24}${sep}${unit}`;
  if (u === 'w') return `${Math.ceil(MIN_DAYS / 7)}${sep}${unit}`;
  if (u === 'y') return `1${sep}${unit.replace(/s$/i, '')}`;
  return `${MIN_DAYS}${sep}${unit}`;
}

const aud007 = defineRule('AUD007', (ctx) => {
  for (const doc of ctx.file.yaml.documents()) {
    for (const block of activeAuditBlocks(ctx, doc)) {
      for (const ref of descendants(doc, block.path)) {
        if (!ref.keySpan || !ref.valueSpan || !isScalar(ref.node)) continue;
        const key = lastKey(ref);
        const parent = ref.path[ref.path.length - 2];
        const relevant =
          (key === 'max_age' && parent === 'rotation') || /^(?:retention_days|retention_period|retention|max_age_days|keep_days)$/.test(key);
        if (!relevant) continue;
        const raw = ctx.resolved(ref);
        const days = retentionDays(raw);
        if (days === undefined || days <= 0 || days >= MIN_DAYS) continue;
        const value = ninetyDaysLike(raw);
        ctx.report({
          span: ref.valueSpan,
          message: `Audit records are kept for only ${writtenValue(ctx.file, ref)} (${key}); breaches are often found months later and compliance reviews ask for at least 90 days. Keep them for 90 days or more.`,
          fixes: setFix(ctx, ref, value, 'fix', `Set ${key} to ${value}`),
        });
      }
    }
  }
});

export const audRules: Rule[] = [aud001, aud002, aud003, aud004, aud005, aud006, aud007];
