import { createHash } from 'node:crypto';
import type { ApiObject, FunctionRecord } from '../account.js';
import { conflict, notFound } from '../errors.js';
import type { LambdaHandler } from './handler.js';
import { configurationOf, findFunction, qualifierOf } from './lookup.js';

function urlKey(fn: FunctionRecord, qualifier: string | undefined): string {
  if (qualifier !== undefined) configurationOf(fn, qualifier);
  return qualifier ?? '';
}

function existingUrl(fn: FunctionRecord, key: string): ApiObject {
  const url = fn.urls[key];
  if (!url) throw notFound(`The resource you requested does not exist.`);
  return url;
}

/** CreateFunctionUrlConfig: one URL per function or alias; a deterministic host name. */
export const createFunctionUrlConfig: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const key = urlKey(fn, qualifierOf(input));
  if (fn.urls[key])
    throw conflict('Failed to create function url config because it already exists');
  const arn = key ? `${String(fn.latest.FunctionArn)}:${key}` : String(fn.latest.FunctionArn);
  const host = createHash('sha256').update(arn).digest('hex').slice(0, 32);
  const now = new Date(account.now()).toISOString();
  const url: ApiObject = {
    FunctionUrl: `https://${host}.lambda-url.${account.seed.region}.on.aws/`,
    FunctionArn: arn,
    AuthType: input.AuthType,
    InvokeMode: input.InvokeMode ?? 'BUFFERED',
    CreationTime: now,
    LastModifiedTime: now,
  };
  if (input.Cors !== undefined) url.Cors = input.Cors;
  fn.urls[key] = url;
  const { LastModifiedTime: _modified, ...created } = url;
  return { body: created };
};

/** GetFunctionUrlConfig. */
export const getFunctionUrlConfig: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  return { body: existingUrl(fn, urlKey(fn, qualifierOf(input))) };
};

/** UpdateFunctionUrlConfig: AuthType, Cors, InvokeMode. */
export const updateFunctionUrlConfig: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const url = existingUrl(fn, urlKey(fn, qualifierOf(input)));
  for (const member of ['AuthType', 'Cors', 'InvokeMode']) {
    if (input[member] !== undefined) url[member] = input[member];
  }
  url.LastModifiedTime = new Date(account.now()).toISOString();
  return { body: url };
};

/** DeleteFunctionUrlConfig: 204; ResourceNotFoundException when there is none. */
export const deleteFunctionUrlConfig: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const key = urlKey(fn, qualifierOf(input));
  existingUrl(fn, key);
  delete fn.urls[key];
  return { status: 204 };
};
