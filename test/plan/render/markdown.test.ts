import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/plan/render/index.js';
import { escapeMarkdown, fenceFor } from '../../../src/plan/render/markdown-escape.js';
import type { Change } from '../../../src/plan/types.js';
import { fullPlan, hugePlan, planWith } from './plans.js';

describe('markdown plan', () => {
  it('puts the summary first and the cost last', () => {
    const markdown = renderMarkdown(fullPlan);

    const summary = markdown.indexOf('Plan: 1 to create');
    const guardrails = markdown.indexOf('### Guardrail results');
    const changes = markdown.indexOf('<details>');
    const cost = markdown.indexOf('### Monthly cost ceiling');
    expect(summary).toBeGreaterThan(0);
    expect([summary, guardrails, changes, cost]).toEqual(
      [summary, guardrails, changes, cost].sort((a, b) => a - b),
    );
  });

  it('calls out a blocking guardrail violation', () => {
    expect(renderMarkdown(fullPlan)).toContain('**Blocked:** 1 guardrail violation(s)');
  });

  it.each([2_000, 10_000, 60_000, 65_535])(
    'stays within a cap of %i characters and says how many resources it left out',
    (maxLength) => {
      const markdown = renderMarkdown(hugePlan(), { maxLength });

      expect(markdown.length).toBeLessThanOrEqual(maxLength);
      const shown = markdown.match(/<details>/g)?.length ?? 0;
      expect(markdown).toContain(`${400 - shown} of 400 changed resources are not shown`);
      expect(markdown).toContain('--format json');
    },
  );

  it('drops whole resource sections, never half of one', () => {
    const markdown = renderMarkdown(hugePlan(), { maxLength: 5_000 });

    expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
  });

  it('stays within the cap when the guardrail results alone are too long, keeping the call-out', () => {
    const violation = {
      guardrail: 'no-open-ingress',
      enforcement: 'Block' as const,
      kind: 'CapacityProvider' as const,
      name: 'batch',
      rule: 'forbidOpenIngress',
      found: 'sg-0c0ffee00000000e1 allows 0.0.0.0/0 on 443',
      allowed: 'no inbound rule from 0.0.0.0/0 or ::/0',
    };
    const plan = planWith(hugePlan(5).changes, {
      violations: Array.from({ length: 2_000 }, () => violation),
      revision: 'r'.repeat(100_000),
    });

    const markdown = renderMarkdown(plan, { maxLength: 2_000 });

    expect(markdown.length).toBeLessThanOrEqual(2_000);
    expect(markdown).toContain('**Blocked:** 2000 guardrail violation(s)');
    expect(markdown).toContain('5 of 5 changed resources are not shown, nor some later sections');
  });

  it('keeps the whole plan and adds no note when it fits', () => {
    const markdown = renderMarkdown(hugePlan(10));

    expect(markdown.match(/<details>/g)).toHaveLength(10);
    expect(markdown).not.toContain('not shown');
  });

  it.each([65_536, 100, 2.5])('refuses a cap of %d', (maxLength) => {
    expect(() => renderMarkdown(fullPlan, { maxLength })).toThrow(RangeError);
  });

  it('keeps hostile names and messages from breaking out of tables and summaries', () => {
    const hostile = 'x | y `z` <img src=x onerror=alert(1)> </details> [a](http://e)';
    const change: Change = {
      kind: 'Function',
      name: hostile,
      action: 'update',
      reason: hostile,
      differences: [{ path: 'description', live: '```\n# injected', desired: hostile }],
    };
    const plan = planWith([change], {
      violations: [
        {
          guardrail: hostile,
          enforcement: 'Warn',
          kind: 'Function',
          name: hostile,
          rule: 'r',
          found: hostile,
          allowed: hostile,
        },
      ],
    });

    const markdown = renderMarkdown(plan);

    const outsideCode = markdown.replace(/`{3,}diff\n[\s\S]*?\n`{3,}/g, '');
    expect(outsideCode).not.toContain('<img');
    expect(outsideCode).not.toContain('</details> [');
    expect(outsideCode).not.toContain('`z`');
    expect(outsideCode).not.toMatch(/\| y /);
    expect(markdown).not.toContain('\n# injected');
  });

  it.each([
    ['a|b', 'a&#124;b'],
    ['<b>', '&#60;b&#62;'],
    ['`code`', '&#96;code&#96;'],
    ['two\nlines', 'two lines'],
    ['plain-name_1', 'plain-name&#95;1'],
    ['ping @org/admins', 'ping &#64;org/admins'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('fences a diff with more backticks than the longest run inside it', () => {
    expect(fenceFor('no ticks')).toBe('```');
    expect(fenceFor('a ```` b')).toBe('`````');
  });
});
