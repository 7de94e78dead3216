import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  PublishVersionCommand,
  PutFunctionScalingConfigCommand,
  UpdateAliasCommand,
  type AliasConfiguration,
} from '@aws-sdk/client-lambda';
import { classifyAwsError, errorClassOf, TerminalError } from '../../aws/errors.js';
import { withRetry } from '../../aws/retry.js';
import type { StepContext } from '../../apply/step-context.js';
import { waitVersionActive } from '../../apply/waits.js';
import type { FunctionManifest } from '../../manifests/types.js';
import type { LiveFunction } from '../live-state.js';
import { prunableVersions, publishModeOf } from './compare.js';
import { LATEST_PUBLISHED } from './read.js';

/**
 * Publishes `$LATEST` as the manifest's publish mode says and waits until the version is Active:
 * LatestPublished moves `$LATEST.PUBLISHED`, Versions makes a numbered version. Returns the
 * qualifier published. Never called for mode None.
 */
export async function publishFunction(
  step: StepContext,
  manifest: FunctionManifest,
): Promise<string> {
  const name = manifest.metadata.name;
  const latest = publishModeOf(manifest) === 'LatestPublished';
  const published = await withRetry(
    `publish function ${name}`,
    () =>
      step.clients.lambda.send(
        new PublishVersionCommand({
          FunctionName: name,
          ...(latest ? { PublishTo: 'LATEST_PUBLISHED' } : {}),
        }),
      ),
    { policy: step.retry, logger: step.logger },
  );
  const qualifier = latest ? LATEST_PUBLISHED : (published.Version ?? LATEST_PUBLISHED);
  await waitVersionActive(step, name, qualifier);
  return qualifier;
}

/** Sets the manifest's scaling config on the published version `qualifier`. */
export async function putScaling(
  step: StepContext,
  manifest: FunctionManifest,
  qualifier: string,
): Promise<void> {
  const scaling = manifest.spec.scalingConfig;
  if (!scaling) return;
  const name = manifest.metadata.name;
  await withRetry(
    `set scaling of ${name}:${qualifier}`,
    () =>
      step.clients.lambda.send(
        new PutFunctionScalingConfigCommand({
          FunctionName: name,
          Qualifier: qualifier,
          FunctionScalingConfig: {
            MinExecutionEnvironments: scaling.minExecutionEnvironments,
            MaxExecutionEnvironments: scaling.maxExecutionEnvironments,
          },
        }),
      ),
    { policy: step.retry, logger: step.logger },
  );
}

/** An alias as it should be: the version it points at and its description. */
export interface WantedAlias {
  name: string;
  functionVersion: string;
  description: string;
}

/**
 * The aliases a manifest wants. `Latest` means `$LATEST.PUBLISHED` in LatestPublished mode and the
 * newest numbered version otherwise (`newest`, or `$LATEST` before the first publish).
 */
export function wantedAliases(
  manifest: FunctionManifest,
  newest: string | undefined,
): WantedAlias[] {
  const mode = publishModeOf(manifest);
  return (manifest.spec.aliases ?? []).map((alias) => ({
    name: alias.name,
    description: alias.description ?? '',
    functionVersion:
      alias.functionVersion !== 'Latest'
        ? String(alias.functionVersion)
        : mode === 'LatestPublished'
          ? LATEST_PUBLISHED
          : (newest ?? '$LATEST'),
  }));
}

/**
 * Creates, updates and deletes aliases until the live ones are exactly `wanted`; makes no call
 * for an alias already right. Returns the aliases as they now are.
 */
export async function syncAliases(
  step: StepContext,
  name: string,
  live: readonly AliasConfiguration[],
  wanted: readonly WantedAlias[],
): Promise<AliasConfiguration[]> {
  const retry = { policy: step.retry, logger: step.logger };
  const lambda = step.clients.lambda;
  for (const alias of wanted) {
    const current = live.find((a) => a.Name === alias.name);
    const input = {
      FunctionName: name,
      Name: alias.name,
      FunctionVersion: alias.functionVersion,
      Description: alias.description,
    };
    if (
      current?.FunctionVersion === alias.functionVersion &&
      (current.Description ?? '') === alias.description
    ) {
      continue;
    }
    const what = `${current ? 'update' : 'create'} alias ${name}:${alias.name}`;
    try {
      await withRetry(
        what,
        () =>
          current
            ? lambda.send(new UpdateAliasCommand(input))
            : lambda.send(new CreateAliasCommand(input)),
        retry,
      );
    } catch (error) {
      if (errorClassOf(error) !== 'not-found') throw error;
      throw new TerminalError(
        `alias ${alias.name} pins version ${alias.functionVersion}, which function ${name} ` +
          'does not have; pin a published version or use Latest',
        { ...classifyAwsError(error), errorClass: 'validation' },
        { cause: error },
      );
    }
  }
  for (const alias of live) {
    if (!alias.Name || wanted.some((w) => w.name === alias.Name)) continue;
    const aliasName = alias.Name;
    await withRetry(
      `delete alias ${name}:${aliasName}`,
      () => lambda.send(new DeleteAliasCommand({ FunctionName: name, Name: aliasName })),
      retry,
    );
  }
  return wanted.map((w) => ({
    Name: w.name,
    FunctionVersion: w.functionVersion,
    Description: w.description,
  }));
}

/**
 * Deletes numbered versions beyond the manifest's versionRetention, oldest first, never one an
 * alias points at, so versions do not pile up towards the 100-per-provider limit. Already gone
 * is success.
 */
export async function pruneVersions(
  step: StepContext,
  live: LiveFunction,
  keep: number,
  versions: string[],
  aliases: AliasConfiguration[],
): Promise<void> {
  const name = live.name;
  const current = { ...live, details: { ...live.details, aliases } };
  for (const version of prunableVersions(versions, keep, current)) {
    try {
      await withRetry(
        `delete version ${name}:${version}`,
        () =>
          step.clients.lambda.send(
            new DeleteFunctionCommand({ FunctionName: name, Qualifier: version }),
          ),
        { policy: step.retry, logger: step.logger },
      );
    } catch (error) {
      if (errorClassOf(error) !== 'not-found') throw error;
    }
  }
}
