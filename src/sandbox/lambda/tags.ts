import type { Account } from '../account.js';
import { invalidParameter, notFound } from '../errors.js';
import type { LambdaHandler } from './handler.js';

/** AWS allows this many tags on one resource. */
const MAX_TAGS = 50;

/** The ARN tags are kept under, after checking the function or capacity provider exists. */
function taggedArn(account: Account, resource: string): string {
  const parts = resource.split(':');
  const kind = parts[5];
  const name = parts[6] ?? '';
  if (kind === 'function') {
    if (parts.length > 7) throw invalidParameter('tags apply to the unqualified function ARN');
    if (!account.state.functions[name]) throw notFound(`Function not found: ${resource}`);
    return account.arn('function', name);
  }
  if (kind === 'capacity-provider') {
    if (!account.state.providers[name]) throw notFound(`Capacity provider not found: ${resource}`);
    return account.arn('capacity-provider', name);
  }
  // Limitation: event-source mappings, code-signing configs and network connectors are not
  // modelled.
  throw invalidParameter(`resource ${resource} cannot be tagged in the sandbox`);
}

/** TagResource: merges tags (at most 50 per resource). */
export const tagResource: LambdaHandler = ({ account, input }) => {
  const arn = taggedArn(account, String(input.Resource));
  const merged = { ...account.state.tags[arn], ...(input.Tags as Record<string, string>) };
  if (Object.keys(merged).length > MAX_TAGS) {
    throw invalidParameter(`a resource can have at most ${MAX_TAGS} tags`);
  }
  account.state.tags[arn] = merged;
  return { status: 204 };
};

/** UntagResource: removes the given keys; absent keys are no error. */
export const untagResource: LambdaHandler = ({ account, input }) => {
  const arn = taggedArn(account, String(input.Resource));
  const tags = { ...account.state.tags[arn] };
  for (const key of input.TagKeys as string[]) delete tags[key];
  account.state.tags[arn] = tags;
  return { status: 204 };
};

/** ListTags of a function or capacity provider ARN. */
export const listTags: LambdaHandler = ({ account, input }) => {
  const arn = taggedArn(account, String(input.Resource));
  return { body: { Tags: account.state.tags[arn] ?? {} } };
};
