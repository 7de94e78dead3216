import { ListTagsCommand, paginateListCapacityProviders } from '@aws-sdk/client-lambda';
import type { AwsClients } from '../../aws/clients.js';
import { withRetry } from '../../aws/retry.js';
import type { Logger } from '../../logging/logger.js';
import type { DetailCache } from '../detail-cache.js';
import type { LiveCapacityProvider } from '../live-state.js';

/** Options for reading capacity providers. */
export interface ReadProvidersOptions {
  logger: Logger;
  /** Tags from earlier passes, keyed by ARN; absent in one-shot commands. */
  tagCache?: DetailCache<Record<string, string>>;
}

/**
 * Reads every capacity provider in the region: one paged list (50 a page, whole configurations),
 * then tags per provider, because AWS does not return tags with the provider. Tags come from the
 * cache while the provider's LastModified is unchanged. Throws TerminalError or RetryableError.
 */
export async function readCapacityProviders(
  clients: AwsClients,
  options: ReadProvidersOptions,
): Promise<Map<string, LiveCapacityProvider>> {
  const providers = new Map<string, LiveCapacityProvider>();
  const listed = await withRetry(
    'list capacity providers',
    async () => {
      const all = [];
      const pages = paginateListCapacityProviders({ client: clients.lambda }, { MaxItems: 50 });
      for await (const page of pages) all.push(...(page.CapacityProviders ?? []));
      return all;
    },
    { logger: options.logger },
  );

  for (const config of listed) {
    const arn = config.CapacityProviderArn;
    if (!arn) continue;
    const name = arn.slice(arn.lastIndexOf(':') + 1);
    const tags = await readTags(clients, arn, config.LastModified, options);
    providers.set(name, { name, arn, config, tags });
  }
  options.tagCache?.retainOnly([...providers.values()].map((p) => p.arn));
  return providers;
}

async function readTags(
  clients: AwsClients,
  arn: string,
  version: string | undefined,
  options: ReadProvidersOptions,
): Promise<Record<string, string>> {
  const cached = options.tagCache?.get(arn, version);
  if (cached) return cached;
  const response = await withRetry(
    `list tags of ${arn}`,
    () => clients.lambda.send(new ListTagsCommand({ Resource: arn })),
    { logger: options.logger },
  );
  const tags = response.Tags ?? {};
  options.tagCache?.set(arn, version, tags);
  return tags;
}
