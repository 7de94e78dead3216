import { describe, expect, it } from 'vitest';
import { renderText, wantsColor } from '../../../src/plan/render/index.js';
import type { Action, Change, Difference } from '../../../src/plan/types.js';
import { fullPlan, planWith } from './plans.js';

const change = (action: Action, differences: Difference[] = []): Change => ({
  kind: 'Function',
  name: `fn-${action}`,
  action,
  differences,
});

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

describe('text plan', () => {
  it.each<[string, Action[], string]>([
    ['nothing', [], 'No changes. Live state matches the manifests.'],
    ['only noops', ['noop', 'noop'], 'No changes. Live state matches the manifests.'],
    [
      'two creates, an update and a delete',
      ['create', 'create', 'update', 'delete', 'noop'],
      'Plan: 2 to create, 1 to update, 0 to replace, 1 to delete.',
    ],
    [
      'an adopt',
      ['adopt', 'replace'],
      'Plan: 0 to create, 0 to update, 1 to replace, 0 to delete, 1 to adopt.',
    ],
  ])('ends with the summary line for %s', (_case, actions, expected) => {
    const plan = planWith(actions.map((action) => change(action)));

    expect(lastLine(renderText(plan, { color: false }))).toBe(expected);
  });

  it.each<[Action, string]>([
    ['create', '+ Function fn-create'],
    ['update', '~ Function fn-update'],
    ['replace', '-/+ Function fn-replace'],
    ['delete', '- Function fn-delete'],
    ['adopt', 'adopt Function fn-adopt'],
  ])('starts a %s with its sign', (action, line) => {
    const lines = renderText(planWith([change(action)]), { color: false }).split('\n');

    expect(lines[0]).toBe(line);
  });

  it('does not list noop changes', () => {
    const text = renderText(planWith([change('noop'), change('update')]), { color: false });

    expect(text).not.toContain('fn-noop');
  });

  it('indents each difference as path: live -> desired, cutting long values', () => {
    const plan = planWith([
      change('update', [
        { path: 'memorySize', live: 1024, desired: 2048 },
        { path: 'description', live: 'a'.repeat(200), desired: 'short' },
      ]),
    ]);

    const lines = renderText(plan, { color: false }).split('\n');

    expect(lines[1]).toBe('    memorySize: 1024 -> 2048');
    expect(lines[2]).toMatch(/^ {4}description: "a{118}… -> "short"$/);
  });

  it('prints no escape sequence without colour and one per sign with it', () => {
    expect(renderText(fullPlan, { color: false })).not.toContain('\u001b');
    expect(renderText(fullPlan, { color: true })).toContain('\u001b[35m-/+\u001b[0m');
  });

  it('neutralises control characters in user text so a terminal cannot be driven', () => {
    const plan = planWith([{ ...change('delete'), reason: 'gone\u001b[2J\nnow' }]);

    const text = renderText(plan, { color: false });

    expect(text).not.toContain('\u001b');
    expect(text).toContain('reason: gone?[2J?now');
  });
});

describe('wantsColor', () => {
  it.each<[boolean | undefined, string | undefined, boolean]>([
    [true, undefined, true],
    [true, '', true],
    [true, '1', false],
    [false, undefined, false],
    [undefined, undefined, false],
  ])('on a tty %s with NO_COLOR=%j says %s', (isTTY, noColor, expected) => {
    const stream = isTTY === undefined ? {} : { isTTY };
    const environment = noColor === undefined ? {} : { NO_COLOR: noColor };

    expect(wantsColor(stream, environment)).toBe(expected);
  });
});
