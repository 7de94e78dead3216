import type {
  AliasConfiguration,
  CapacityProvider,
  FunctionConfiguration,
} from '@aws-sdk/client-lambda';

/** A capacity provider as AWS reports it, plus its tags (ListTags on the ARN). */
export interface LiveCapacityProvider {
  name: string;
  arn: string;
  config: CapacityProvider;
  /** Tags; AWS does not return them with the provider, so they come from a ListTags call. */
  tags: Record<string, string>;
}

/**
 * Facts about a function that no bulk list returns. They cost one or more calls per function, so
 * they are read only where needed and may come from an earlier pass (see `readAt`).
 */
export interface FunctionDetails {
  tags: Record<string, string>;
  /** Configuration of `$LATEST.PUBLISHED`; absent when the function was never published so. */
  published?: FunctionConfiguration;
  /** Aliases, when read (the manifest declares some, or the function is owned). */
  aliases?: AliasConfiguration[];
  /** Scaling of `$LATEST.PUBLISHED`, when read. */
  scaling?: { minExecutionEnvironments?: number; maxExecutionEnvironments?: number };
  /** Numbered versions, oldest first, when read. */
  versions?: string[];
  /** `$LATEST` RevisionId these details were read against; a different one means re-read. */
  revisionId: string | undefined;
  /** Epoch milliseconds of the read. */
  readAt: number;
}

/** A function as AWS reports it: `$LATEST` from ListFunctions, details from per-resource reads. */
export interface LiveFunction {
  name: string;
  arn: string;
  latest: FunctionConfiguration;
  details: FunctionDetails;
}

/** Everything read from AWS in one pass, keyed by resource name. */
export interface LiveState {
  capacityProviders: Map<string, LiveCapacityProvider>;
  functions: Map<string, LiveFunction>;
}

/** The tag that marks a resource as owned by a controller: `lmi:managed-by=<controller id>`. */
export const OWNER_TAG = 'lmi:managed-by';
