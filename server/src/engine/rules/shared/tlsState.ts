// Whether TLS is on for a document's listeners, in every ThemisDB dialect of the
// switch (TLS reads it to judge the switch, NET to judge a listener bound to every interface).
import { asBool, DocView, YamlRef } from '../../documents/yamlModel';
import { ValueReader } from './values';

export type DialectName = 'network' | 'server' | 'edition' | 'securityYaml' | 'grpc';

export interface Dialect {
  name: DialectName;
  /** Path of the mapping that holds the switch, cert and key. */
  block: string[];
  switchKey: string;
  cert: string;
  key: string;
  /** Other names accepted for the certificate / key path. */
  certNames: string[];
  keyNames: string[];
  certPlaceholder: string;
  keyPlaceholder: string;
}

const FILE_CERT = ['cert_file', 'cert_path', 'certificate', 'certificate_file', 'cert'];
const FILE_KEY = ['key_file', 'key_path', 'private_key_file', 'private_key_path', 'key'];
const SERVER_CRT = '/etc/themisdb/tls/server.crt';
const SERVER_KEY = '/etc/themisdb/tls/server.key';

/** Where a dialect keeps its switch and its certificate and key paths (`block` for a gRPC tls block). */
export function dialect(name: DialectName, block: string[] = []): Dialect {
  const file = { switchKey: 'enabled', cert: 'cert_file', key: 'key_file', certNames: FILE_CERT, keyNames: FILE_KEY };
  switch (name) {
    case 'network':
      return { name, block: ['network', 'tls'], ...file, certPlaceholder: SERVER_CRT, keyPlaceholder: SERVER_KEY };
    case 'server':
      return {
        name,
        block: ['server'],
        switchKey: 'enable_tls',
        cert: 'tls_cert_path',
        key: 'tls_key_path',
        certNames: ['tls_cert_path', 'tls_cert_file', 'tls_cert'],
        keyNames: ['tls_key_path', 'tls_key_file', 'tls_key'],
        certPlaceholder: SERVER_CRT,
        keyPlaceholder: SERVER_KEY,
      };
    case 'edition':
      return {
        name,
        block: ['security'],
        switchKey: 'enable_tls',
        cert: 'tls_cert',
        key: 'tls_key',
        certNames: ['tls_cert', 'tls_cert_path', 'tls_cert_file'],
        keyNames: ['tls_key', 'tls_key_path', 'tls_key_file'],
        certPlaceholder: '/etc/themisdb/tls/cert.pem',
        keyPlaceholder: '/etc/themisdb/tls/key.pem',
      };
    case 'securityYaml':
      return { name, block: ['tls'], ...file, certPlaceholder: SERVER_CRT, keyPlaceholder: SERVER_KEY };
    case 'grpc':
      return {
        name,
        block,
        ...file,
        certPlaceholder: '/etc/themisdb/tls/grpc-server.crt',
        keyPlaceholder: '/etc/themisdb/tls/grpc-server.key',
      };
  }
}

/** The main (non-gRPC) TLS switches of a document: seed, core, edition and security.yaml dialects. */
const MAIN_DIALECTS: DialectName[] = ['network', 'server', 'edition', 'securityYaml'];

export interface Switch {
  dialect: Dialect;
  ref: YamlRef;
  /** true / false as the server reads it; undefined when not a boolean (an unresolved `${VAR}`…). */
  on: boolean | undefined;
}

/** The main TLS switches a document writes, one per dialect. */
export function mainSwitches(ctx: ValueReader, doc: DocView): Switch[] {
  const out: Switch[] = [];
  for (const n of MAIN_DIALECTS) {
    const d = dialect(n);
    const ref = doc.get([...d.block, d.switchKey]);
    if (ref && ref.keySpan) out.push({ dialect: d, ref, on: asBool(ctx.resolved(ref)) });
  }
  return out;
}

/**
 * Whether TLS is off for the main listener of a document. A switch that is true or
 * not a readable boolean counts as on; only explicit false or no switch at all count as off.
 */
export function mainTlsOff(ctx: ValueReader, doc: DocView, listenerPath: string[] = []): boolean {
  const switches = mainSwitches(ctx, doc);
  // a listener's own dialect decides when it has a switch: server.host <-> server.enable_tls, network.* <-> network.tls.enabled
  const own = switches.find(
    (s) => s.dialect.block[0] === listenerPath[0] && (s.dialect.name === 'server' || s.dialect.name === 'network'),
  );
  if (own) return own.on === false;
  return switches.every((s) => s.on === false);
}

/** Whether the gRPC block at `grpcPath` has TLS off (no `tls.enabled`, or false). */
export function grpcTlsOff(ctx: ValueReader, doc: DocView, grpcPath: string[]): boolean {
  const ref = doc.get([...grpcPath, 'tls', 'enabled']);
  if (!ref) return true;
  return asBool(ctx.resolved(ref)) === false;
}
