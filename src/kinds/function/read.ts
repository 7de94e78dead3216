import {
  GetFunctionCommand,
  GetFunctionScalingConfigCommand,
  paginateListAliases,
  paginateListFunctions,
  paginateListVersionsByFunction,
  type AliasConfiguration,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import type { AwsClients } from '../../aws/clients.js';
import { errorClassOf } from '../../aws/errors.js';
import { withRetry } from '../../aws/retry.js';
import type { Logger } from '../../logging/logger.js';
import type { DetailCache } from '../detail-cache.js';
import type { FunctionDetails, LiveFunction } from '../live-state.js';

/** The qualifier of the moving published version of an LMI function. */
export const LATEST_PUBLISHED = '$LATEST.PUBLISHED';

/** Which per-function reads a declared function needs; undeclared ones need only their tags. */
export interface DetailNeeds {
  publish: 'LatestPublished' | 'Versions' | 'None';
  aliases: boolean;
  scaling: boolean;
  versions: boolean;
}

/** Options for reading functions. */
export interface ReadFunctionsOptions {
  logger: Logger;
  /** What each declared function needs read; undefined for names no manifest declares. */
  needs(name: string): DetailNeeds | undefined;
  /** Details from earlier passes, keyed by ARN; absent in one-shot commands. */
  detailCache?: DetailCache<FunctionDetails>;
}

/**
 * Reads every function's `$LATEST` through the paged ListFunctions (50 whole configurations a
 * call), then per-function details only as far as each needs them, from the cache while the
 * function's RevisionId is unchanged. Throws TerminalError or RetryableError.
 */
export async function readFunctions(
  clients: AwsClients,
  options: ReadFunctionsOptions,
): Promise<Map<string, LiveFunction>> {
  const listed = await withRetry(
    'list functions',
    async () => {
      const all: FunctionConfiguration[] = [];
      const pages = paginateListFunctions({ client: clients.lambda }, { MaxItems: 50 });
      for await (const page of pages) all.push(...(page.Functions ?? []));
      return all;
    },
    { logger: options.logger },
  );

  const functions = new Map<string, LiveFunction>();
  for (const latest of listed) {
    const name = latest.FunctionName;
    const arn = latest.FunctionArn;
    if (!name || !arn) continue;
    const needs = options.needs(name);
    const key = `${arn}|${needsKey(needs)}`;
    let details = options.detailCache?.get(key, latest.RevisionId);
    if (!details) {
      details = await readDetails(clients, latest, needs, options.logger);
      options.detailCache?.set(key, latest.RevisionId, details);
    }
    functions.set(name, { name, arn, latest, details });
  }
  return functions;
}

function needsKey(needs: DetailNeeds | undefined): string {
  if (!needs) return 'tags';
  return [needs.publish, needs.aliases, needs.scaling, needs.versions].join(',');
}

async function readDetails(
  clients: AwsClients,
  latest: FunctionConfiguration,
  needs: DetailNeeds | undefined,
  logger: Logger,
): Promise<FunctionDetails> {
  const name = latest.FunctionName ?? '';
  const retry = { logger };

  // GetFunction carries the tags and spends its own 100/s pool, not the shared 15/s of ListTags.
  const got = await withRetry(
    `get function ${name}`,
    () => clients.lambda.send(new GetFunctionCommand({ FunctionName: name })),
    retry,
  );
  const details: FunctionDetails = {
    tags: got.Tags ?? {},
    revisionId: latest.RevisionId,
    readAt: Date.now(),
  };
  if (!needs) return details;

  // The published state decides whether a publish is due; LatestPublished keeps one moving version.
  if (needs.publish === 'LatestPublished') {
    const published = await getQualified(clients, name, LATEST_PUBLISHED, logger);
    if (published) details.published = published;
  }

  // Numbered versions: the newest is the published state in Versions mode; the rest may be pruned.
  if (needs.versions || needs.publish === 'Versions') {
    const versions = await listVersions(clients, name, logger);
    details.versions = versions.map((v) => v.Version ?? '');
    const newest = versions.at(-1);
    if (needs.publish === 'Versions' && newest) details.published = newest;
  }

  // Aliases are not part of any list of functions; only functions that declare some need them.
  if (needs.aliases) details.aliases = await listAliases(clients, name, logger);

  // Scaling lives on the published version; there is none to read before the first publish.
  if (needs.scaling && details.published?.Version) {
    const scaling = await readScaling(clients, name, details.published.Version, logger);
    if (scaling) details.scaling = scaling;
  }
  return details;
}

async function getQualified(
  clients: AwsClients,
  name: string,
  qualifier: string,
  logger: Logger,
): Promise<FunctionConfiguration | undefined> {
  try {
    const got = await withRetry(
      `get function ${name}:${qualifier}`,
      () =>
        clients.lambda.send(new GetFunctionCommand({ FunctionName: name, Qualifier: qualifier })),
      { logger },
    );
    return got.Configuration;
  } catch (error) {
    if (errorClassOf(error) === 'not-found') return undefined;
    throw error;
  }
}

async function listVersions(
  clients: AwsClients,
  name: string,
  logger: Logger,
): Promise<FunctionConfiguration[]> {
  return withRetry(
    `list versions of ${name}`,
    async () => {
      const all: FunctionConfiguration[] = [];
      const pages = paginateListVersionsByFunction(
        { client: clients.lambda },
        { FunctionName: name, MaxItems: 50 },
      );
      for await (const page of pages) all.push(...(page.Versions ?? []));
      return all
        .filter((v) => /^\d+$/.test(v.Version ?? ''))
        .sort((a, b) => Number(a.Version) - Number(b.Version));
    },
    { logger },
  );
}

async function listAliases(
  clients: AwsClients,
  name: string,
  logger: Logger,
): Promise<AliasConfiguration[]> {
  return withRetry(
    `list aliases of ${name}`,
    async () => {
      const all: AliasConfiguration[] = [];
      const pages = paginateListAliases({ client: clients.lambda }, { FunctionName: name });
      for await (const page of pages) all.push(...(page.Aliases ?? []));
      return all;
    },
    { logger },
  );
}

async function readScaling(
  clients: AwsClients,
  name: string,
  qualifier: string,
  logger: Logger,
): Promise<FunctionDetails['scaling']> {
  const response = await withRetry(
    `get scaling config of ${name}:${qualifier}`,
    () =>
      clients.lambda.send(
        new GetFunctionScalingConfigCommand({ FunctionName: name, Qualifier: qualifier }),
      ),
    { logger },
  );
  const requested = response.RequestedFunctionScalingConfig;
  if (!requested) return undefined;
  const scaling: NonNullable<FunctionDetails['scaling']> = {};
  if (requested.MinExecutionEnvironments !== undefined) {
    scaling.minExecutionEnvironments = requested.MinExecutionEnvironments;
  }
  if (requested.MaxExecutionEnvironments !== undefined) {
    scaling.maxExecutionEnvironments = requested.MaxExecutionEnvironments;
  }
  return scaling;
}
