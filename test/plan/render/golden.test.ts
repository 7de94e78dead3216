// Golden-file tests for the three plan formats. After an intended output change, refresh the
// files with `UPDATE_GOLDEN=1 npx vitest run test/plan/render` and review `git diff` of golden/.
import { describe, it } from 'vitest';
import { renderJson, renderMarkdown, renderText } from '../../../src/plan/render/index.js';
import type { Plan } from '../../../src/plan/types.js';
import { expectGolden } from './golden.js';
import { emptyPlan, fullPlan, hugePlan } from './plans.js';

const plans: [string, Plan][] = [
  ['empty', emptyPlan],
  ['full', fullPlan],
];

describe('plan renderers match their golden files', () => {
  it.each(plans)('renders the %s plan as text without colour', (name, plan) => {
    expectGolden(`${name}.txt`, renderText(plan, { color: false }));
  });

  it.each(plans)('renders the %s plan as text with ANSI colour', (name, plan) => {
    expectGolden(`${name}.color.txt`, renderText(plan, { color: true }));
  });

  it.each(plans)('renders the %s plan as markdown', (name, plan) => {
    expectGolden(`${name}.md`, renderMarkdown(plan));
  });

  it.each(plans)('renders the %s plan as json', (name, plan) => {
    expectGolden(`${name}.json`, renderJson(plan));
  });

  it('cuts the markdown of a huge plan to the cap with a note', () => {
    expectGolden('huge.md', renderMarkdown(hugePlan()));
  });
});
