import type { Account, ApiObject, FunctionRecord, ProviderRecord } from '../account.js';
import { conflict, notFound } from '../errors.js';

/** The qualifier of the moving published version of an LMI function. */
export const LATEST_PUBLISHED = '$LATEST.PUBLISHED';

/** A function reference split into its name and optional qualifier. */
export interface FunctionRef {
  name: string;
  qualifier?: string;
}

/**
 * Splits what callers may pass as FunctionName (a name, `account:function:name`, or a full ARN,
 * each with an optional `:qualifier`) into name and qualifier.
 */
export function parseFunctionRef(value: string): FunctionRef {
  const parts = value.split(':');
  const functionIndex = parts.indexOf('function');
  const rest = functionIndex >= 0 ? parts.slice(functionIndex + 1) : parts.slice(-2);
  if (functionIndex < 0 && parts.length === 1) return { name: value };
  if (functionIndex < 0 && parts.length === 2) {
    const [name = '', qualifier = ''] = parts;
    return { name, qualifier };
  }
  const [name = '', qualifier] = rest;
  return qualifier === undefined ? { name } : { name, qualifier };
}

/** The function named by `value`; throws ResourceNotFoundException when absent. */
export function findFunction(account: Account, value: string): FunctionRecord {
  const { name } = parseFunctionRef(value);
  const fn = account.state.functions[name];
  if (!fn) throw notFound(`Function not found: ${account.arn('function', name)}`);
  return fn;
}

/**
 * The configuration a qualifier designates: `$LATEST` (or none), a published version, or an alias
 * (resolved to its version). Throws ResourceNotFoundException when it does not exist.
 */
export function configurationOf(fn: FunctionRecord, qualifier: string | undefined): ApiObject {
  if (qualifier === undefined || qualifier === '$LATEST') return fn.latest;
  const version = fn.versions[qualifier];
  if (version) return version;
  const alias = fn.aliases[qualifier];
  const aliased = alias ? fn.versions[String(alias.FunctionVersion)] : undefined;
  if (alias && String(alias.FunctionVersion) === '$LATEST') return fn.latest;
  if (aliased) return aliased;
  throw notFound(`Function not found: ${String(fn.latest.FunctionArn)}:${qualifier}`);
}

/** The qualifier from the FunctionName (`name:qualifier`) or the Qualifier parameter. */
export function qualifierOf(input: ApiObject): string | undefined {
  const fromName = parseFunctionRef(String(input.FunctionName)).qualifier;
  const fromParam = input.Qualifier as string | undefined;
  return fromParam ?? fromName;
}

/** The capacity provider named by a name or ARN; throws ResourceNotFoundException when absent. */
export function findProvider(account: Account, value: string): ProviderRecord {
  const name = value.startsWith('arn:') ? (value.split(':').pop() ?? '') : value;
  const provider = account.state.providers[name];
  if (!provider)
    throw notFound(`Capacity provider not found: ${account.arn('capacity-provider', name)}`);
  return provider;
}

/**
 * Throws ResourceConflictException when the function cannot take a change now: still being
 * created, being deleted, or with an update in progress (the rule AWS enforces and clients trip
 * on).
 */
export function assertChangeable(fn: FunctionRecord): void {
  const state = String(fn.latest.State);
  if (state === 'Pending' || state === 'Deleting') {
    throw conflict(
      `The operation cannot be performed at this time. The function is currently in the ` +
        `following state: ${state}`,
    );
  }
  if (fn.latest.LastUpdateStatus === 'InProgress') {
    const error = conflict(
      `The operation cannot be performed at this time. An update is in progress for resource: ` +
        `${String(fn.latest.FunctionArn)}`,
    );
    error.duringUpdate = true;
    throw error;
  }
}

/** AWS's LastModified format: `2025-01-31T12:34:56.789+0000`. */
export function lastModified(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** Pages a list with Marker/MaxItems (the marker is the index of the next item). */
export function pageOf<T>(
  items: T[],
  marker: unknown,
  maxItems: unknown,
  limit = 50,
): { page: T[]; nextMarker?: string } {
  const start = typeof marker === 'string' ? Number.parseInt(marker, 10) || 0 : 0;
  const size = Math.min(typeof maxItems === 'number' ? maxItems : limit, limit);
  const page = items.slice(start, start + size);
  const next = start + size;
  return next < items.length ? { page, nextMarker: String(next) } : { page };
}
