import pLimit from 'p-limit';
import type { AwsClients } from '../aws/clients.js';
import { classifyAwsError, errorClassOf, RetryableError, TerminalError } from '../aws/errors.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../aws/retry.js';
import {
  attachedFunctionNames,
  createProvider,
  deleteProvider,
  updateProvider,
} from '../kinds/capacity-provider/apply.js';
import { createFunction, deleteFunction, updateFunction } from '../kinds/function/apply.js';
import type { ZipPackage } from '../kinds/function/code-package.js';
import { boundProviderName, liveProviderName } from '../kinds/function/compare.js';
import type { LiveState } from '../kinds/live-state.js';
import type { Logger } from '../logging/logger.js';
import type { DesiredState } from '../manifests/types.js';
import type { Change, Plan } from '../plan/types.js';
import { hintFor } from './hints.js';
import { scheduleChanges } from './order.js';
import type { ProgressSink } from './progress.js';
import { DEFAULT_WAITS, type StepContext } from './step-context.js';
import type { ApplyResult, ResourceOutcome } from './types.js';
import { waitProviderActive } from './waits.js';

/** Everything `applyPlan` needs beyond the plan. */
export interface ApplyContext {
  clients: AwsClients;
  logger: Logger;
  controllerId: string;
  desired: DesiredState;
  live: LiveState;
  /** The built package for a zipFile function, by function name. */
  codePackage(name: string): Promise<ZipPackage | undefined>;
  /** Lines like "waiting for capacity provider x to be Active (3s)". */
  progress?: ProgressSink;
  /** Stops before the next resource; a resource already started is finished, never half-sent. */
  signal?: AbortSignal;
  /** Resources to skip this time (daemon backoff): the reason, or undefined to go ahead. */
  hold?: (kind: string, name: string) => string | undefined;
  waits?: { pollMs: number; timeoutMs: number };
  /** How long retryable failures are retried; default DEFAULT_RETRY_POLICY. */
  retry?: RetryPolicy;
  /** Resources changed at once within a stage; default 4 (the pacer spaces the calls anyway). */
  concurrency?: number;
}

const WRITE_OPERATION = /^(Create|Update|Delete|Publish|Put|Tag|Untag)/;

/**
 * Applies a plan in dependency order (see `scheduleChanges`): providers up and Active first,
 * functions evicted from providers that go, provider replaces, functions, function deletes,
 * provider deletes last. A function on a provider the plan leaves unchanged waits for it when it
 * is still Pending. Independent resources go on when one fails; a function whose provider
 * failed is skipped with that reason. Returns one outcome per change, in the plan's order. Never
 * throws for AWS failures: they are outcomes.
 */
export async function applyPlan(plan: Plan, context: ApplyContext): Promise<ApplyResult> {
  const run = new ApplyRun(context, unchangedProviders(plan));
  const writesBefore = countWrites(context.clients);
  const schedule = scheduleChanges(plan.changes, (name) => {
    const live = context.live.functions.get(name);
    return live ? liveProviderName(live.latest) : undefined;
  });

  for (const change of schedule.passive) run.reportPassive(change);
  if (schedule.evictions.length === 0 && schedule.providerReplaces.length === 0) {
    // Nothing has to leave a provider first: each function goes as soon as its own provider is
    // Active, so the shared quota pool is not left idle while other providers come up.
    await run.providersWithTheirFunctions(schedule.providers, schedule.functions);
  } else {
    await run.stage(schedule.providers, (change) => run.convergeProvider(change));
    await run.checkReplaceable(schedule.providerReplaces);
    await run.stage(schedule.evictions, (change) => run.evictFunction(change));
    await run.stage(schedule.providerReplaces, (change) => run.replaceProvider(change));
    await run.functionsAfterTheirProviders(schedule.functions);
  }
  await run.stage(schedule.functionDeletes, (change) => run.removeFunction(change));
  await run.stage(schedule.providerDeletes, (change) => run.removeProvider(change));

  const order = new Map(plan.changes.map((change, index) => [keyOf(change), index]));
  const outcomes = [...run.outcomes.values()].sort(
    (a, b) => (order.get(keyOf(a)) ?? 0) - (order.get(keyOf(b)) ?? 0),
  );
  return {
    outcomes,
    writes: countWrites(context.clients) - writesBefore,
    interrupted: context.signal?.aborted ?? false,
  };
}

/** Providers the plan leaves as they are (noop or suspended): this apply sends them nothing. */
function unchangedProviders(plan: Plan): Set<string> {
  return new Set(
    plan.changes
      .filter((c) => c.kind === 'CapacityProvider' && (c.action === 'noop' || c.suspended))
      .map((c) => c.name),
  );
}

function keyOf(resource: { kind: string; name: string }): string {
  return `${resource.kind}/${resource.name}`;
}

function countWrites(clients: AwsClients): number {
  const operations = clients.recorder.snapshot().operations;
  return Object.entries(operations)
    .filter(([operation]) => WRITE_OPERATION.test(operation))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** Why a change did not run: the step throws it to mark the outcome skipped. */
class SkipError extends Error {}

/** One apply: the outcomes so far and what later stages need to know of earlier ones. */
class ApplyRun {
  readonly outcomes = new Map<string, ResourceOutcome>();
  private readonly step: StepContext;
  private readonly providerArns = new Map<string, string>();
  /** Providers whose change did not succeed, with the reason their functions are skipped. */
  private readonly brokenProviders = new Map<string, string>();
  /** Functions already removed from a provider that goes (the create half of a replace remains). */
  private readonly evicted = new Set<string>();
  /** Functions this apply deleted for good (not retained), so their provider may go. */
  private readonly removedFunctions = new Set<string>();
  /** The wait for each unchanged provider a function needs Active, started once per provider. */
  private readonly unchangedProviderWaits = new Map<string, Promise<void>>();
  private readonly limit: ReturnType<typeof pLimit>;

  constructor(
    private readonly context: ApplyContext,
    private readonly unchangedProviders: ReadonlySet<string>,
  ) {
    this.step = {
      clients: context.clients,
      logger: context.logger,
      controllerId: context.controllerId,
      retry: context.retry ?? DEFAULT_RETRY_POLICY,
      waits: context.waits ?? DEFAULT_WAITS,
      ...(context.progress ? { progress: context.progress } : {}),
    };
    for (const [name, provider] of context.live.capacityProviders) {
      this.providerArns.set(name, provider.arn);
    }
    this.limit = pLimit(context.concurrency ?? 4);
  }

  /** Runs one stage's changes, a few at a time, recording each outcome. */
  async stage(changes: Change[], apply: (change: Change) => Promise<void>): Promise<void> {
    await Promise.all(changes.map((change) => this.limit(() => this.attempt(change, apply))));
  }

  /**
   * Converges providers and functions together: a function waits (outside the concurrency limit)
   * only for the change of the provider it is bound to, never for the others.
   */
  async providersWithTheirFunctions(providers: Change[], functions: Change[]): Promise<void> {
    const done = new Map<string, Promise<void>>();
    for (const change of providers) {
      const converge = () => this.attempt(change, (c) => this.convergeProvider(c));
      done.set(change.name, this.limit(converge));
    }
    const functionRuns = functions.map((change) => this.functionAfterItsProvider(change, done));
    await Promise.all([...done.values(), ...functionRuns]);
  }

  /** Converges functions once the providers they are bound to are Active (later stages). */
  async functionsAfterTheirProviders(functions: Change[]): Promise<void> {
    await Promise.all(functions.map((change) => this.functionAfterItsProvider(change, new Map())));
  }

  /**
   * Waits, outside the concurrency limit, for the provider a function is bound to: its change in
   * `providerChanges` when this apply makes one, else until it is Active when the plan leaves it
   * as it is. Then converges the function.
   */
  private async functionAfterItsProvider(
    change: Change,
    providerChanges: ReadonlyMap<string, Promise<void>>,
  ): Promise<void> {
    const manifest = this.context.desired.functions.find((m) => m.metadata.name === change.name);
    const provider = manifest ? boundProviderName(manifest) : undefined;
    if (provider !== undefined) {
      await (providerChanges.get(provider) ?? this.untilUnchangedProviderActive(provider));
    }
    await this.limit(() => this.attempt(change, (c) => this.convergeFunction(c)));
  }

  /**
   * An unchanged provider can still be Pending: an earlier apply created it and was stopped
   * before it became Active, and AWS refuses functions on a provider that is not Active. Waits
   * once per provider for such a one; when it does not become Active, its functions are skipped
   * with the reason. Providers seen Active, and providers this apply changes, are not waited for.
   */
  private untilUnchangedProviderActive(name: string): Promise<void> {
    const live = this.context.live.capacityProviders.get(name);
    if (!this.unchangedProviders.has(name) || !live || live.config.State === 'Active') {
      return Promise.resolve();
    }
    let wait = this.unchangedProviderWaits.get(name);
    if (!wait) {
      wait = waitProviderActive(this.step, name).then(
        () => undefined,
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          this.brokenProviders.set(name, `its capacity provider ${name} is not Active: ${message}`);
        },
      );
      this.unchangedProviderWaits.set(name, wait);
    }
    return wait;
  }

  reportPassive(change: Change): void {
    const status = change.suspended ? 'suspended' : 'unchanged';
    this.record(change, { status, durationMs: 0 });
  }

  async convergeProvider(change: Change): Promise<void> {
    const manifest = this.providerManifest(change.name);
    const live = this.context.live.capacityProviders.get(change.name);
    const arn =
      change.action === 'create' || !live
        ? await createProvider(this.step, manifest)
        : await updateProvider(this.step, manifest, live, change);
    this.providerArns.set(change.name, arn);
  }

  /**
   * Fails each provider replace that functions outside its cascade still use, before any of its
   * functions is moved off: that provider could never be deleted, and its functions stay put.
   */
  async checkReplaceable(changes: Change[]): Promise<void> {
    const check = async (change: Change) => {
      const started = Date.now();
      try {
        await this.refuseWhileOthersAttached(change.name, new Set(change.cascade ?? []));
      } catch (error) {
        this.fail(change, error, started);
      }
    };
    await Promise.all(changes.map((change) => this.limit(() => check(change))));
  }

  async replaceProvider(change: Change): Promise<void> {
    const stuck = (change.cascade ?? []).find((name) => this.failed('Function', name));
    if (stuck) throw new SkipError(`function ${stuck} could not be moved off it first`);
    const live = this.context.live.capacityProviders.get(change.name);
    if (live) await deleteProvider(this.step, change.name, live.arn, false);
    const arn = await createProvider(this.step, this.providerManifest(change.name));
    this.providerArns.set(change.name, arn);
  }

  async removeProvider(change: Change): Promise<void> {
    const live = this.context.live.capacityProviders.get(change.name);
    if (!live) return;
    const stuck = [...this.context.live.functions.values()].find(
      (fn) => liveProviderName(fn.latest) === change.name && this.failed('Function', fn.name),
    );
    if (stuck && !change.retain) {
      throw new SkipError(`function ${stuck.name} on it could not be removed first`);
    }
    if (!change.retain) await this.refuseWhileOthersAttached(change.name, this.removedFunctions);
    await deleteProvider(this.step, change.name, live.arn, change.retain === true);
  }

  /**
   * Fails at once when functions this apply does not delete (retained, unowned, or another
   * controller's) still have versions on the provider: AWS would refuse the delete until someone
   * moves them, and retrying that conflict until the deadline would only delay the same failure.
   */
  private async refuseWhileOthersAttached(
    provider: string,
    leaving: ReadonlySet<string>,
  ): Promise<void> {
    const others = (await attachedFunctionNames(this.step, provider)).filter(
      (name) => !leaving.has(name),
    );
    if (others.length === 0) return;
    const message =
      `capacity provider ${provider} still has versions of ${others.join(', ')} attached, ` +
      'which this apply does not delete';
    throw new TerminalError(message, {
      errorClass: 'conflict',
      retryable: false,
      code: 'ResourceConflictException',
      message,
    });
  }

  async evictFunction(change: Change): Promise<void> {
    const live = this.context.live.functions.get(change.name);
    const provider = live ? liveProviderName(live.latest) : undefined;
    const broken = provider === undefined ? undefined : this.brokenProviders.get(provider);
    if (broken) throw new SkipError(broken);
    if (live) await deleteFunction(this.step, change.name, live.arn, false);
    this.evicted.add(change.name);
    this.removedFunctions.add(change.name);
  }

  async convergeFunction(change: Change): Promise<void> {
    const manifest = this.functionManifest(change.name);
    const provider = boundProviderName(manifest);
    const broken = provider === undefined ? undefined : this.brokenProviders.get(provider);
    if (broken) throw new SkipError(broken);
    const target = {
      manifest,
      providerArn: provider === undefined ? undefined : this.providerArns.get(provider),
      codePackage: await this.context.codePackage(change.name),
    };
    const live = this.context.live.functions.get(change.name);

    if (change.action === 'replace') {
      if (live && !this.evicted.has(change.name)) {
        await deleteFunction(this.step, change.name, live.arn, false);
      }
      return createFunction(this.step, target);
    }
    if (change.action === 'create' || !live) return createFunction(this.step, target);
    if (change.action === 'update' || change.action === 'adopt') {
      return updateFunction(this.step, target, live, { ...change, action: change.action });
    }
  }

  async removeFunction(change: Change): Promise<void> {
    const live = this.context.live.functions.get(change.name);
    if (live) await deleteFunction(this.step, change.name, live.arn, change.retain === true);
    if (!change.retain) this.removedFunctions.add(change.name);
  }

  private async attempt(change: Change, apply: (change: Change) => Promise<void>): Promise<void> {
    const started = Date.now();
    const held = this.context.hold?.(change.kind, change.name);
    if (held) return this.skip(change, held, started);
    // Limitation: the signal is checked between resources only, so Ctrl-C waits for the ones in
    // flight (a provider wait can take minutes on AWS) rather than leaving one half-applied.
    if (this.context.signal?.aborted)
      return this.skip(change, 'the apply was interrupted', started);
    // A replace whose first half failed or was skipped keeps that outcome; its second half waits.
    const earlier = this.outcomes.get(keyOf(change))?.status;
    if (change.action === 'replace' && (earlier === 'failed' || earlier === 'skipped')) return;

    try {
      await apply(change);
      this.record(change, { status: 'applied', durationMs: Date.now() - started });
      this.context.logger.info(
        { kind: change.kind, name: change.name, action: change.action },
        'change applied',
      );
    } catch (error) {
      if (error instanceof SkipError) return this.skip(change, error.message, started);
      this.fail(change, error, started);
    }
  }

  private skip(change: Change, reason: string, started: number): void {
    this.markBroken(change, `its capacity provider ${change.name} was skipped: ${reason}`);
    this.record(change, { status: 'skipped', reason, durationMs: Date.now() - started });
  }

  private fail(change: Change, error: unknown, started: number): void {
    const errorClass = errorClassOf(error);
    const retryable =
      error instanceof RetryableError ||
      (!(error instanceof TerminalError) && classifyAwsError(error).retryable);
    const message = this.withoutSecrets(error instanceof Error ? error.message : String(error));
    const hint = hintFor(errorClass, change, retryable);
    this.markBroken(change, `its capacity provider ${change.name} failed`);
    this.record(change, {
      status: 'failed',
      error: { errorClass, retryable, message, ...(hint ? { hint } : {}) },
      durationMs: Date.now() - started,
    });
    this.context.logger.warn(
      { kind: change.kind, name: change.name, action: change.action, errorClass, err: message },
      'change failed',
    );
  }

  /** `message` with every declared environment variable value blanked: AWS errors may echo them. */
  private withoutSecrets(message: string): string {
    const secrets = this.context.desired.functions.flatMap((manifest) =>
      Object.values(manifest.spec.environment?.variables ?? {}),
    );
    return secrets
      .filter((value) => value.length > 0)
      .reduce((text, value) => text.replaceAll(value, '[redacted]'), message);
  }

  private markBroken(change: Change, reason: string): void {
    if (change.kind === 'CapacityProvider' && change.action !== 'delete') {
      this.brokenProviders.set(change.name, reason);
    }
  }

  private failed(kind: string, name: string): boolean {
    const status = this.outcomes.get(keyOf({ kind, name }))?.status;
    return status === 'failed' || status === 'skipped';
  }

  private record(
    change: Change,
    outcome: Pick<ResourceOutcome, 'status' | 'durationMs' | 'error' | 'reason'>,
  ): void {
    const { kind, name, action } = change;
    this.outcomes.set(keyOf(change), { kind, name, action, ...outcome });
  }

  private providerManifest(name: string) {
    const manifest = this.context.desired.capacityProviders.find((m) => m.metadata.name === name);
    if (!manifest) throw new TerminalError(`no manifest declares capacity provider ${name}`);
    return manifest;
  }

  private functionManifest(name: string) {
    const manifest = this.context.desired.functions.find((m) => m.metadata.name === name);
    if (!manifest) throw new TerminalError(`no manifest declares function ${name}`);
    return manifest;
  }
}
