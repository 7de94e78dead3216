import type { AwsClients } from '../aws/clients.js';
import { readCapacityProviders } from '../kinds/capacity-provider/read.js';
import type { DetailCache } from '../kinds/detail-cache.js';
import { publishModeOf } from '../kinds/function/compare.js';
import { readFunctions, type DetailNeeds } from '../kinds/function/read.js';
import type { FunctionDetails, LiveState } from '../kinds/live-state.js';
import type { Logger } from '../logging/logger.js';
import type { DesiredState } from '../manifests/types.js';

/** Caches a long-running controller keeps between passes; one-shot commands pass none. */
export interface LiveCaches {
  providerTags: DetailCache<Record<string, string>>;
  functionDetails: DetailCache<FunctionDetails>;
}

/**
 * Reads the live state the desired state needs: every provider and function through the bulk
 * lists, per-resource details only as far as each declared function asks for them. Providers and
 * functions are read side by side, since they spend different quota pools.
 * Throws TerminalError or RetryableError.
 */
export async function readLiveState(
  clients: AwsClients,
  desired: DesiredState,
  options: { logger: Logger; caches?: LiveCaches },
): Promise<LiveState> {
  const needs = detailNeeds(desired);
  const [capacityProviders, functions] = await Promise.all([
    readCapacityProviders(clients, {
      logger: options.logger,
      ...(options.caches ? { tagCache: options.caches.providerTags } : {}),
    }),
    readFunctions(clients, {
      logger: options.logger,
      needs: (name) => needs.get(name),
      ...(options.caches ? { detailCache: options.caches.functionDetails } : {}),
    }),
  ]);
  return { capacityProviders, functions };
}

/** What each declared function needs read beyond ListFunctions, by name. */
export function detailNeeds(desired: DesiredState): Map<string, DetailNeeds> {
  const needs = new Map<string, DetailNeeds>();
  for (const manifest of desired.functions) {
    needs.set(manifest.metadata.name, {
      publish: publishModeOf(manifest),
      aliases: manifest.spec.aliases !== undefined,
      scaling: manifest.spec.scalingConfig !== undefined,
      versions: manifest.spec.versionRetention !== undefined,
    });
  }
  return needs;
}
