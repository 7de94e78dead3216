import { userTags } from '../plan/compare.js';
import type { Comparable } from '../plan/compare.js';

/**
 * Tags as canonical view entries, one path per key (`tags.team`). The controller's own (`lmi:*`)
 * and AWS's (`aws:*`) tags are left out. Only user tags are returned; pair it with
 * `tagViewAgainst` on the desired side so a live tag the manifest dropped shows as removed.
 */
export function tagView(tags: Record<string, string> | undefined): Comparable {
  const view: Comparable = {};
  for (const [key, value] of Object.entries(userTags(tags))) view[`tags.${key}`] = value;
  return view;
}

/**
 * Completes a desired view against the live one for keyed maps (tags, environment variables,
 * aliases): a live key under `prefix` the desired view lacks gets `null`, meaning "must not
 * exist", so removing an entry from a manifest removes it from AWS.
 */
export function completeKeyedView(
  desired: Comparable,
  live: Comparable,
  prefix: string,
): Comparable {
  const completed = { ...desired };
  for (const path of Object.keys(live)) {
    if (path.startsWith(prefix) && !(path in completed)) completed[path] = null;
  }
  return completed;
}
