// The deployment model (DESIGN "Deployments"): the services that run ThemisDB and the
// environment each one really gets, every value with the file and span that set it.
import { Span } from '../types';

export type DeployKind = 'compose' | 'kubernetes' | 'helm' | 'systemd';

/** What a deployment file is, by name and content. `systemd-dropin` is a `*.service.d/*.conf`. */
export type DeployFileKind = DeployKind | 'systemd-dropin';

/** A place in a file: offsets into that file's text. */
export interface SourceRef {
  file: string;
  span: Span;
}

/** How a value reached the service. */
export type EnvOrigin =
  | 'compose-environment'
  | 'compose-env-file'
  | 'k8s-env'
  | 'k8s-envFrom'
  | 'k8s-secretKeyRef'
  | 'k8s-configMapKeyRef'
  | 'helm-env'
  | 'systemd-environment'
  | 'systemd-environment-file';

export interface EnvValue {
  name: string;
  /** What the process gets; undefined when the workspace cannot tell (shell variable, fieldRef, object not here). */
  value: string | undefined;
  /** The file and span that set the value (for an env_file entry: in the env file; for a secretKeyRef: the Secret's entry). */
  file: string;
  span: Span;
  /** The span of the variable's name in `file`, when it has one there. */
  keySpan?: Span;
  origin: EnvOrigin;
  /** The line of the deployment file that brought the value in (env_file, envFrom, secretKeyRef, EnvironmentFile=). */
  via?: SourceRef;
  /** `${VAR}` references of a compose value and where their values came from (the project's .env). */
  interpolated?: { name: string; ref?: SourceRef }[];
  /** Secret by the catalog or by name, or read from a Kubernetes Secret: show only masked. */
  secret: boolean;
  /** Read from a Kubernetes Secret (base64 `data` decoded in memory): never shown. */
  fromSecretObject?: boolean;
  /** Read from a template env file (`*.example`) that stands in for the real one. */
  fromTemplate?: boolean;
  /** Why the value is unknown or how it was found (never contains the value). */
  note?: string;
  /** Values of the same variable that this one wins over, earliest first. */
  overrides: EnvValue[];
}

/** A file or object a service loads variables from. */
export interface EnvSource {
  kind: 'env_file' | 'EnvironmentFile' | 'envFrom' | 'secretKeyRef' | 'configMapKeyRef';
  /** As written: a path, or `Secret/name`, `ConfigMap/name`. */
  name: string;
  /** Where it is named in the deployment file. */
  ref: SourceRef;
  /** The workspace file it resolved to (an env file, or the manifest holding the object). */
  resolved?: string;
  /** Compose `required: false`, systemd `-path`, Kubernetes `optional: true`. */
  optional: boolean;
  /** Resolved to a template (`themisdb.env.example` for `/etc/themisdb/themisdb.env`) or by file name only. */
  resolvedBy?: 'path' | 'name' | 'template' | 'object';
  /** Named nowhere: the unit file is missing, and `<unit>.env` beside its drop-ins stands in as its EnvironmentFile. */
  assumed?: boolean;
}

/** A ThemisDB config held inside a deployment file (a ConfigMap entry, a Helm `config: |` value). */
export interface EmbeddedConfig {
  /** `ConfigMap/name` or the Helm values path. */
  owner: string;
  /** The entry's key (`config.yaml`). */
  key: string;
  /** The manifest that holds it. */
  file: string;
  /** The config text as YAML reads the value (block indentation removed). */
  text: string;
  /** Offset in the manifest where the text starts. */
  offset: number;
  /** Offset in the manifest of each line of `text` (use embeddedOffset to map any offset). */
  lineOffsets: number[];
  /** The entry's key in the manifest. */
  keySpan: Span;
}

export interface Service {
  kind: DeployKind;
  /** Compose service name, `Deployment/name/container`, Helm values file, systemd unit name. */
  name: string;
  /** The file that defines it (for systemd without the unit in the workspace: the first drop-in). */
  file: string;
  /** The definition: the service key, the container's `name`, the unit's `[Service]` header. */
  span: Span;
  /** Every file the service is defined in (the unit and its drop-ins, a compose override). */
  files: string[];
  /** YAML document and path of the definition, for rules that look at more than the environment. */
  docIndex?: number;
  yamlPath?: string[];
  image?: string;
  /** It runs ThemisDB (image, command or name says themis, or it sets THEMIS_* variables). */
  themis: boolean;
  /** Why it counts as ThemisDB's (`image themisdb:community`), for explanations. */
  themisReason?: string;
  /** The effective environment, by variable name. */
  env: Map<string, EnvValue>;
  /** Files and objects it loads variables from, in the tool's order. */
  sources: EnvSource[];
  /** ThemisDB configs it reads that the workspace holds (mounted ConfigMap entry, Helm config value). */
  configs: EmbeddedConfig[];
  /** Config files of the workspace it mounts or names (compose bind mount, systemd `--config`). */
  configFiles: string[];
  /** More than one instance (replicas, a DaemonSet, autoscaling): WAL replication between them matters. */
  instances?: { count?: number; reason: string };
  /** Notes on what the model could not follow (Helm templating, unknown shell variables). */
  notes: string[];
  /**
   * Env files or objects it loads were not read: the model had read MAX_READ_VALUES values
   * (env.ts). Its environment lacks what they set, so nothing judges it (themisServices).
   */
  unread?: boolean;
}

/** A deployment file the model read. */
export interface DeployFile {
  path: string;
  kind: DeployFileKind;
  /** A ThemisDB service is in it, or a service of ThemisDB loads from it (a Secret, ConfigMap or env file). */
  themis: boolean;
}

export interface DeploymentModel {
  files: DeployFile[];
  services: Service[];
  /** ThemisDB configs held in ConfigMaps and Helm values, whether or not a service mounts them. */
  configs: EmbeddedConfig[];
}
