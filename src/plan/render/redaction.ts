import type { Difference } from '../types.js';

/** What every format shows in place of a secret's values. */
export const SENSITIVE_PLACEHOLDER = '(sensitive value changed)';

const ENVIRONMENT_VARIABLES_PATH = 'environment.variables';

/**
 * True when a difference must be shown without values: it says so itself, or its path is at,
 * under or above `environment.variables` (a parent such as `environment` carries the variables in
 * its value). The path check is defence in depth for a differ that forgot to mark a secret.
 */
export function isSensitive(difference: Difference): boolean {
  if (difference.sensitive === true) return true;

  const path = difference.path.toLowerCase();
  return (
    path === '' ||
    path === ENVIRONMENT_VARIABLES_PATH ||
    path.startsWith(`${ENVIRONMENT_VARIABLES_PATH}.`) ||
    ENVIRONMENT_VARIABLES_PATH.startsWith(`${path}.`)
  );
}

/**
 * Returns the difference as it may be shown or stored: a sensitive one reduced to its path and
 * `sensitive: true`, any other one unchanged. Never returns a value of a sensitive difference.
 */
export function redactDifference(difference: Difference): Difference {
  return isSensitive(difference) ? { path: difference.path, sensitive: true } : difference;
}
