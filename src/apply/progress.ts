/**
 * Where an apply reports waits that last longer than a second (a provider coming up, a version
 * being published). Implementations must not throw.
 */
export interface ProgressSink {
  /** A wait is still running; called about once a second after its first second. */
  waiting(label: string, elapsedMs: number): void;
  /** A wait ended, successfully or not; called only for waits that were reported. */
  ended(label: string, elapsedMs: number): void;
}

/** How often a running wait is reported. */
const TICK_MS = 1000;

/**
 * Runs `work` and, while it runs longer than a second, tells `sink` every second. Resolves or
 * rejects as `work` does; never lets the reporting outlive it.
 */
export async function reportWhile<T>(
  sink: ProgressSink | undefined,
  label: string,
  work: Promise<T>,
): Promise<T> {
  if (!sink) return work;
  const started = Date.now();
  let reported = false;
  const timer = setInterval(() => {
    reported = true;
    sink.waiting(label, Date.now() - started);
  }, TICK_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    if (reported) sink.ended(label, Date.now() - started);
  }
}

/**
 * Progress for a stream. On a TTY one line is rewritten in place with every running wait; on
 * anything else (CI logs) a line is written when a wait passes one second and then every five.
 */
export function streamProgress(stream: NodeJS.WritableStream, isTty: boolean): ProgressSink {
  return isTty ? new RewritingLine(stream) : new PlainLines(stream);
}

function describe(label: string, elapsedMs: number): string {
  return `waiting for ${label} (${Math.round(elapsedMs / 1000)}s)`;
}

class PlainLines implements ProgressSink {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  waiting(label: string, elapsedMs: number): void {
    const seconds = Math.round(elapsedMs / 1000);
    if (seconds === 1 || seconds % 5 === 0) this.stream.write(`${describe(label, elapsedMs)}\n`);
  }

  ended(): void {
    // Plain logs keep their lines; the summary says how each change ended.
  }
}

class RewritingLine implements ProgressSink {
  private readonly running = new Map<string, number>();

  constructor(private readonly stream: NodeJS.WritableStream) {}

  waiting(label: string, elapsedMs: number): void {
    this.running.set(label, elapsedMs);
    this.draw();
  }

  ended(label: string): void {
    this.running.delete(label);
    this.draw();
  }

  private draw(): void {
    const parts = [...this.running].map(([label, elapsed]) => describe(label, elapsed));
    const columns = (this.stream as { columns?: number }).columns ?? 100;
    const line = parts.join('; ').slice(0, Math.max(20, columns - 1));
    // \r and "erase line" redraw in place, so the terminal shows one line however long the wait.
    this.stream.write(`\r\u001b[2K${line}`);
  }
}
