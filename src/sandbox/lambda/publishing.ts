import type { Account, ApiObject, FunctionRecord } from '../account.js';
import { invalidParameter, SandboxError } from '../errors.js';
import type { LambdaHandler } from './handler.js';
import { assertRoomForVersion, lmiBinding } from './lmi-rules.js';
import {
  assertChangeable,
  findFunction,
  LATEST_PUBLISHED,
  lastModified,
  pageOf,
} from './lookup.js';

/** Where a publish goes: a new numbered version, or the moving `$LATEST.PUBLISHED`. */
export type PublishTarget = 'numbered' | 'latest-published';

/**
 * Snapshots `$LATEST` as a published version and returns its configuration. LMI versions start
 * Pending and become Active after `publishMs` (plus `afterMs`, e.g. a code update still running);
 * classic versions are Active at once. A numbered publish of an unchanged `$LATEST` returns the
 * last version instead of making a new one, as AWS does. Throws when the provider is full.
 */
export function publish(
  account: Account,
  fn: FunctionRecord,
  target: PublishTarget,
  description?: string,
  afterMs = 0,
): ApiObject {
  const qualifier = target === 'latest-published' ? LATEST_PUBLISHED : String(fn.nextVersion);
  const unchanged =
    target === 'numbered' && lastNumbered(fn)?.SandboxSourceRevision === fn.latest.RevisionId;
  if (unchanged) return lastNumbered(fn) as ApiObject;
  if (!fn.versions[qualifier]) assertRoomForVersion(account, fn.latest);

  const lmi = lmiBinding(fn.latest) !== undefined;
  const version: ApiObject = {
    ...structuredClone(fn.latest),
    Version: qualifier,
    FunctionArn: `${String(fn.latest.FunctionArn)}:${qualifier}`,
    RevisionId: account.revision(),
    LastModified: lastModified(account.now()),
    Description: description ?? fn.latest.Description ?? '',
    State: lmi ? 'Pending' : 'Active',
    LastUpdateStatus: lmi ? 'InProgress' : 'Successful',
    SandboxSourceRevision: fn.latest.RevisionId,
  };
  if (lmi) Object.assign(version, { StateReason: 'publishing', StateReasonCode: 'Creating' });
  fn.versions[qualifier] = version;
  if (target === 'numbered') fn.nextVersion += 1;
  if (lmi)
    account.schedule('version-active', fn.name, account.timing.publishMs + afterMs, qualifier);
  return version;
}

function lastNumbered(fn: FunctionRecord): ApiObject | undefined {
  return fn.versions[String(fn.nextVersion - 1)];
}

/** The configuration as the API shows it: without the sandbox's own bookkeeping members. */
export function publicView(config: ApiObject): ApiObject {
  const { SandboxSourceRevision: _source, ...view } = config;
  return view;
}

/** PublishVersion: numbered, or `$LATEST.PUBLISHED` with PublishTo LATEST_PUBLISHED. */
export const publishVersion: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  assertChangeable(fn);
  if (input.RevisionId !== undefined && input.RevisionId !== fn.latest.RevisionId) {
    throw new SandboxError('PreconditionFailedException', 412, 'RevisionId does not match');
  }
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== fn.latest.CodeSha256) {
    throw invalidParameter('CodeSHA256 does not match the code of $LATEST');
  }
  const target = input.PublishTo === 'LATEST_PUBLISHED' ? 'latest-published' : 'numbered';
  if (target === 'latest-published' && !lmiBinding(fn.latest)) {
    throw invalidParameter('PublishTo LATEST_PUBLISHED needs a function on a capacity provider');
  }
  const version = publish(account, fn, target, input.Description as string | undefined);
  return { body: publicView(version) };
};

/** ListVersionsByFunction: `$LATEST` then the published versions, paged by Marker/MaxItems. */
export const listVersionsByFunction: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const numbered = Object.keys(fn.versions)
    .filter((key) => key !== LATEST_PUBLISHED)
    .sort((a, b) => Number(a) - Number(b));
  const keys = fn.versions[LATEST_PUBLISHED] ? [...numbered, LATEST_PUBLISHED] : numbered;
  const all = [fn.latest, ...keys.map((key) => fn.versions[key] as ApiObject)].map(publicView);
  const { page, nextMarker } = pageOf(all, input.Marker, input.MaxItems);
  return { body: { Versions: page, ...(nextMarker ? { NextMarker: nextMarker } : {}) } };
};
