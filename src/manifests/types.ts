import type {
  CapacityProviderSpec,
  FunctionSpec,
  GuardrailSpec,
} from './generated/manifest-types.js';

export type { CapacityProviderSpec, FunctionSpec, GuardrailSpec };

/** The manifest kinds this controller understands. */
export type KindName = 'CapacityProvider' | 'Function' | 'Guardrail';

/** The only apiVersion accepted today. */
export const API_VERSION = 'lmi/v1alpha1';

/** A place in a manifest file; line and column are 1-based, as editors show them. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Where a manifest object came from, able to point at any node inside it. */
export interface ManifestSource {
  /** The file, as given or found (relative to the working directory when it was given so). */
  file: string;
  /** The folder relative paths in the spec (such as `code.zipFile`) are resolved against. */
  baseDir: string;
  /** The location of the document's root mapping. */
  location: SourceLocation;
  /**
   * The location of the node at `path` inside the document (for example `['spec', 'memorySize']`),
   * or of its nearest existing ancestor.
   */
  locate(path: readonly (string | number)[]): SourceLocation;
}

/** Controller behaviour per object, from `metadata.annotations`. */
export interface ObjectAnnotations {
  deletionPolicy: 'Delete' | 'Retain';
  adopt: boolean;
  suspend: boolean;
}

/** One validated document of a manifest file. */
export interface ManifestObject<K extends KindName, S> {
  apiVersion: typeof API_VERSION;
  kind: K;
  metadata: {
    name: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: S;
  /** The annotations parsed into their typed meaning (defaults filled in). */
  behaviour: ObjectAnnotations;
  source: ManifestSource;
}

export type CapacityProviderManifest = ManifestObject<'CapacityProvider', CapacityProviderSpec>;
export type FunctionManifest = ManifestObject<'Function', FunctionSpec>;
export type GuardrailManifest = ManifestObject<'Guardrail', GuardrailSpec>;
export type AnyManifest = CapacityProviderManifest | FunctionManifest | GuardrailManifest;

/** Everything the manifests ask for, validated and cross-checked. */
export interface DesiredState {
  capacityProviders: CapacityProviderManifest[];
  functions: FunctionManifest[];
  guardrails: GuardrailManifest[];
  /** The files read, for status and revision reporting. */
  files: string[];
}

/** A problem in a manifest, pointing at the offending node. */
export interface ManifestProblem {
  location: SourceLocation;
  /** What is wrong and what is allowed, in one lower-case sentence. */
  message: string;
}
