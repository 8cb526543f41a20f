// ENV013 wal-mtls-paths: WAL mTLS on but its certificate, key or CA path is missing or empty.
import {
  entryOf,
  flagOn,
  isBlank,
  valueOf,
  WAL_CA_PATH,
  WAL_CERT_PATH,
  WAL_KEY_PATH,
  WAL_MTLS,
  walTlsFiles,
} from '../../envSemantics';
import { defineRule } from '../rule';
import { andList } from '../shared/wording';

const WHAT: Record<string, string> = {
  [WAL_CERT_PATH]: 'server certificate',
  [WAL_KEY_PATH]: 'private key',
  [WAL_CA_PATH]: 'CA that signs peer certificates',
};

export default defineRule({
  meta: {
    id: 'ENV013',
    name: 'wal-mtls-paths',
    kinds: ['env', 'deploy'],
    severity: 'error',
    productionOnly: true,
    fix: 'none',
    supersedes: [],
    messages: {
      pathEmpty: (d: { name: string }) =>
        `${d.name} is empty while WAL mTLS is on. Without the ${WHAT[d.name]} the WAL gRPC service cannot start. Give the path of the file.`,
      pathsMissing: (d: { missing: string[]; ca: boolean }) =>
        `WAL mTLS is on, but ${d.missing.length === 1 ? `${d.missing[0]} is` : `${d.missing.length} of its paths are`} not set. ${d.missing.length === 1 ? 'Without it' : `Without ${andList(d.missing)}`}, the WAL gRPC service cannot start with TLS. Add the certificate, key${d.ca ? ' and CA' : ''} paths.`,
    },
  },
  check(ctx) {
    const mtls = entryOf(ctx, WAL_MTLS);
    if (!mtls || !flagOn(WAL_MTLS, valueOf(ctx, mtls))) return;
    const needed = walTlsFiles(ctx);
    const missing: string[] = [];
    for (const name of needed) {
      const e = entryOf(ctx, name);
      if (!e) missing.push(name);
      else if (isBlank(valueOf(ctx, e))) ctx.report({ messageId: 'pathEmpty', data: { name }, span: e.keySpan });
    }
    if (missing.length)
      ctx.report({ messageId: 'pathsMissing', data: { missing, ca: needed.includes(WAL_CA_PATH) }, span: mtls.keySpan });
  },
});
