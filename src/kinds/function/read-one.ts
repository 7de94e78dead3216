import {
  GetFunctionCommand,
  paginateListAliases,
  paginateListVersionsByFunction,
  type AliasConfiguration,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { errorClassOf, TerminalError } from '../../aws/errors.js';
import { withRetry } from '../../aws/retry.js';
import type { StepContext } from '../../apply/step-context.js';
import type { FunctionManifest } from '../../manifests/types.js';
import type { FunctionDetails, LiveFunction } from '../live-state.js';
import { publishModeOf } from './compare.js';
import { LATEST_PUBLISHED } from './read.js';

/**
 * Reads one function as the plan would have (configuration, tags, and the published version,
 * versions and aliases its manifest needs compared), for a create that found it already there.
 * Scaling is not read: it is set again, which is harmless. Throws TerminalError or RetryableError.
 */
export async function readOneFunction(
  step: StepContext,
  manifest: FunctionManifest,
): Promise<LiveFunction> {
  const name = manifest.metadata.name;
  const retry = { policy: step.retry, logger: step.logger };
  const got = await withRetry(
    `get function ${name}`,
    () => step.clients.lambda.send(new GetFunctionCommand({ FunctionName: name })),
    retry,
  );
  const latest = got.Configuration;
  if (!latest?.FunctionArn) throw new TerminalError(`function ${name} could not be read`);
  const details: FunctionDetails = {
    tags: got.Tags ?? {},
    revisionId: latest.RevisionId,
    readAt: Date.now(),
  };

  const mode = publishModeOf(manifest);
  if (mode === 'LatestPublished') {
    const published = await getPublished(step, name);
    if (published) details.published = published;
  }
  if (mode === 'Versions' || manifest.spec.versionRetention !== undefined) {
    const versions = await listNumbered(step, name);
    details.versions = versions.map((v) => v.Version ?? '');
    const newest = versions.at(-1);
    if (mode === 'Versions' && newest) details.published = newest;
  }
  if (manifest.spec.aliases) details.aliases = await listAliases(step, name);
  return { name, arn: latest.FunctionArn, latest, details };
}

async function getPublished(
  step: StepContext,
  name: string,
): Promise<FunctionConfiguration | undefined> {
  try {
    const got = await withRetry(
      `get function ${name}:${LATEST_PUBLISHED}`,
      () =>
        step.clients.lambda.send(
          new GetFunctionCommand({ FunctionName: name, Qualifier: LATEST_PUBLISHED }),
        ),
      { policy: step.retry, logger: step.logger },
    );
    return got.Configuration;
  } catch (error) {
    if (errorClassOf(error) === 'not-found') return undefined;
    throw error;
  }
}

async function listNumbered(step: StepContext, name: string): Promise<FunctionConfiguration[]> {
  const all: FunctionConfiguration[] = [];
  const pages = paginateListVersionsByFunction(
    { client: step.clients.lambda },
    { FunctionName: name, MaxItems: 50 },
  );
  for await (const page of pages) all.push(...(page.Versions ?? []));
  return all
    .filter((v) => /^\d+$/.test(v.Version ?? ''))
    .sort((a, b) => Number(a.Version) - Number(b.Version));
}

async function listAliases(step: StepContext, name: string): Promise<AliasConfiguration[]> {
  const all: AliasConfiguration[] = [];
  const pages = paginateListAliases({ client: step.clients.lambda }, { FunctionName: name });
  for await (const page of pages) all.push(...(page.Aliases ?? []));
  return all;
}
