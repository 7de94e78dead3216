import type { Plan } from '../types.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export { renderJson } from './json.js';
export { DEFAULT_MARKDOWN_MAX_LENGTH, renderMarkdown, type MarkdownOptions } from './markdown.js';
export { renderText, wantsColor, type TextOptions } from './text.js';
export { summaryLine, hasChanges, blockingCount, NO_CHANGES } from './summary.js';

/** The output formats of `lmi plan --format`. */
export const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;

export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** What the format-picking renderer needs beyond the plan. */
export interface RenderOptions {
  /** Text only: ANSI colour. */
  color: boolean;
  /** Markdown only: the size cap (default 60,000). */
  markdownMaxLength?: number;
}

/** True when `name` is one of PLAN_FORMATS, for validating a `--format` option. */
export function isPlanFormat(name: string): name is PlanFormat {
  return (PLAN_FORMATS as readonly string[]).includes(name);
}

/**
 * Renders a plan in the named format. Pure; throws only what the chosen renderer throws (a
 * RangeError for a bad Markdown cap).
 */
export function renderPlan(plan: Plan, format: PlanFormat, options: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(plan, { color: options.color });
    case 'markdown':
      return options.markdownMaxLength === undefined
        ? renderMarkdown(plan)
        : renderMarkdown(plan, { maxLength: options.markdownMaxLength });
    case 'json':
      return renderJson(plan);
  }
}
