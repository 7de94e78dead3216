import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { errorClassOf, TerminalError } from '../../aws/errors.js';
import { withRetry } from '../../aws/retry.js';
import { publishDue } from '../../apply/publish-rule.js';
import type { StepContext } from '../../apply/step-context.js';
import {
  waitFunctionCreated,
  waitFunctionGone,
  waitFunctionUpdated,
  waitVersionActive,
} from '../../apply/waits.js';
import type { Difference } from '../../plan/types.js';
import type { LiveFunction } from '../live-state.js';
import { controllerTags, ownershipOf } from '../ownership.js';
import { applyTags, releaseOwnership, tagChangesOf } from '../tag-changes.js';
import { compareFunction, publishModeOf } from './compare.js';
import { readOneFunction } from './read-one.js';
import {
  codeUpdateInput,
  configurationUpdateInput,
  createFunctionInput,
  desiredCodeSha,
  needsCodeUpdate,
  type FunctionTarget,
} from './request.js';
import { LATEST_PUBLISHED } from './read.js';
import {
  publishFunction,
  pruneVersions,
  putScaling,
  syncAliases,
  wantedAliases,
} from './publish-steps.js';

export type { FunctionTarget } from './request.js';

/** The part of a plan's change that applying a function needs. */
export interface FunctionChange {
  action: 'create' | 'update' | 'replace' | 'adopt';
  differences: readonly Difference[];
}

/**
 * Creates a function with its ownership tags in the same call, publishing in that call where
 * LatestPublished allows, then waits, sets scaling and aliases. When AWS answers that it already
 * exists, it is read again and, when ours, converged as an update. Throws TerminalError or
 * RetryableError.
 */
export async function createFunction(step: StepContext, target: FunctionTarget): Promise<void> {
  const name = target.manifest.metadata.name;
  const publishInCall = publishModeOf(target.manifest) === 'LatestPublished';
  try {
    await withRetry(
      `create function ${name}`,
      () =>
        step.clients.lambda.send(
          new CreateFunctionCommand(createFunctionInput(target, step.controllerId, publishInCall)),
        ),
      { policy: step.retry, logger: step.logger },
    );
  } catch (error) {
    if (errorClassOf(error) !== 'already-exists') throw error;
    step.logger.info({ name }, 'function already exists; converging it');
    return convergeExisting(step, target);
  }

  await waitFunctionCreated(step, name);
  await finish(step, target, undefined, {
    action: 'create',
    differences: [],
    published: publishInCall ? LATEST_PUBLISHED : undefined,
  });
}

/**
 * Brings an owned (or adopted) function to its manifest, one write at a time and each waited for:
 * ownership tags first when adopting, configuration, code, then publish when due, scaling,
 * aliases, tags and pruning. Throws TerminalError or RetryableError.
 */
export async function updateFunction(
  step: StepContext,
  target: FunctionTarget,
  live: LiveFunction,
  change: FunctionChange,
): Promise<void> {
  const { manifest } = target;
  const name = manifest.metadata.name;
  if (change.action === 'adopt') {
    await applyTags(step, live.arn, {
      set: controllerTags(step.controllerId, manifest.behaviour),
      remove: [],
    });
  }
  if (live.latest.State === 'Pending') await waitFunctionCreated(step, name);
  else if (live.latest.LastUpdateStatus === 'InProgress') await waitFunctionUpdated(step, name);

  const configuration = configurationUpdateInput(target, change.differences);
  if (configuration) {
    await write(step, `update configuration of ${name}`, () =>
      step.clients.lambda.send(new UpdateFunctionConfigurationCommand(configuration)),
    );
    await waitFunctionUpdated(step, name);
  }

  const mode = publishModeOf(manifest);
  const due = mode !== 'None' && publishDue(change);
  let published: string | undefined;
  if (needsCodeUpdate(change.differences)) {
    const publishInCall = due && mode === 'LatestPublished';
    await write(step, `update code of ${name}`, () =>
      step.clients.lambda.send(
        new UpdateFunctionCodeCommand(codeUpdateInput(target, publishInCall)),
      ),
    );
    await waitFunctionUpdated(step, name);
    if (publishInCall) published = LATEST_PUBLISHED;
  }
  await finish(step, target, live, { ...change, published });
}

/**
 * Deletes a function and waits until it is gone (LMI deletes finish asynchronously), so a
 * replace can create it again and its provider can be deleted. Already gone is success. With
 * `retain`, only ownership is dropped.
 */
export async function deleteFunction(
  step: StepContext,
  name: string,
  arn: string,
  retain: boolean,
): Promise<void> {
  if (retain) return releaseOwnership(step, arn);
  try {
    await withRetry(
      `delete function ${name}`,
      () => step.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: name })),
      { policy: step.retry, logger: step.logger },
    );
  } catch (error) {
    if (errorClassOf(error) !== 'not-found') throw error;
  }
  await waitFunctionGone(step, name);
}

interface FinishState {
  action: string;
  differences: readonly Difference[];
  /** The qualifier already published by this apply (PublishTo on create or code update). */
  published: string | undefined;
}

/** After configuration and code: publish, scaling, aliases, tags, pruning, each only when due. */
async function finish(
  step: StepContext,
  target: FunctionTarget,
  live: LiveFunction | undefined,
  state: FinishState,
): Promise<void> {
  const { manifest } = target;
  const touched = (prefix: string) => state.differences.some((d) => d.path.startsWith(prefix));
  const qualifier = await publishWhenDue(step, target, state);
  const newVersion = qualifier !== LATEST_PUBLISHED ? qualifier : undefined;

  // Scaling belongs to one published version: a new numbered one, or a first $LATEST.PUBLISHED.
  const firstPublish = newVersion !== undefined || (qualifier && !live?.details.published);
  const scalingOn = qualifier ?? live?.details.published?.Version;
  if (manifest.spec.scalingConfig && scalingOn && (firstPublish || touched('scalingConfig.'))) {
    await putScaling(step, manifest, scalingOn);
  }

  // Aliases: on create, when they differ, and when a new version moves a `Latest` alias.
  const versions = [...(live?.details.versions ?? []), ...(newVersion ? [newVersion] : [])];
  let aliases = live?.details.aliases ?? [];
  if (manifest.spec.aliases && (!live || touched('aliases.') || newVersion)) {
    const wanted = wantedAliases(manifest, versions.at(-1));
    aliases = await syncAliases(step, manifest.metadata.name, aliases, wanted);
  }
  if (!live) return;

  await applyTags(step, live.arn, userTagChanges(state));
  const keep = manifest.spec.versionRetention;
  if (keep !== undefined && (touched('versions.') || newVersion)) {
    await pruneVersions(step, live, keep, versions, aliases);
  }
}

/** Publishes when due (or waits for a publish made in the create or code call); the qualifier. */
async function publishWhenDue(
  step: StepContext,
  target: FunctionTarget,
  state: FinishState,
): Promise<string | undefined> {
  const name = target.manifest.metadata.name;
  if (state.published) {
    await waitVersionActive(step, name, state.published);
    return state.published;
  }
  if (publishModeOf(target.manifest) === 'None' || !publishDue(state)) return undefined;
  return publishFunction(step, target.manifest);
}

/** Tag changes, without the ownership tags an adoption has already set first. */
function userTagChanges(state: FinishState): ReturnType<typeof tagChangesOf> {
  const tags = tagChangesOf(state.differences);
  if (state.action !== 'adopt') return tags;
  const set = Object.fromEntries(
    Object.entries(tags.set).filter(([key]) => !key.startsWith('lmi:')),
  );
  return { set, remove: tags.remove };
}

/**
 * A write to `$LATEST`: a conflict (update still in progress elsewhere) is retried by withRetry.
 */
function write<T>(step: StepContext, what: string, call: () => Promise<T>): Promise<T> {
  return withRetry(what, call, { policy: step.retry, logger: step.logger });
}

async function convergeExisting(step: StepContext, target: FunctionTarget): Promise<void> {
  const name = target.manifest.metadata.name;
  await waitFunctionCreated(step, name);
  const live = await readOneFunction(step, target.manifest);
  if (ownershipOf(live.details.tags, step.controllerId) !== 'ours') {
    throw new TerminalError(
      `function ${name} already exists and is not owned by "${step.controllerId}"; ` +
        'plan again, and add lmi/adopt: "true" to take it over',
    );
  }
  const comparison = compareFunction(target.manifest, live, { codeSha256: desiredCodeSha(target) });
  if (comparison.replaceReason) {
    throw new TerminalError(
      `function ${name} already exists and differs: ${comparison.replaceReason}; plan again`,
    );
  }
  await updateFunction(step, target, live, {
    action: 'update',
    differences: comparison.differences,
  });
}
