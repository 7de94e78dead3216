export { loadManifests, type LoadOptions, type LoadResult } from './load-manifests.js';
export { formatProblem } from './problems.js';
export type {
  AnyManifest,
  CapacityProviderManifest,
  CapacityProviderSpec,
  DesiredState,
  FunctionManifest,
  FunctionSpec,
  GuardrailManifest,
  GuardrailSpec,
  KindName,
  ManifestObject,
  ManifestProblem,
  ManifestSource,
  ObjectAnnotations,
  SourceLocation,
} from './types.js';
