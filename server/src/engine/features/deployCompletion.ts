// Completion in deployment files: `THEMIS_*` names from the env catalog and the values
// a variable accepts, in compose `environment:` (list and map), Kubernetes/Helm `env:`
// items and systemd `Environment=` lines (deployEnvAt.ts finds which).
import { SourceFile } from '../sourceFile';
import { CompletionEntry, pad, STATUS_ORDER } from './completionEntry';
import { envValueCandidates } from './completionEnv';
import { DeployEnvAt, deployEnvAt } from './deployEnvAt';
import { envCatalogNames, envVarInfo, envVarMarkdown } from './docs';

// YAML reads these as numbers, booleans or null; compose and Kubernetes want strings
const NOT_A_YAML_STRING =
  /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.inf|\.nan|0x[\da-f]+|0o[0-7]+)|true|false|yes|no|on|off|null|~)$/i;

function nameSuffix(at: DeployEnvAt, file: SourceFile): string {
  const after = file.text.slice(at.nameSpan.end, at.nameSpan.end + 2);
  if (at.form === 'compose-map') return after.startsWith(':') ? '' : ': ';
  if (at.form === 'compose-list' || at.form === 'systemd') return after.startsWith('=') ? '' : '=';
  return '';
}

function valueText(at: DeployEnvAt, value: string): string {
  const yamlValue = at.form === 'compose-map' || at.form === 'k8s-value';
  return yamlValue && !at.quoted && NOT_A_YAML_STRING.test(value) ? `"${value}"` : value;
}

/** Completion items at an offset of a deployment file (empty outside an environment entry). */
export function deployCompletion(file: SourceFile, offset: number, systemdFile: boolean): CompletionEntry[] {
  const at = deployEnvAt(file, offset, systemdFile);
  if (!at) return [];
  if (at.part === 'name') {
    const suffix = nameSuffix(at, file);
    return envCatalogNames()
      .filter((n) => n.startsWith('THEMIS_'))
      .map((name) => {
        const info = envVarInfo(name)!;
        return {
          label: name,
          kind: 'variable' as const,
          detail: info.status === 'code' ? info.type : `${info.type ?? 'variable'} · not read by the server (${info.status})`,
          documentation: envVarMarkdown(name, info),
          insertText: name + suffix,
          span: at.nameSpan,
          sortText: `${STATUS_ORDER[info.status] ?? 5}${name}`,
          filterText: name,
          retrigger: suffix !== '' && envValueCandidates(info).length > 0,
        };
      });
  }
  const info = envVarInfo(at.name);
  if (!info || !at.valueSpan) return [];
  return envValueCandidates(info).map((c, i) => ({
    label: c.value,
    kind: 'value' as const,
    detail: c.notes.join(', ') || undefined,
    documentation: c.doc,
    insertText: valueText(at, c.value),
    span: at.valueSpan!,
    sortText: pad(c.recommended ? 0 : 10 + i),
    filterText: c.value,
    preselect: c.recommended || undefined,
  }));
}
