// The posture of a ThemisDB service: each control of DESIGN "Deployments" with its
// effective value (secrets masked), the line that sets it (or the catalog default) and
// a verdict. Read from the deployment model only; the ENV rules judge the same values.
import * as path from 'path';
import { asBool, DocView, YamlModel } from '../documents/yamlModel';
import { varInfo } from '../envCatalog';
import { insteadOf } from '../schema/readership';
import { schemaFor } from '../schema/schemaIndex';
import { maskSecret } from '../mask';
import { looksSecret } from '../secretValue';
import { isPlaceholderOrWeakWord, isTooRegular, knownCredential, urlPassword } from '../secrets';
import { unreadServicesText } from '../limits';
import { Span } from '../types';
import { Workspace } from '../workspace/workspace';
import { embeddedOffset } from './kubernetes';
import { themisServices } from './model';
import { DeploymentModel, EnvValue, Service } from './types';

export type Verdict = 'ok' | 'risk' | 'unknown';

export type ControlId =
  | 'production-mode'
  | 'admin-token'
  | 'key-management'
  | 'tls'
  | 'wal-mtls'
  | 'pii-strict'
  | 'auto-download'
  | 'debug-switches'
  | 'audit-sink';

export interface PostureSource {
  file: string;
  /** 1-based. */
  line: number;
  span: Span;
}

export interface PostureControl {
  id: ControlId;
  label: string;
  /** The variable (or config key) the verdict rests on. */
  variable?: string;
  /** What the server runs with, secrets masked. */
  value: string;
  /** The line that sets it, or 'default' when nothing does. */
  source: PostureSource | 'default';
  verdict: Verdict;
  /** Why, in a few words (never a secret). */
  note?: string;
}

export interface ServicePosture {
  service: Service;
  controls: PostureControl[];
}

export const CONTROL_LABELS: Record<ControlId, string> = {
  'production-mode': 'production mode',
  'admin-token': 'admin token',
  'key-management': 'key management',
  tls: 'TLS',
  'wal-mtls': 'WAL mTLS',
  'pii-strict': 'PII strict',
  'auto-download': 'auto-download',
  'debug-switches': 'debug switches',
  'audit-sink': 'audit sink',
};

/** A value as any output may show it: secrets, Secret objects and credential formats masked. */
export function displayValue(v: EnvValue): string {
  if (v.value === undefined) return 'unknown';
  if (v.secret || v.fromSecretObject || knownCredential(v.value) || (!urlPassword(v.value) && looksSecret(v.value)))
    return maskSecret(v.value);
  const pw = urlPassword(v.value);
  const shown = pw ? v.value.slice(0, pw.index) + '***' + v.value.slice(pw.index + pw.password.length) : v.value;
  // quoted only where the bare text would hide something (empty, outer blanks)
  return shown === '' || shown.trim() !== shown ? JSON.stringify(shown) : shown;
}

const PRODUCTION_ENVIRONMENTS = new Set(['production', 'prod']); // include/core/production_mode.h
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function accepted(name: string): string[] {
  return varInfo(name)?.accepted ?? [];
}

function catalogDefault(name: string, fallback: string): string {
  return varInfo(name)?.default ?? fallback;
}

/** The posture of one service. `model` lets WAL mTLS count the ThemisDB services of a compose project. */
export function servicePosture(ws: Workspace, service: Service, model?: DeploymentModel): ServicePosture {
  const env = service.env;
  const get = (n: string) => env.get(n);
  const where = (v: EnvValue | undefined): PostureSource | 'default' => (v ? sourceOf(ws, v.file, v.span) : 'default');
  const row = (
    id: ControlId,
    verdict: Verdict,
    value: string,
    v?: EnvValue,
    note?: string,
    variable = v?.name,
  ): PostureControl => ({
    id,
    label: CONTROL_LABELS[id],
    variable,
    value,
    source: where(v),
    verdict,
    note: note ?? (v?.value === undefined ? v?.note : undefined),
  });
  const isUnknown = (v: EnvValue | undefined) => !!v && v.value === undefined;
  const filled = (v: EnvValue | undefined) => !!v && v.value !== undefined && v.value.trim() !== '';
  const controls: PostureControl[] = [];

  // production mode: THEMIS_PRODUCTION_MODE truthy, or THEMIS_ENVIRONMENT=production
  const pm = get('THEMIS_PRODUCTION_MODE');
  const en = get('THEMIS_ENVIRONMENT');
  if (pm?.value !== undefined && accepted('THEMIS_PRODUCTION_MODE').includes(pm.value))
    controls.push(row('production-mode', 'ok', displayValue(pm), pm));
  else if (en?.value !== undefined && PRODUCTION_ENVIRONMENTS.has(en.value))
    controls.push(row('production-mode', 'ok', displayValue(en), en));
  else if (isUnknown(pm) || isUnknown(en)) controls.push(row('production-mode', 'unknown', 'unknown', isUnknown(pm) ? pm : en));
  else if (pm)
    controls.push(row('production-mode', 'risk', displayValue(pm), pm, 'not a value the server reads as on: development mode'));
  else if (en) controls.push(row('production-mode', 'risk', displayValue(en), en, 'development mode'));
  else
    controls.push(
      row(
        'production-mode',
        'risk',
        `unset (${catalogDefault('THEMIS_ENVIRONMENT', 'development')})`,
        undefined,
        'development mode: stubs and mock keys allowed',
        'THEMIS_PRODUCTION_MODE',
      ),
    );

  // admin token
  const token = get('THEMIS_TOKEN_ADMIN');
  if (!token)
    controls.push(
      row('admin-token', 'risk', 'unset', undefined, 'the admin API accepts callers without a token', 'THEMIS_TOKEN_ADMIN'),
    );
  else if (token.value === undefined) controls.push(row('admin-token', 'unknown', 'unknown', token));
  else if (token.value.trim() === '') controls.push(row('admin-token', 'risk', '""', token, 'empty: the admin API is open'));
  else if (isPlaceholderOrWeakWord(token.value) || token.value.length < 44 || isTooRegular(token.value)) {
    controls.push(row('admin-token', 'risk', displayValue(token), token, 'weak: use 32 random bytes, base64 (44 characters)'));
  } else controls.push(row('admin-token', 'ok', displayValue(token), token));

  // key management: Vault or a real HSM; the HSM stub must not be allowed
  const stub = get('THEMIS_ALLOW_HSM_STUB');
  const vault = get('THEMIS_VAULT_ADDR');
  const hsm = get('THEMIS_HSM_ENABLED');
  if (filled(stub)) controls.push(row('key-management', 'risk', displayValue(stub!), stub, 'the software HSM stub is allowed'));
  else if (hsm?.value === '1') controls.push(row('key-management', 'ok', displayValue(hsm), hsm, 'hardware HSM'));
  else if (filled(vault)) {
    const m = /^(https?):\/\/(\[[^\]]+\]|[^/:]+)/i.exec(vault!.value!.trim());
    const plain = m && m[1].toLowerCase() === 'http' && !LOOPBACK.test(m[2]);
    controls.push(
      row(
        'key-management',
        plain ? 'risk' : 'ok',
        displayValue(vault!),
        vault,
        plain ? 'Vault over plain http' : 'HashiCorp Vault',
      ),
    );
  } else if (isUnknown(vault) || isUnknown(hsm) || isUnknown(stub))
    controls.push(row('key-management', 'unknown', 'unknown', [vault, hsm, stub].find(isUnknown)));
  else if (hsm)
    controls.push(row('key-management', 'risk', displayValue(hsm), hsm, 'the server reads exactly 1: no HSM, no Vault'));
  else
    controls.push(
      row(
        'key-management',
        'risk',
        'none',
        vault,
        'neither THEMIS_VAULT_ADDR nor THEMIS_HSM_ENABLED=1: mock or local keys',
        'THEMIS_VAULT_ADDR',
      ),
    );

  controls.push(apiTls(get('THEMIS_PKI_CERTIFICATE'), get('THEMIS_PKI_PRIVATE_KEY')));

  controls.push(walMtls(service, model, row, get));

  // PII strict: exactly 1
  const pii = get('THEMIS_PII_STRICT');
  if (pii?.value === '1') controls.push(row('pii-strict', 'ok', displayValue(pii), pii));
  else if (isUnknown(pii)) controls.push(row('pii-strict', 'unknown', 'unknown', pii));
  else
    controls.push(
      row(
        'pii-strict',
        'risk',
        pii ? displayValue(pii) : `unset (${catalogDefault('THEMIS_PII_STRICT', '0')})`,
        pii,
        'PII redaction fails open',
        'THEMIS_PII_STRICT',
      ),
    );

  // auto-download of LLM models
  const dl = get('THEMIS_DISABLE_AUTO_DOWNLOAD');
  if (dl?.value !== undefined && accepted('THEMIS_DISABLE_AUTO_DOWNLOAD').includes(dl.value))
    controls.push(row('auto-download', 'ok', displayValue(dl), dl, 'downloads off'));
  else if (isUnknown(dl)) controls.push(row('auto-download', 'unknown', 'unknown', dl));
  else
    controls.push(
      row(
        'auto-download',
        'risk',
        dl ? displayValue(dl) : `unset (${catalogDefault('THEMIS_DISABLE_AUTO_DOWNLOAD', '0')})`,
        dl,
        'models may be fetched at run time',
        'THEMIS_DISABLE_AUTO_DOWNLOAD',
      ),
    );

  // debug switches: set to anything but empty (THEMIS_DEBUG_PKI: only values starting with 1 act)
  const debug = ['THEMIS_DEBUG_ENC_DIR', 'THEMIS_DEBUG_PKI', 'THEMIS_PII_FORCE_INIT_FAIL'].map(get);
  const on = debug.filter((v) => filled(v) && (v!.name !== 'THEMIS_DEBUG_PKI' || v!.value!.trim().startsWith('1')));
  if (on.length)
    controls.push(
      row(
        'debug-switches',
        'risk',
        on.length === 1 ? displayValue(on[0]!) : on.map((v) => `${v!.name}=${displayValue(v!)}`).join(', '),
        on[0],
        'debugging aids must be unset in production',
      ),
    );
  else if (debug.some(isUnknown)) controls.push(row('debug-switches', 'unknown', 'unknown', debug.find(isUnknown)));
  else
    controls.push(
      row(
        'debug-switches',
        'ok',
        debug.some(Boolean) ? 'set empty' : 'none set',
        debug.find(Boolean),
        undefined,
        debug.find(Boolean)?.name,
      ),
    );

  controls.push(auditSink(ws, service));
  return { service, controls };
}

type Row = (id: ControlId, verdict: Verdict, value: string, v?: EnvValue, note?: string, variable?: string) => PostureControl;

/** Why a service runs as several nodes (WAL replication between them), or undefined. */
export function multiNodeReason(service: Service, model?: DeploymentModel): string | undefined {
  if (service.instances) return service.instances.reason;
  // what the deployment itself shows first: the THEMIS_* hints below are read by compose files, not by the server
  if (model && service.kind === 'compose') {
    const peers = model.services.filter((s) => s.themis && s.kind === 'compose' && s.file === service.file);
    if (peers.length > 1) return `${peers.length} ThemisDB services in the compose file`;
  }
  const v = (n: string) => service.env.get(n)?.value?.trim();
  if (Number(v('CLUSTER_SIZE')) > 1) return 'CLUSTER_SIZE';
  if (/^(?:1|true|yes|on)$/i.test(v('THEMIS_ENABLE_SHARDING') ?? '')) return 'THEMIS_ENABLE_SHARDING';
  const shards = v('THEMIS_SHARDS');
  if (shards && (!/^\d+$/.test(shards) || Number(shards) > 1)) return 'THEMIS_SHARDS';
  for (const n of ['THEMIS_BOOTSTRAP_SHARD', 'THEMIS_MIRROR_PEER', 'THEMIS_ROLE']) if (v(n)) return n;
  return undefined;
}

function walMtls(
  service: Service,
  model: DeploymentModel | undefined,
  row: Row,
  get: (n: string) => EnvValue | undefined,
): PostureControl {
  const mtls = get('THEMIS_WAL_GRPC_ENABLE_MTLS');
  const cc = get('THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT');
  const multi = multiNodeReason(service, model);
  if (mtls?.value === undefined && mtls) return row('wal-mtls', 'unknown', 'unknown', mtls);
  const on = !!mtls && accepted('THEMIS_WAL_GRPC_ENABLE_MTLS').includes(mtls.value!.trim());
  if (!on) {
    if (!multi)
      return row(
        'wal-mtls',
        'ok',
        mtls ? displayValue(mtls) : 'off',
        mtls,
        'single node: no WAL replication',
        'THEMIS_WAL_GRPC_ENABLE_MTLS',
      );
    return row(
      'wal-mtls',
      'risk',
      mtls ? displayValue(mtls) : 'off',
      mtls,
      `multi-node (${multi}): WAL replication in plaintext`,
      'THEMIS_WAL_GRPC_ENABLE_MTLS',
    );
  }
  const disabling = varInfo('THEMIS_WAL_GRPC_REQUIRE_CLIENT_CERT')?.disabling ?? ['false', '0', 'no'];
  if (cc?.value !== undefined && disabling.includes(cc.value.trim().toLowerCase())) {
    return row('wal-mtls', 'risk', `${displayValue(mtls!)}, client certificates off`, cc, 'peers are not authenticated');
  }
  const paths = ['THEMIS_WAL_GRPC_CERT_PATH', 'THEMIS_WAL_GRPC_KEY_PATH', 'THEMIS_WAL_GRPC_CA_CERT_PATH'];
  const missing = paths.filter((n) => !get(n) || get(n)!.value?.trim() === '');
  if (missing.length) return row('wal-mtls', 'risk', displayValue(mtls!), mtls, `${missing.join(', ')} missing`);
  return row('wal-mtls', 'ok', displayValue(mtls!), mtls);
}

/**
 * TLS of the API: no variable or key the server reads turns it on (the research found no
 * code that maps one onto the HTTP listener), so it can only come from a proxy or an
 * ingress in front, which the workspace does not show. THEMIS_PKI_CERTIFICATE and
 * THEMIS_PKI_PRIVATE_KEY configure the PKI client that signs audit records: set, they
 * are named, so the row does not read as if they were the answer.
 */
function apiTls(cert: EnvValue | undefined, key: EnvValue | undefined): PostureControl {
  const pki = [cert, key].filter((v) => v !== undefined).map((v) => v.name);
  return {
    id: 'tls',
    label: CONTROL_LABELS.tls,
    value: 'none in the server',
    source: 'default',
    verdict: 'unknown',
    note:
      'the server reads no TLS setting for its API: end TLS in a proxy or ingress in front of it' +
      (pki.length ? `; ${pki.join(' and ')} sign audit records` : ''),
  };
}

const REMOTE_SINKS =
  /^(?:syslog|siem|elasticsearch|opensearch|splunk|remote|s3|kafka|webhook|forward|loki|cloudwatch|datadog|otlp|http|https)$/i;

/** Where ThemisDB's docs configure the audit sink: blocks the server does not read (SCH006 says so of each). */
const AUDIT_BLOCKS = ['logging.audit', 'audit', 'security.audit'];

/**
 * The audit sink, as the ThemisDB configs the service reads write it. The server reads none
 * of the blocks the docs put it in, so nothing written there decides where its audit
 * records go: the verdict is unknown, and the row shows what the config writes and where.
 */
function auditSink(ws: Workspace, service: Service): PostureControl {
  const label = CONTROL_LABELS['audit-sink'];
  const unknown = { id: 'audit-sink' as const, label, verdict: 'unknown' as const };
  const mounted = service.configFiles.flatMap((p) => ws.file(p) ?? []);
  // a mounted config over the size limits is not parsed: what it sets is not known
  const tooLarge = mounted.filter((f) => f.tooLargeToParse);
  const configs: { model: YamlModel; file: string; map: (o: number) => number }[] = [
    ...service.configs.map((c) => ({ model: new YamlModel(c.text), file: c.file, map: (o: number) => embeddedOffset(c, o) })),
    ...mounted.filter((f) => !tooLarge.includes(f)).map((f) => ({ model: f.yaml, file: f.path, map: (o: number) => o })),
  ];
  for (const c of configs) {
    for (const doc of c.model.documents()) {
      const block = AUDIT_BLOCKS.find((p) => doc.has(p));
      if (!block) continue;
      const enabled = doc.get(`${block}.enabled`);
      const span = enabled?.valueSpan ?? doc.get(block)?.keySpan;
      const sinks = sinkTypes(doc, block);
      return {
        ...unknown,
        variable: block,
        value: [enabled ? `enabled: ${String(enabled.value)}` : 'written', ...sinks].join(', '),
        source: span ? sourceOf(ws, c.file, { start: c.map(span.start), end: c.map(span.end) }) : 'default',
        note: `the server does not read ${block}: ${insteadOf(schemaFor('config', c.file) ?? 'config', block.split('.'))}`,
      };
    }
  }
  if (tooLarge.length) {
    return {
      ...unknown,
      value: 'not read',
      source: sourceOf(ws, tooLarge[0].path, { start: 0, end: 0 }),
      note: `${tooLarge.map((f) => path.basename(f.path)).join(', ')}: over the size limits, not read`,
    };
  }
  return {
    ...unknown,
    value: 'none the server reads',
    source: 'default',
    note: `the server reads no audit-sink setting: ${insteadOf('config', ['logging', 'audit'])}`,
  };
}

/** Output types of an audit block: `outputs[].type` and keys that name a sink (`syslog:`). */
function sinkTypes(doc: DocView, block: string): string[] {
  const out: string[] = [];
  for (const key of ['outputs', 'destinations']) {
    for (const item of doc.children(`${block}.${key}`)) {
      const type = doc.get([...item.path, 'type'])?.value ?? item.value;
      if (typeof type === 'string') out.push(/^https?:\/\//i.test(type) ? 'http' : type);
    }
  }
  for (const kid of doc.children(block)) {
    const k = kid.path[kid.path.length - 1];
    if (REMOTE_SINKS.test(k) && asBool(doc.get([...kid.path, 'enabled'])?.value ?? kid.value) !== false) out.push(k);
  }
  return out;
}

function sourceOf(ws: Workspace, file: string, span: Span): PostureSource {
  const f = ws.file(file);
  const line = f ? f.lines.position(span.start).line + 1 : 1;
  return { file, line, span };
}

/** What a posture view says of the services it leaves out (model.unreadServices), or undefined when there are none. */
export function unreadServicesNote(unread: readonly Service[]): string | undefined {
  if (!unread.length) return undefined;
  const { services: who, why } = unreadServicesText(unread.map((s) => s.name));
  return `${who} ${unread.length === 1 ? 'is' : 'are'} not shown: ${why}.`;
}

/** The posture of every ThemisDB service of a model. */
export function deploymentPosture(ws: Workspace, model: DeploymentModel): ServicePosture[] {
  return themisServices(model).map((s) => servicePosture(ws, s, model));
}
