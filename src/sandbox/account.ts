import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import type { Seed } from './seed.js';

/** Delays of the sandbox's state machines, in milliseconds. */
export interface SandboxTiming {
  providerActivationMs: number;
  providerDeletionMs: number;
  functionActivationMs: number;
  functionUpdateMs: number;
  publishMs: number;
  functionDeletionMs: number;
}

/** Modest defaults: long enough that a client must wait, short enough for a demo. */
export const DEFAULT_TIMING: SandboxTiming = {
  providerActivationMs: 1500,
  providerDeletionMs: 1000,
  functionActivationMs: 500,
  functionUpdateMs: 500,
  publishMs: 1000,
  functionDeletionMs: 300,
};

/** A JSON object as the API returns it (FunctionConfiguration, CapacityProvider, ...). */
export type ApiObject = Record<string, unknown>;

/** A capacity provider: its API view plus why it failed, when it did. */
export interface ProviderRecord {
  name: string;
  view: ApiObject;
  /**
   * Why it will go Failed. Kept in the sandbox's state only (`/_sandbox/state`): the API's
   * CapacityProvider shape has no reason field, so AWS does not say why either.
   */
  stateReason?: string;
}

/**
 * A function: `$LATEST`, its published versions (numbered and `$LATEST.PUBLISHED`) and satellites.
 */
export interface FunctionRecord {
  name: string;
  latest: ApiObject;
  versions: Record<string, ApiObject>;
  nextVersion: number;
  aliases: Record<string, ApiObject>;
  urls: Record<string, ApiObject>;
  scaling: Record<string, ApiObject>;
  code: ApiObject;
}

/** What a scheduled transition does when its time comes. */
export type TransitionKind =
  | 'provider-active'
  | 'provider-gone'
  | 'function-active'
  | 'update-done'
  | 'version-active'
  | 'function-gone';

/** A state change due at `at` (epoch ms); kept in the state so a restarted sandbox resumes it. */
export interface Transition {
  at: number;
  kind: TransitionKind;
  name: string;
  qualifier?: string;
}

/** Everything the account holds beyond the seed; JSON-serialisable for `--state`. */
export interface AccountState {
  providers: Record<string, ProviderRecord>;
  functions: Record<string, FunctionRecord>;
  tags: Record<string, Record<string, string>>;
  transitions: Transition[];
}

function emptyState(): AccountState {
  return { providers: {}, functions: {}, tags: {}, transitions: [] };
}

/**
 * The sandbox account: the seed, the mutable inventory, and the state machines. Transitions are
 * applied lazily (on `advance`, called before every request) from deadlines stored in the state,
 * so no timer is needed and a sandbox restarted from its state file resumes them.
 */
export class Account {
  state: AccountState;

  constructor(
    readonly seed: Seed,
    readonly timing: SandboxTiming,
    private readonly stateFile?: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.state = stateFile && existsSync(stateFile) ? loadState(stateFile) : emptyState();
  }

  /** Milliseconds since the epoch, from the account's clock. */
  now(): number {
    return this.clock();
  }

  /** `arn:aws:lambda:<region>:<account>:<kind>:<name>`. */
  arn(kind: 'function' | 'capacity-provider', name: string): string {
    return `arn:aws:lambda:${this.seed.region}:${this.seed.accountId}:${kind}:${name}`;
  }

  /** Queues a transition `delayMs` from now. */
  schedule(kind: TransitionKind, name: string, delayMs: number, qualifier?: string): void {
    const transition: Transition = { at: this.now() + delayMs, kind, name };
    if (qualifier !== undefined) transition.qualifier = qualifier;
    this.state.transitions.push(transition);
  }

  /** Applies every due transition in order; persists and returns true when any was applied. */
  advance(): boolean {
    const now = this.now();
    const due = this.state.transitions.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
    if (due.length === 0) return false;
    this.state.transitions = this.state.transitions.filter((t) => t.at > now);
    for (const transition of due) this.apply(transition);
    this.persist();
    return true;
  }

  private apply(transition: Transition): void {
    const fn = this.state.functions[transition.name];
    switch (transition.kind) {
      case 'provider-active':
        return this.activateProvider(transition.name);
      case 'provider-gone':
        this.removeProvider(transition.name);
        return;
      case 'function-active':
        if (fn) Object.assign(fn.latest, activeState(fn.latest));
        return;
      case 'update-done':
        if (fn) Object.assign(fn.latest, { LastUpdateStatus: 'Successful' });
        if (fn) clearUpdateReason(fn.latest);
        return;
      case 'version-active':
        return this.activateVersion(fn, transition.qualifier);
      case 'function-gone':
        if (fn) this.removeFunction(fn);
        return;
    }
  }

  private activateProvider(name: string): void {
    const provider = this.state.providers[name];
    if (!provider || provider.view.State !== 'Pending') return;
    provider.view.State = provider.stateReason ? 'Failed' : 'Active';
  }

  private removeProvider(name: string): void {
    const provider = this.state.providers[name];
    if (!provider) return;
    delete this.state.tags[String(provider.view.CapacityProviderArn)];
    delete this.state.providers[name];
  }

  private activateVersion(fn: FunctionRecord | undefined, qualifier: string | undefined): void {
    const version = fn && qualifier !== undefined ? fn.versions[qualifier] : undefined;
    if (!version || version.State !== 'Pending') return;
    Object.assign(version, { State: 'Active', LastUpdateStatus: 'Successful' });
    for (const key of ['StateReason', 'StateReasonCode']) delete version[key];
    // Once a version runs, $LATEST is no longer the only (non-invocable) configuration.
    if (fn?.latest.State === 'ActiveNonInvocable') {
      fn.latest.State = 'Active';
      delete fn.latest.StateReason;
    }
  }

  /** Deletes a function with everything hanging off it (tags, versions, aliases, URLs). */
  removeFunction(fn: FunctionRecord): void {
    delete this.state.tags[String(fn.latest.FunctionArn)];
    delete this.state.functions[fn.name];
  }

  /** A fresh RevisionId. */
  revision(): string {
    return randomUUID();
  }

  /** Drops all inventory and pending transitions (back to the bare seed); persists. */
  reset(): void {
    this.state = emptyState();
    this.persist();
  }

  /** Writes the state file atomically (temp file, then rename), when one was configured. */
  persist(): void {
    if (!this.stateFile) return;
    const temp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state));
    renameSync(temp, this.stateFile);
  }
}

function loadState(file: string): AccountState {
  try {
    return { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as AccountState) };
  } catch (error) {
    throw new Error(`cannot read sandbox state ${file}`, { cause: error });
  }
}

/** The state a `$LATEST` reaches when creation finishes: LMI functions stay non-invocable. */
function activeState(latest: ApiObject): ApiObject {
  const lmi = latest.CapacityProviderConfig !== undefined;
  delete latest.StateReason;
  delete latest.StateReasonCode;
  if (!lmi) return { State: 'Active' };
  return {
    State: 'ActiveNonInvocable',
    StateReason: 'the function has no published version yet',
  };
}

function clearUpdateReason(config: ApiObject): void {
  delete config.LastUpdateStatusReason;
  delete config.LastUpdateStatusReasonCode;
}
