// ENV013 wal-mtls-paths: WAL mTLS on but its certificate, key or CA path is missing or empty.
import { clientCertsOff, entryOf, flagOn, isBlank, valueNamed, valueOf, WAL_CLIENT_CERT, WAL_MTLS } from '../../envSemantics';
import { defineRule } from '../rule';

const PATHS = [
  ['THEMIS_WAL_GRPC_CERT_PATH', 'server certificate'],
  ['THEMIS_WAL_GRPC_KEY_PATH', 'private key'],
  ['THEMIS_WAL_GRPC_CA_CERT_PATH', 'CA that signs peer certificates'],
] as const;

type PathVar = (typeof PATHS)[number][0];
const WHAT: Record<PathVar, string> = Object.fromEntries(PATHS) as Record<PathVar, string>;

/** `a`, `a and b`, `a, b and c`. */
function andList(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

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
      pathEmpty: (d: { name: PathVar }) =>
        `${d.name} is empty while WAL mTLS is on. Without the ${WHAT[d.name]} the WAL gRPC service cannot start. Give the path of the file.`,
      pathsMissing: (d: { missing: string[]; ca: boolean }) =>
        `WAL mTLS is on, but ${d.missing.length === 1 ? `${d.missing[0]} is` : `${d.missing.length} of its paths are`} not set. ${d.missing.length === 1 ? 'Without it' : `Without ${andList(d.missing)}`}, the WAL gRPC service cannot start with TLS. Add the certificate, key${d.ca ? ' and CA' : ''} paths.`,
    },
  },
  check(ctx) {
    const mtls = entryOf(ctx, WAL_MTLS);
    if (!mtls || !flagOn(WAL_MTLS, valueOf(ctx, mtls))) return;
    const clientCerts = !clientCertsOff(valueNamed(ctx, WAL_CLIENT_CERT));
    const missing: string[] = [];
    for (const [name] of clientCerts ? PATHS : PATHS.slice(0, 2)) {
      const e = entryOf(ctx, name);
      if (!e) missing.push(name);
      else if (isBlank(valueOf(ctx, e))) ctx.report({ messageId: 'pathEmpty', data: { name }, span: e.keySpan });
    }
    if (missing.length) ctx.report({ messageId: 'pathsMissing', data: { missing, ca: clientCerts }, span: mtls.keySpan });
  },
});
