// Which family a file belongs to, from its name, a modeline or its content
// (DESIGN "Which files"). A file that is not ThemisDB's gets no findings at all.
import * as path from 'path';
import { YamlModel } from './documents/yamlModel';
import { FileKind } from './types';

const ENV_TEMPLATE = /(?:^|[./])(?:env\.)?(?:example|sample|template|dist)$/i;

/**
 * Family by file path alone (undefined: the path says nothing). The one predicate
 * of which files are candidates: the editor and the CLI folder walk both use it,
 * on the full path (edition files are known by their folder).
 */
export function kindFromName(filePath: string): FileKind | undefined {
  const base = path.basename(filePath);
  const lower = base.toLowerCase();
  if (
    lower === '.env' ||
    lower.startsWith('.env.') ||
    lower.endsWith('.env') ||
    /\.env\.(example|sample|template|dist)$/.test(lower)
  )
    return 'env';
  // the server's own fallback (`./config.json`, `config/config.json`)
  if (lower === 'config.json') return 'config';
  if (!/\.ya?ml$/.test(lower)) return undefined;
  if (/^mig(\.[\w.-]+)?\.ya?ml$/.test(lower)) return 'mig';
  if (/^(config|security)(\.[\w.-]+)?\.ya?ml$/.test(lower)) return 'config';
  // `production.config.yaml`, `themisdb-prod.yaml`: ThemisDB's only when the content says so (Workspace.classify)
  if (/\.config\.ya?ml$/.test(lower) || lower.startsWith('themisdb')) return 'config';
  const parts = filePath.split(/[\\/]/);
  if (parts.includes('editions')) return 'config';
  return undefined;
}

/** An env file that is committed as a template: secrets are expected to be empty there. */
export function isEnvTemplate(filePath: string): boolean {
  const base = path.basename(filePath).toLowerCase();
  return ENV_TEMPLATE.test(base);
}

const MODELINE = /^#\s*themisdb:\s*(config|mig|env|deploy|off)\b/m;

/** `# themisdb: config|mig|env|deploy|off` in the first lines of a file. */
export function modeline(text: string): FileKind | 'off' | undefined {
  const head = text.slice(0, 2000);
  const m = MODELINE.exec(head);
  return m ? (m[1] as FileKind | 'off') : undefined;
}

// Keys that only a ThemisDB config has. One of them is enough.
const STRONG_PATHS = [
  'storage.rocksdb_path',
  'storage.encryption',
  'storage.memtable_size_mb',
  'storage.block_cache_size_mb',
  'network.tls',
  'vector_index',
  'hsm',
  'field_encryption',
  'sse',
  'raid',
  'multi_primary',
  'health_monitor',
  'server.enable_tls',
  'server.tls_min_version',
  'server.health_error_service_enabled',
  'server.worker_threads',
  'security.enable_tls',
  'security.tls_min_version',
  'security.enable_hsm',
  'security.hsm',
  'security.gpu',
  'security.key_rotation',
  'security.vram',
  'logging.audit',
  'grpc.tls',
  'training.checkpoint',
  'llm.encryption',
  'edition',
  'acceleration',
  'compliance',
  'audit.log_path',
  'security.audit',
  'gpu.vram',
  'gpu.compute_mode',
  'security.vram_encryption',
];

/** Whether a YAML config looks like ThemisDB's (for a config.yaml with no other hint). */
export function looksLikeThemisConfig(model: YamlModel): boolean {
  const roots = new Set(model.rootKeys);
  if (roots.has('apiVersion') && roots.has('kind')) return false; // a Kubernetes manifest
  if (STRONG_PATHS.some((p) => model.has(p))) return true;
  // security.yaml: tls / hsm blocks at the top
  return roots.has('tls') && (model.has('tls.min_version') || model.has('tls.enabled'));
}

export function looksLikeMig(model: YamlModel): boolean {
  return model.has('mig') && (model.has('mig.instances') || model.has('mig.enabled'));
}

export function envHasThemisVars(names: Iterable<string>): boolean {
  for (const n of names) if (/^THEMIS_/i.test(n)) return true;
  return false;
}
