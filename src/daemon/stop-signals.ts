/** The signals a container runtime or a terminal sends to stop the daemon. */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** An abort signal tied to the process's stop signals. */
export interface StopSignals {
  /** Aborts on the first SIGTERM or SIGINT; its reason names the signal. */
  signal: AbortSignal;
  /** Removes the process listeners; call it once the daemon has stopped. */
  dispose(): void;
}

/**
 * Turns SIGTERM and SIGINT into an AbortSignal, so the daemon stops through the same path tests
 * drive with an AbortController. While listening, the signals no longer kill the process.
 */
export function listenForStopSignals(target: NodeJS.Process = process): StopSignals {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    controller.abort(new Error(`received ${name}`));
  };
  for (const name of STOP_SIGNALS) target.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose() {
      for (const name of STOP_SIGNALS) target.off(name, onSignal);
    },
  };
}

/** Resolves when `signal` aborts (at once when it already has). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}
