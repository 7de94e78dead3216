import type { ApiObject, FunctionRecord } from '../account.js';
import { conflict, notFound, SandboxError } from '../errors.js';
import type { LambdaHandler } from './handler.js';
import { configurationOf, findFunction, pageOf } from './lookup.js';

function aliasOf(fn: FunctionRecord, name: string): ApiObject {
  const alias = fn.aliases[name];
  if (!alias) throw notFound(`Alias not found: ${String(fn.latest.FunctionArn)}:${name}`);
  return alias;
}

/** CreateAlias: the version must exist; the name must be free. */
export const createAlias: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const name = String(input.Name);
  if (fn.aliases[name]) throw conflict(`Alias already exists: ${name}`);
  configurationOf(fn, String(input.FunctionVersion));
  const alias: ApiObject = {
    AliasArn: `${String(fn.latest.FunctionArn)}:${name}`,
    Name: name,
    FunctionVersion: input.FunctionVersion,
    Description: input.Description ?? '',
    RevisionId: account.revision(),
  };
  if (input.RoutingConfig !== undefined) alias.RoutingConfig = input.RoutingConfig;
  fn.aliases[name] = alias;
  return { body: alias };
};

/** GetAlias. */
export const getAlias: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  return { body: aliasOf(fn, String(input.Name)) };
};

/** UpdateAlias: version, description, routing; honours RevisionId. */
export const updateAlias: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const alias = aliasOf(fn, String(input.Name));
  if (input.RevisionId !== undefined && input.RevisionId !== alias.RevisionId) {
    throw new SandboxError('PreconditionFailedException', 412, 'RevisionId does not match');
  }
  if (input.FunctionVersion !== undefined) configurationOf(fn, input.FunctionVersion as string);
  for (const member of ['FunctionVersion', 'Description', 'RoutingConfig']) {
    if (input[member] !== undefined) alias[member] = input[member];
  }
  alias.RevisionId = account.revision();
  return { body: alias };
};

/** DeleteAlias: 204 whether or not it existed, as AWS does. */
export const deleteAlias: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  delete fn.aliases[String(input.Name)];
  return { status: 204 };
};

/** ListAliases, optionally for one version, paged. */
export const listAliases: LambdaHandler = ({ account, input }) => {
  const fn = findFunction(account, String(input.FunctionName));
  const aliases = Object.values(fn.aliases)
    .filter(
      (alias) =>
        input.FunctionVersion === undefined || alias.FunctionVersion === input.FunctionVersion,
    )
    .sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
  const { page, nextMarker } = pageOf(aliases, input.Marker, input.MaxItems);
  return { body: { Aliases: page, ...(nextMarker ? { NextMarker: nextMarker } : {}) } };
};
