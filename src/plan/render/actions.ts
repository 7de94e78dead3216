import type { Action } from '../types.js';

/** The actions a plan lists; a noop is counted but never shown. */
export type ListedAction = Exclude<Action, 'noop'>;

/** The sign that starts a change's line in text and in Markdown section titles. */
export const ACTION_SIGN: Record<ListedAction, string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  adopt: 'adopt',
};

/** The listed actions in the order summaries count them. */
export const LISTED_ACTIONS: readonly ListedAction[] = [
  'create',
  'update',
  'replace',
  'delete',
  'adopt',
];
