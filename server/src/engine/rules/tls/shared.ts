// Helpers of the TLS family: listeners, gRPC tls blocks, and the certificate/key gaps of a dialect.
import { DocView, isMapRef, YamlRef } from '../../documents/yamlModel';
import { insertUnder, setValue } from '../../fixes/yamlEdits';
import { TextEdit } from '../../types';
import { dotted, lastKey, parentKey } from '../query';
import { RuleContext } from '../rule';
import { Dialect } from '../shared/tlsState';
import { isEmptyValue, ValueReader } from '../shared/values';

const isGrpcTls = (r: YamlRef): boolean => !!r.keySpan && lastKey(r) === 'tls' && parentKey(r) === 'grpc' && isMapRef(r);

/** Every `…grpc.tls` block of a document (root `grpc`, `network.grpc`, `protocols.grpc`). */
export function grpcTlsBlocks(doc: DocView): YamlRef[] {
  return doc.where(isGrpcTls);
}

const LISTEN_KEYS = /^(?:host|port|listen|listen_address|listen_addr|bind|bind_address|bind_addr|bind_host)$/;

const isNetworkListener = (r: YamlRef): boolean =>
  !!r.keySpan && r.path[0] === 'network' && r.path[1] !== 'tls' && r.path.length > 1 && LISTEN_KEYS.test(lastKey(r));

/** A listener setting in the guide's `network` section (outside its tls block). */
export function networkListener(doc: DocView): YamlRef | undefined {
  return doc.where(isNetworkListener)[0];
}

/** What makes this document configure a network listener (for messages), or undefined. */
export function mainListener(doc: DocView): string | undefined {
  for (const k of ['host', 'port']) if (doc.get(['server', k])?.keySpan) return `server.${k}`;
  const inNetwork = networkListener(doc);
  if (inNetwork) return dotted(inNetwork);
  if (isMapRef(doc.get(['security'])) && (doc.has(['server']) || doc.has(['network'])))
    return doc.has(['server']) ? 'server' : 'network';
  return undefined;
}

/** An edition file or a file written like one (`security.enable_*`, `security.tls_*`). */
export function isEditionLike(doc: DocView): boolean {
  if (doc.has(['edition'])) return true;
  return doc.children(['security']).some((r) => /^(?:enable_|tls_)/.test(lastKey(r)));
}

/** A cert/key entry of a dialect's block that is absent or empty, with what to do about it. */
export interface CertGap {
  name: 'certificate' | 'private key';
  /** The entry when it exists but is empty. */
  ref?: YamlRef;
  key: string;
  placeholder: string;
}

export function certGaps(ctx: ValueReader, doc: DocView, d: Dialect): CertGap[] {
  const gaps: CertGap[] = [];
  const pick = (names: string[]) => names.map((n) => doc.get([...d.block, n])).filter((r): r is YamlRef => !!r && !!r.keySpan);
  const check = (names: string[], name: CertGap['name'], key: string, placeholder: string) => {
    const found = pick(names);
    if (found.some((r) => !isEmptyValue(ctx, r))) return;
    gaps.push({ name, ref: found[0], key: found[0] ? lastKey(found[0]) : key, placeholder });
  };
  check(d.certNames, 'certificate', d.cert, d.certPlaceholder);
  check(d.keyNames, 'private key', d.key, d.keyPlaceholder);
  return gaps;
}

/** Edits that fill the gaps: placeholders for empty values, new lines for missing keys (undefined where one cannot be made). */
export function fillGaps(
  ctx: Pick<RuleContext, 'file'>,
  doc: DocView,
  d: Dialect,
  gaps: CertGap[],
  extraLines: string[] = [],
): (TextEdit | undefined)[] {
  const edits: (TextEdit | undefined)[] = [];
  const lines = [...extraLines];
  for (const g of gaps) {
    if (g.ref) edits.push(setValue(ctx.file, g.ref, g.placeholder));
    else lines.push(`${g.key}: ${JSON.stringify(g.placeholder)}`);
  }
  if (lines.length) edits.push(insertUnder(ctx.file, d.block, lines, doc.index));
  return edits;
}
