import type { SourceLocation } from '../../manifests/types.js';
import type { Change } from '../types.js';
import type { ListedAction } from './actions.js';

/** What a value absent on one side (a create's live, a delete's desired) is shown as. */
export const ABSENT = '(absent)';

const ELLIPSIS = '…';

/**
 * Returns a copy of a JSON-like value with object keys sorted at every depth, so the same value
 * always prints the same way whatever order the differ built it in. Never mutates its input.
 */
export function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value === null || typeof value !== 'object') return value;

  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, entry]) => [key, canonicalValue(entry)]));
}

/**
 * Formats a difference value on one line as compact JSON with sorted keys (strings quoted, so
 * control characters come out escaped), `(absent)` for undefined, cut to `maxLength` characters
 * with an ellipsis.
 */
export function formatValue(value: unknown, maxLength: number): string {
  if (value === undefined) return ABSENT;

  // JSON has no bigint and drops functions: say what the value was rather than throw or print
  // nothing.
  const json = JSON.stringify(canonicalValue(value), (_key, entry: unknown) =>
    typeof entry === 'bigint' ? entry.toString() : entry,
  ) as string | undefined;
  return truncate(json ?? `(${typeof value})`, maxLength);
}

/** Cuts text to at most `maxLength` characters, the last one an ellipsis when cut. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${text.slice(0, Math.max(0, maxLength - 1))}${ELLIPSIS}`;
}

/**
 * Makes free text (names, messages, reasons) safe for one line of output: control characters,
 * which could move a terminal cursor or start an escape sequence, become `?`.
 */
export function singleLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** `file:line` for a manifest location, the form editors and CI annotations link. */
export function formatLocation(location: SourceLocation | undefined): string | undefined {
  return location === undefined ? undefined : `${location.file}:${location.line}`;
}

/** A change a plan lists, that is any but a noop. */
export type ListedChange = Change & { action: ListedAction };

/** The changes a plan lists: every change but the noops, in plan order. */
export function listedChanges(changes: readonly Change[]): ListedChange[] {
  return changes.filter((change): change is ListedChange => change.action !== 'noop');
}
