// The deployment model and posture (DESIGN "Deployments"): no editor, LSP or file system imports.
export * from './types';
export { deploymentModel, workspaceModel, themisServices, servicesLoading, servicesIn, deployFileOf } from './model';
export {
  deployFileKind,
  isDeploymentCandidate,
  isComposeName,
  isHelmValuesName,
  saysThemis,
  isServerThemisVar,
} from './recognize';
export { interpolate } from './compose';
export { embeddedOffset, objectEntries, k8sObjects } from './kubernetes';
export type { K8sObject, ObjectEntry } from './kubernetes';
export { unitOf } from './systemd';
export { servicePosture, deploymentPosture, displayValue, multiNodeReason, CONTROL_LABELS } from './posture';
export type { Verdict, ControlId, PostureControl, PostureSource, ServicePosture } from './posture';
