import { describe, expect, it } from 'vitest';
import { PassLoop } from '../../src/daemon/pass-loop.js';
import { capturingLogger, eventually, sleep } from './fakes.js';

function countingLoop(intervalMs: number, passMs: number) {
  const state = { started: 0, running: 0, maxConcurrent: 0, aborted: 0 };
  const loop = new PassLoop({
    intervalMs,
    jitter: 0.1,
    logger: capturingLogger().logger,
    async runPass(signal) {
      state.started += 1;
      state.running += 1;
      state.maxConcurrent = Math.max(state.maxConcurrent, state.running);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, passMs);
        signal.addEventListener('abort', () => {
          state.aborted += 1;
          clearTimeout(timer);
          resolve();
        });
      });
      state.running -= 1;
    },
  });
  return { loop, state };
}

describe('PassLoop', () => {
  it('runs a pass at start and then one per interval', async () => {
    const { loop, state } = countingLoop(50, 1);
    loop.start();
    await eventually(() => state.started >= 3);
    expect(await loop.stop(5000)).toBe(true);
  });

  it('waits the interval between passes when nothing triggers one', async () => {
    const { loop, state } = countingLoop(60_000, 1);
    loop.start();
    await sleep(300);
    expect(state.started).toBe(1);
    await loop.stop(5000);
  });

  it('starts a pass soon after a trigger instead of waiting the interval', async () => {
    const { loop, state } = countingLoop(60_000, 1);
    loop.start();
    await eventually(() => state.started === 1 && state.running === 0);
    loop.trigger();
    await eventually(() => state.started === 2);
    await loop.stop(5000);
  });

  it('never overlaps passes: triggers during a pass run one pass right after it', async () => {
    const { loop, state } = countingLoop(60_000, 300);
    loop.start();
    await eventually(() => state.running === 1);
    loop.trigger();
    loop.trigger();
    loop.trigger();
    await eventually(() => state.started === 2);
    await sleep(700);
    expect(state.started).toBe(2);
    expect(state.maxConcurrent).toBe(1);
    await loop.stop(5000);
  });

  it('aborts the in-flight pass on stop and waits for it to end', async () => {
    const { loop, state } = countingLoop(60_000, 60_000);
    loop.start();
    await eventually(() => state.running === 1);
    expect(await loop.stop(10_000)).toBe(true);
    expect(state.aborted).toBe(1);
    expect(state.running).toBe(0);
  });

  it('gives up waiting at the deadline when a pass ignores the abort', async () => {
    let release = (): void => undefined;
    const loop = new PassLoop({
      intervalMs: 60_000,
      jitter: 0,
      logger: capturingLogger().logger,
      runPass: () => new Promise<void>((resolve) => (release = resolve)),
    });
    loop.start();
    await sleep(50);
    expect(await loop.stop(100)).toBe(false);
    release();
  });

  it('keeps scheduling after a pass rejects', async () => {
    let passes = 0;
    const loop = new PassLoop({
      intervalMs: 20,
      jitter: 0,
      logger: capturingLogger().logger,
      runPass: () => {
        passes += 1;
        return Promise.reject(new Error('broken'));
      },
    });
    loop.start();
    await eventually(() => passes >= 2);
    await loop.stop(5000);
  });
});
