import type { Logger } from '../logging/logger.js';

/** Options of a `PassLoop`. */
export interface PassLoopOptions {
  /** Runs one pass; `signal` aborts when the loop stops. Rejections are logged, not fatal. */
  runPass(signal: AbortSignal): Promise<unknown>;
  /** Time between the end of one pass and the start of the next. */
  intervalMs: number;
  /** Spread of the interval, as a fraction (0.1 is +-10%), so replicas of many daemons desync. */
  jitter: number;
  logger: Logger;
}

/**
 * Schedules passes: one at start, then one per interval (with jitter) and one soon after each
 * `trigger`. Passes never overlap: a trigger during a pass starts the next pass right after it.
 */
export class PassLoop {
  private stopping = false;
  private pending = false;
  private inFlight: AbortController | undefined;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: PassLoopOptions) {}

  /** Starts the loop; the first pass begins at once. Calling it twice has no effect. */
  start(): void {
    this.running ??= this.loop();
  }

  /** Asks for a pass soon: now when idle, right after the current one when busy. */
  trigger(): void {
    this.pending = true;
    this.wake?.();
  }

  /**
   * Stops scheduling, aborts the in-flight pass and waits for it up to `deadlineMs`. Resolves to
   * true when the loop ended within the deadline, false when a pass was still running.
   */
  async stop(deadlineMs: number): Promise<boolean> {
    this.stopping = true;
    this.inFlight?.abort(new Error('the daemon is stopping'));
    this.wake?.();
    if (!this.running) return true;

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    });
    const ended = await Promise.race([this.running.then(() => true), deadline]);
    clearTimeout(timer);
    return ended;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.pending = false;
      this.inFlight = new AbortController();
      try {
        await this.options.runPass(this.inFlight.signal);
      } catch (error) {
        this.options.logger.error({ err: error }, 'pass crashed');
      }
      this.inFlight = undefined;
      if (!this.stopping) await this.waitForNext();
    }
  }

  private waitForNext(): Promise<void> {
    if (this.pending) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), this.jittered());
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private jittered(): number {
    const spread = (Math.random() * 2 - 1) * this.options.jitter;
    return Math.max(0, Math.round(this.options.intervalMs * (1 + spread)));
  }
}
