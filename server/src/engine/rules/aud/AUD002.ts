// AUD002 audit-local-only: every audit output is a file on the database host, none external.
import { isSeqRef, YamlRef } from '../../documents/yamlModel';
import { keySpanOf, lastKey } from '../query';
import { defineRule } from '../rule';
import { descendants, switchRef } from '../shared/documents';
import { boolOf, textOf } from '../shared/values';
import { activeAuditBlocks } from './shared';

const LOCAL_TYPES = new Set(['file', 'local', 'local_file', 'rotating_file', 'json_file']);
const STREAM_TYPES = new Set(['stdout', 'stderr', 'console']);
const REMOTE_KEYS =
  /^(?:syslog|siem|elasticsearch|opensearch|splunk|remote|s3|kafka|webhook|forward|forwarding|sink|sinks|loki|cloudwatch|datadog|otlp)$/;

function isLocalPath(v: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(v);
}

export default defineRule({
  meta: {
    id: 'AUD002',
    name: 'audit-local-only',
    kinds: ['config'],
    blockLocal: true,
    severity: 'warning',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      localOnly: () =>
        'Every audit output is a file on the database host. ' +
        'An intruder with root there can edit or delete the trail. ' +
        'Also ship the events to an external, tamper-resistant sink (syslog/SIEM over TLS, WORM object storage).',
    },
  },
  check(ctx) {
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
              const hasPath = !!(doc.get([...item.path, 'path']) ?? doc.get([...item.path, 'file']));
              const isLocal = type ? LOCAL_TYPES.has(type) : scalar ? isLocalPath(scalar) : hasPath;
              if (isLocal) {
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
            const sink = descendants(doc, kid.path).some((r) => /^(?:endpoint|url)$/.test(lastKey(r)) && textOf(ctx, r));
            if (sink && boolOf(ctx, switchRef(ctx, doc, kid.path)) !== false) remote = true;
          }
        }
        if (remote || local.length === 0) continue;
        const span = outputsKey ? keySpanOf(outputsKey) : (local[0].valueSpan ?? keySpanOf(local[0]));
        ctx.report({ messageId: 'localOnly', span });
      }
    }
  },
});
