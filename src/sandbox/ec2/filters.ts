import { SandboxError } from '../errors.js';

/** An EC2 filter as decoded from the query. */
export interface Ec2Filter {
  Name?: string;
  Values?: string[];
}

/**
 * The filters a resource knows, each giving an item's values for it. `tag:<key>` and `tag-key`
 * are handled by `matchesFilters` from the item's tags.
 */
export type FilterFields<T> = Record<string, (item: T) => string[]>;

/** EC2's `*` and `?` wildcards as an anchored RegExp. */
export function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** True when the item matches every filter (any value of a filter may match). */
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
  return fields[name]?.(item) ?? [];
}

/** Throws InvalidParameterValue for a filter name the resource does not know, as EC2 does. */
export function assertKnownFilters<T>(filters: Ec2Filter[] | undefined, fields: FilterFields<T>) {
  for (const { Name: name = '' } of filters ?? []) {
    if (name.startsWith('tag:') || name === 'tag-key' || Object.hasOwn(fields, name)) continue;
    throw new SandboxError('InvalidParameterValue', 400, `The filter '${name}' is invalid`);
  }
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
