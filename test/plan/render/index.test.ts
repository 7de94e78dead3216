import { describe, expect, it } from 'vitest';
import {
  PLAN_FORMATS,
  isPlanFormat,
  renderJson,
  renderMarkdown,
  renderPlan,
  renderText,
} from '../../../src/plan/render/index.js';
import { fullPlan } from './plans.js';

describe('renderPlan', () => {
  it.each([
    ['text', renderText(fullPlan, { color: true })],
    ['markdown', renderMarkdown(fullPlan)],
    ['json', renderJson(fullPlan)],
  ] as const)('picks the %s renderer by name', (format, expected) => {
    expect(renderPlan(fullPlan, format, { color: true })).toBe(expected);
  });

  it('passes the markdown cap through', () => {
    expect(
      renderPlan(fullPlan, 'markdown', { color: false, markdownMaxLength: 2_000 }).length,
    ).toBeLessThanOrEqual(2_000);
  });

  it('knows its format names and no others', () => {
    expect(PLAN_FORMATS.every(isPlanFormat)).toBe(true);
    expect(isPlanFormat('yaml')).toBe(false);
  });
});
