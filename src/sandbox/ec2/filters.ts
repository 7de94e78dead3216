import { SandboxError } from '../errors.js';

/** An EC2 filter as decoded from the query. */
export interface Ec2Filter {
  Name?: string;
  Values?: string[];
}

/**
 * The values an item has for a filter name, or undefined when the name is not a filter of this
 * resource. `tag:<key>` and `tag-key` are handled by `matchesFilters` from the item's tags.
 */
export type FilterFields<T> = (item: T, name: string) => string[] | undefined;

/** EC2's `*` and `?` wildcards as an anchored RegExp. */
export function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/**
 * True when the item matches every filter (any value of a filter may match). Throws
 * InvalidParameterValue for a filter name the resource does not know, as EC2 does.
 */
export function matchesFilters<T>(
  item: T,
  filters: Ec2Filter[] | undefined,
  fields: FilterFields<T>,
  tags: (item: T) => Record<string, string>,
): boolean {
  return (filters ?? []).every((filter) => {
    const name = filter.Name ?? '';
    const wanted = (filter.Values ?? []).map(wildcard);
    const have = valuesOf(item, name, fields, tags);
    return have.some((value) => wanted.some((pattern) => pattern.test(value)));
  });
}

function valuesOf<T>(
  item: T,
  name: string,
  fields: FilterFields<T>,
  tags: (item: T) => Record<string, string>,
): string[] {
  if (name.startsWith('tag:')) {
    const value = tags(item)[name.slice(4)];
    return value === undefined ? [] : [value];
  }
  if (name === 'tag-key') return Object.keys(tags(item));
  const values = fields(item, name);
  if (values === undefined) {
    throw new SandboxError('InvalidParameterValue', 400, `The filter '${name}' is invalid`);
  }
  return values;
}

/** EC2 tags as a `[{Key, Value}]` list. */
export function tagList(
  tags: Record<string, string> | undefined,
): { Key: string; Value: string }[] {
  return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/** Pages by NextToken (an index) and MaxResults. */
export function ec2Page<T>(items: T[], nextToken: unknown, maxResults: unknown) {
  const start = typeof nextToken === 'string' ? Number.parseInt(nextToken, 10) || 0 : 0;
  const size = typeof maxResults === 'number' ? maxResults : 1000;
  const page = items.slice(start, start + size);
  const next = start + size;
  return next < items.length ? { page, NextToken: String(next) } : { page };
}
