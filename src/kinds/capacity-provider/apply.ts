import {
  CreateCapacityProviderCommand,
  DeleteCapacityProviderCommand,
  GetCapacityProviderCommand,
  ListTagsCommand,
  paginateListFunctionVersionsByCapacityProvider,
  UpdateCapacityProviderCommand,
} from '@aws-sdk/client-lambda';
import { errorClassOf, TerminalError } from '../../aws/errors.js';
import { withRetry } from '../../aws/retry.js';
import type { StepContext } from '../../apply/step-context.js';
import { waitProviderActive, waitProviderGone } from '../../apply/waits.js';
import type { CapacityProviderManifest } from '../../manifests/types.js';
import type { Difference } from '../../plan/types.js';
import type { LiveCapacityProvider } from '../live-state.js';
import { controllerTags, ownershipOf } from '../ownership.js';
import { applyTags, releaseOwnership, tagChangesOf } from '../tag-changes.js';
import { compareProvider } from './compare.js';
import { createProviderInput, updateProviderInput } from './request.js';

/**
 * Creates a capacity provider with its ownership tags in the same call and waits until it is
 * Active. When AWS answers that it already exists (a crashed earlier run, a concurrent one), the
 * provider is read again and, when ours, updated to match. Returns its ARN. Throws TerminalError
 * or RetryableError.
 */
export async function createProvider(
  step: StepContext,
  manifest: CapacityProviderManifest,
): Promise<string> {
  const name = manifest.metadata.name;
  let arn: string | undefined;
  try {
    const created = await withRetry(
      `create capacity provider ${name}`,
      () =>
        step.clients.lambda.send(
          new CreateCapacityProviderCommand(createProviderInput(manifest, step.controllerId)),
        ),
      { policy: step.retry, logger: step.logger },
    );
    arn = created.CapacityProvider?.CapacityProviderArn;
  } catch (error) {
    if (errorClassOf(error) !== 'already-exists') throw error;
    step.logger.info({ name }, 'capacity provider already exists; converging it');
    return convergeExisting(step, manifest);
  }

  const active = await waitProviderActive(step, name);
  return arn ?? active.CapacityProviderArn ?? '';
}

/**
 * Brings a provider this controller may change (owned, or adopted) to its manifest: ownership
 * tags first when adopting, then UpdateCapacityProvider for scaling, propagation and telemetry,
 * then user tags. Waits for Active before and after the update. Returns its ARN.
 */
export async function updateProvider(
  step: StepContext,
  manifest: CapacityProviderManifest,
  live: LiveCapacityProvider,
  change: { action: string; differences: readonly Difference[] },
): Promise<string> {
  const name = manifest.metadata.name;
  if (change.action === 'adopt') {
    await applyTags(step, live.arn, {
      set: controllerTags(step.controllerId, manifest.behaviour),
      remove: [],
    });
  }

  const input = updateProviderInput(manifest, change.differences);
  if (input) {
    if (live.config.State !== 'Active') await waitProviderActive(step, name);
    await withRetry(
      `update capacity provider ${name}`,
      () => step.clients.lambda.send(new UpdateCapacityProviderCommand(input)),
      { policy: step.retry, logger: step.logger },
    );
    await waitProviderActive(step, name);
  } else if (live.config.State === 'Pending') {
    await waitProviderActive(step, name);
  }

  await applyTags(step, live.arn, tagChangesOf(change.differences));
  return live.arn;
}

/**
 * Deletes a capacity provider and waits until it is gone. AWS refuses while function versions are
 * still attached (a 202 function delete finishes later): that conflict is retried within the
 * retry deadline. Already gone is success. With `retain`, only ownership is dropped.
 */
export async function deleteProvider(
  step: StepContext,
  name: string,
  arn: string,
  retain: boolean,
): Promise<void> {
  if (retain) return releaseOwnership(step, arn);
  try {
    await withRetry(
      `delete capacity provider ${name}`,
      () =>
        step.clients.lambda.send(new DeleteCapacityProviderCommand({ CapacityProviderName: name })),
      { policy: step.retry, logger: step.logger },
    );
  } catch (error) {
    if (errorClassOf(error) === 'not-found') return;
    throw error;
  }
  await waitProviderGone(step, name);
}

/**
 * The names of the functions with versions still attached to provider `name`, sorted and without
 * repeats; empty when none are or the provider is gone. Throws TerminalError or RetryableError.
 */
export async function attachedFunctionNames(step: StepContext, name: string): Promise<string[]> {
  const names = new Set<string>();
  try {
    await withRetry(
      `list function versions on capacity provider ${name}`,
      async () => {
        const pages = paginateListFunctionVersionsByCapacityProvider(
          { client: step.clients.lambda },
          { CapacityProviderName: name },
        );
        for await (const page of pages) {
          for (const version of page.FunctionVersions ?? []) {
            // A version ARN ends in `function:<name>:<version>`.
            const name = version.FunctionArn?.split(':')[6];
            if (name) names.add(name);
          }
        }
      },
      { policy: step.retry, logger: step.logger },
    );
  } catch (error) {
    if (errorClassOf(error) !== 'not-found') throw error;
  }
  return [...names].sort();
}

async function convergeExisting(
  step: StepContext,
  manifest: CapacityProviderManifest,
): Promise<string> {
  const live = await readProvider(step, manifest.metadata.name);
  if (ownershipOf(live.tags, step.controllerId) !== 'ours') {
    throw new TerminalError(
      `capacity provider ${live.name} already exists and is not owned by "${step.controllerId}"; ` +
        'plan again, and add lmi/adopt: "true" to take it over',
    );
  }
  const comparison = compareProvider(manifest, live);
  if (comparison.replaceReason) {
    throw new TerminalError(
      `capacity provider ${live.name} already exists and differs: ${comparison.replaceReason}; ` +
        'plan again to replace it',
    );
  }
  return updateProvider(step, manifest, live, {
    action: 'update',
    differences: comparison.differences,
  });
}

async function readProvider(step: StepContext, name: string): Promise<LiveCapacityProvider> {
  const retry = { policy: step.retry, logger: step.logger };
  const got = await withRetry(
    `get capacity provider ${name}`,
    () => step.clients.lambda.send(new GetCapacityProviderCommand({ CapacityProviderName: name })),
    retry,
  );
  const config = got.CapacityProvider;
  const arn = config?.CapacityProviderArn;
  if (!config || !arn) throw new TerminalError(`capacity provider ${name} could not be read`);
  const tags = await withRetry(
    `list tags of ${arn}`,
    () => step.clients.lambda.send(new ListTagsCommand({ Resource: arn })),
    retry,
  );
  return { name, arn, config, tags: tags.Tags ?? {} };
}
