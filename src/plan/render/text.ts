import type { Change, Difference, Plan, PlanError, Violation } from '../types.js';
import { ACTION_SIGN, type ListedAction } from './actions.js';
import { costTotal, formatUsd, formatUsdDelta } from './money.js';
import { SENSITIVE_PLACEHOLDER, isSensitive } from './redaction.js';
import { blockingCount, summaryLine } from './summary.js';
import {
  formatLocation,
  formatValue,
  listedChanges,
  singleLine,
  type ListedChange,
} from './values.js';

/** Options of the text renderer; the CLI passes `process.stdout.isTTY && !NO_COLOR`. */
export interface TextOptions {
  color: boolean;
}

/**
 * Whether text output to `stream` should be coloured: only on a terminal, and never when the
 * NO_COLOR convention asks for none (the variable set and not empty). Reads only what it is given.
 */
export function wantsColor(
  stream: { isTTY?: boolean },
  environment: Readonly<Record<string, string | undefined>>,
): boolean {
  const noColor = environment.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

/** Longest value shown in a difference line before it is cut with an ellipsis. */
const VALUE_WIDTH = 120;
const INDENT = '    ';

// Plain SGR codes rather than util.styleText: newer Node versions make that consult the stream
// and NO_COLOR themselves, and here the caller has already decided.
const SGR = { green: 32, yellow: 33, red: 31, magenta: 35, cyan: 36, bold: 1 } as const;
type Style = keyof typeof SGR;

const ACTION_STYLE: Record<ListedAction, Style> = {
  create: 'green',
  update: 'yellow',
  replace: 'magenta',
  delete: 'red',
  adopt: 'cyan',
};

/**
 * Renders a plan for a terminal or a CI log: one line per change with its sign and the field
 * differences under it, then errors, guardrail results, cost, and the summary line last. ANSI
 * colour only when `options.color`. Pure and deterministic; never prints a sensitive value.
 */
export function renderText(plan: Plan, options: TextOptions): string {
  const paint = painter(options.color);
  const blocks = [
    listedChanges(plan.changes).map((change) => changeBlock(change, paint)),
    plan.errors.length > 0 ? [errorsBlock(plan.errors, paint)] : [],
    plan.violations.length > 0 ? [violationsBlock(plan.violations, paint)] : [],
    plan.cost.length > 0 ? [costBlock(plan, paint)] : [],
    [footer(plan, paint)],
  ].flat();

  return `${blocks.join('\n\n')}\n`;
}

type Paint = (style: Style, text: string) => string;

function painter(color: boolean): Paint {
  return color ? (style, text) => `\u001b[${SGR[style]}m${text}\u001b[0m` : (_style, text) => text;
}

function changeBlock(change: ListedChange, paint: Paint): string {
  const action = change.action;
  const title = `${paint(ACTION_STYLE[action], ACTION_SIGN[action])} ${objectName(change)}`;
  const lines = [title + changeNotes(change)];

  if (change.reason !== undefined) lines.push(`${INDENT}reason: ${singleLine(change.reason)}`);
  if (change.cascade !== undefined && change.cascade.length > 0) {
    const functions = change.cascade.map(singleLine).join(', ');
    lines.push(`${INDENT}cascade: functions ${functions} move off it first`);
  }
  lines.push(...change.differences.map((difference) => INDENT + differenceLine(difference)));

  return lines.join('\n');
}

function changeNotes(change: Change): string {
  const notes: string[] = [];
  if (change.suspended === true) notes.push('suspended: reported, not applied');
  if (change.retain === true) notes.push('retained: ownership dropped, resource kept');
  return notes.map((note) => `  (${note})`).join('');
}

function differenceLine(difference: Difference): string {
  const path = singleLine(difference.path);
  if (isSensitive(difference)) return `${path}: ${SENSITIVE_PLACEHOLDER}`;

  const live = formatValue(difference.live, VALUE_WIDTH);
  const desired = formatValue(difference.desired, VALUE_WIDTH);
  return `${path}: ${live} -> ${desired}`;
}

function errorsBlock(errors: readonly PlanError[], paint: Paint): string {
  const lines = errors.map((error) => {
    const where = formatLocation(error.location);
    const object = where === undefined ? objectName(error) : `${objectName(error)} (${where})`;
    return `  ${object}: ${singleLine(error.message)}`;
  });
  return [paint('red', `Errors (${errors.length}):`), ...lines].join('\n');
}

function violationsBlock(violations: readonly Violation[], paint: Paint): string {
  const lines = violations.flatMap((violation) => {
    const label =
      violation.enforcement === 'Block' ? paint('red', 'BLOCK') : paint('yellow', 'WARN');
    const where = formatLocation(violation.location);
    const object =
      where === undefined ? objectName(violation) : `${objectName(violation)} (${where})`;
    return [
      `  ${label} ${singleLine(violation.guardrail)}: ${object}`,
      `${INDENT}rule: ${singleLine(violation.rule)}`,
      `${INDENT}found: ${singleLine(violation.found)}`,
      `${INDENT}allowed: ${singleLine(violation.allowed)}`,
    ];
  });
  return [paint('bold', `Guardrail violations (${violations.length}):`), ...lines].join('\n');
}

function costBlock(plan: Plan, paint: Paint): string {
  const rows = [...plan.cost, costTotal(plan.cost)].map((line) => {
    const delta = line.desiredMonthlyUsd - line.liveMonthlyUsd;
    const amounts = `${formatUsd(line.liveMonthlyUsd)} -> ${formatUsd(line.desiredMonthlyUsd)}`;
    return `  ${singleLine(line.name)}: ${amounts} (${formatUsdDelta(delta)})`;
  });
  const title = paint('bold', 'Monthly cost ceiling (from maxVCpuCount), live -> desired:');
  return [title, ...rows].join('\n');
}

function footer(plan: Plan, paint: Paint): string {
  const blocking = blockingCount(plan);
  const summary = paint('bold', summaryLine(plan));
  if (blocking === 0) return summary;

  const blocked =
    `Blocked: ${blocking} guardrail violation(s) with enforcement Block; apply ` +
    `changes nothing.`;
  return `${paint('red', blocked)}\n${summary}`;
}

function objectName(object: { kind: string; name: string }): string {
  return `${object.kind} ${singleLine(object.name)}`;
}
