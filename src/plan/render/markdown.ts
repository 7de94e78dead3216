import type { Change, Difference, Plan, PlanError, Violation } from '../types.js';
import { ACTION_SIGN, LISTED_ACTIONS } from './actions.js';
import { escapeMarkdown, fenceFor } from './markdown-escape.js';
import { costTotal, formatUsd, formatUsdDelta } from './money.js';
import { SENSITIVE_PLACEHOLDER, isSensitive } from './redaction.js';
import { blockingCount, hasChanges, summaryLine } from './summary.js';
import {
  formatLocation,
  formatValue,
  listedChanges,
  singleLine,
  truncate,
  type ListedChange,
} from './values.js';

/** Options of the Markdown renderer. */
export interface MarkdownOptions {
  /** Most characters the output may have; at most 65,535 (GitHub's comment limit is 65,536). */
  maxLength?: number;
}

/** The default cap, leaving room under GitHub's limit for a bot's own header. */
export const DEFAULT_MARKDOWN_MAX_LENGTH = 60_000;
const GITHUB_COMMENT_LIMIT = 65_536;
const MIN_MAX_LENGTH = 2_000;

/** Longest value shown in a diff line; Markdown has room for more than a terminal line. */
const VALUE_WIDTH = 200;

interface Section {
  text: string;
  /** Set on a changed resource's section: dropping it leaves that resource out. */
  resource?: true;
}

/**
 * Renders a plan as a pull-request comment: title and counts, guardrail results (blocking ones
 * called out), errors, one collapsible diff per changed resource, then cost. User-controlled text
 * is escaped. When longer than `maxLength` (default 60,000), whole resource sections are dropped
 * from the end, then the trailing sections, and a note says what was left out. Throws a RangeError
 * for a `maxLength` outside 2,000..65,535. Pure and deterministic; never prints a sensitive value.
 */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MARKDOWN_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < MIN_MAX_LENGTH) {
    throw new RangeError(`markdown max length must be an integer of at least ${MIN_MAX_LENGTH}`);
  }
  if (maxLength >= GITHUB_COMMENT_LIMIT) {
    throw new RangeError(`markdown max length must stay below ${GITHUB_COMMENT_LIMIT}`);
  }

  const head = headSections(plan);
  const body = [
    violationsSection(plan.violations),
    ...optional(plan.errors.length > 0, () => errorsSection(plan.errors)),
    ...changeSections(plan.changes),
    ...optional(plan.cost.length > 0, () => costSection(plan)),
  ];
  return fit(head, body, maxLength);
}

function optional(condition: boolean, section: () => Section): Section[] {
  return condition ? [section()] : [];
}

function headSections(plan: Plan): string[] {
  const facts = [`controller ${code(plan.controllerId)}`, `region ${code(plan.region)}`];
  if (plan.revision !== undefined) facts.push(`revision ${code(plan.revision)}`);
  const head = [`## lmi plan`, `**${summaryLine(plan)}**`, facts.join(' · ')];

  if (hasChanges(plan)) head.push(countsTable(plan));
  const blocking = blockingCount(plan);
  if (blocking > 0) {
    head.push(
      `> [!CAUTION]\n> **Blocked:** ${blocking} guardrail violation(s) with enforcement Block. ` +
        '`lmi apply` will change nothing until they are resolved.',
    );
  }
  return head;
}

function countsTable(plan: Plan): string {
  const rows = LISTED_ACTIONS.map((action) => `| ${action} | ${plan.summary[action]} |`);
  return ['| Action | Resources |', '| --- | ---: |', ...rows].join('\n');
}

function violationsSection(violations: readonly Violation[]): Section {
  if (violations.length === 0) return { text: '### Guardrail results\n\nNo guardrail violations.' };
  const rows = violations.map((violation) => {
    const enforcement = violation.enforcement === 'Block' ? '**Block**' : 'Warn';
    const cells = [
      enforcement,
      escapeMarkdown(violation.guardrail),
      escapeMarkdown(`${violation.kind} ${violation.name}`),
      escapeMarkdown(formatLocation(violation.location) ?? ''),
      escapeMarkdown(violation.rule),
      escapeMarkdown(violation.found),
      escapeMarkdown(violation.allowed),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const header = '| Enforcement | Guardrail | Object | Location | Rule | Found | Allowed |';
  const table = [header, '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
  return { text: `### Guardrail results\n\n${table}` };
}

function errorsSection(errors: readonly PlanError[]): Section {
  const items = errors.map((error) => {
    const where = formatLocation(error.location);
    const object = escapeMarkdown(`${error.kind} ${error.name}`);
    const located = where === undefined ? object : `${object} (${escapeMarkdown(where)})`;
    return `- ${located}: ${escapeMarkdown(error.message)}`;
  });
  return { text: `### Errors\n\n${items.join('\n')}` };
}

function changeSections(changes: readonly Change[]): Section[] {
  const listed = listedChanges(changes);
  if (listed.length === 0) return [];

  const sections: Section[] = listed.map((change) => ({
    text: changeSection(change),
    resource: true,
  }));
  return [{ text: '### Changes' }, ...sections];
}

function changeSection(change: ListedChange): string {
  const action = change.action;
  const notes = [
    change.suspended === true ? ' (suspended: reported, not applied)' : '',
    change.retain === true ? ' (retained: ownership dropped, resource kept)' : '',
  ].join('');
  const sign = ACTION_SIGN[action];
  const verb = sign === action ? action : `${escapeMarkdown(sign)} ${action}`;
  const object = escapeMarkdown(`${change.kind} ${change.name}`);
  const title = `${verb} <code>${object}</code>${notes}`;

  const parts = [`<details><summary>${title}</summary>`, ''];
  if (change.reason !== undefined) parts.push(`Reason: ${escapeMarkdown(change.reason)}`, '');
  if (change.cascade !== undefined && change.cascade.length > 0) {
    const functions = change.cascade.map(escapeMarkdown).join(', ');
    parts.push(`Cascade: functions ${functions} move off it first.`, '');
  }
  if (change.differences.length > 0) parts.push(diffBlock(change.differences), '');
  parts.push('</details>');
  return parts.join('\n');
}

function diffBlock(differences: readonly Difference[]): string {
  const body = differences.flatMap(diffLines).join('\n');
  const fence = fenceFor(body);
  return `${fence}diff\n${body}\n${fence}`;
}

function diffLines(difference: Difference): string[] {
  const path = singleLine(difference.path);
  if (isSensitive(difference)) return [`! ${path}: ${SENSITIVE_PLACEHOLDER}`];

  const lines: string[] = [];
  if (difference.live !== undefined) {
    lines.push(`- ${path}: ${formatValue(difference.live, VALUE_WIDTH)}`);
  }
  if (difference.desired !== undefined) {
    lines.push(`+ ${path}: ${formatValue(difference.desired, VALUE_WIDTH)}`);
  }
  return lines;
}

function costSection(plan: Plan): Section {
  const total = costTotal(plan.cost);
  const rows = [...plan.cost, total].map((line) => {
    const name = line === total ? '**Total**' : escapeMarkdown(line.name);
    const delta = formatUsdDelta(line.desiredMonthlyUsd - line.liveMonthlyUsd);
    const amounts = [formatUsd(line.liveMonthlyUsd), formatUsd(line.desiredMonthlyUsd), delta];
    return `| ${name} | ${amounts.map(escapeMarkdown).join(' | ')} |`;
  });
  const table = [
    '| Capacity provider | Live | Desired | Change |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
  return { text: `### Monthly cost ceiling\n\nFrom each provider's maxVCpuCount.\n\n${table}` };
}

/**
 * Joins head and body, dropping body sections until the whole fits in `maxLength`: resource
 * sections from the last one back first (they are the bulk and the JSON plan has them all), then
 * any other section from the end. Lengths are summed, not re-rendered, so a huge plan stays linear.
 */
function fit(head: readonly string[], body: readonly Section[], maxLength: number): string {
  const kept = [...body];
  const resourceTotal = kept.filter((section) => section.resource).length;
  const dropped = { resources: 0, sections: 0 };
  const separator = '\n\n';
  const blocks = [...head, ...kept.map((section) => section.text)];
  let length = blocks.reduce((sum, block) => sum + block.length + separator.length, 0);

  const noteLength = (): number => {
    const note = truncationNote(dropped, resourceTotal);
    return note === undefined ? 0 : note.length + separator.length;
  };
  while (length + noteLength() > maxLength && kept.length > 0) {
    length -= dropLastSection(kept, dropped).length + separator.length;
  }

  // The note goes right under the summary, where a reviewer cannot miss it.
  const note = truncationNote(dropped, resourceTotal);
  const all = [...head, ...(note === undefined ? [] : [note]), ...kept.map((s) => s.text)];
  return `${all.join(separator)}\n`;
}

/** Removes the section to drop next from `kept`, counts it in `dropped` and returns its text. */
function dropLastSection(
  kept: Section[],
  dropped: { resources: number; sections: number },
): string {
  const lastResource = kept.findLastIndex((section) => section.resource);
  const index = lastResource >= 0 ? lastResource : kept.length - 1;
  const [section] = kept.splice(index, 1);
  if (lastResource >= 0) dropped.resources += 1;
  else dropped.sections += 1;
  return section?.text ?? '';
}

function truncationNote(
  dropped: { resources: number; sections: number },
  resourceTotal: number,
): string | undefined {
  if (dropped.resources === 0 && dropped.sections === 0) return undefined;

  const what =
    dropped.resources > 0
      ? `${dropped.resources} of ${resourceTotal} changed resources are not shown`
      : 'Some sections are not shown';
  const more = dropped.sections > 0 && dropped.resources > 0 ? ', nor some later sections' : '';
  return (
    `> [!NOTE]\n> This comment was cut to fit GitHub's size limit: ${what}${more}. ` +
    'See the full plan with `lmi plan --format json` or in the CI log.'
  );
}

/** Longest controller id or revision shown, so the part never dropped stays small. */
const FACT_WIDTH = 100;

function code(text: string): string {
  return `<code>${escapeMarkdown(truncate(text, FACT_WIDTH))}</code>`;
}
