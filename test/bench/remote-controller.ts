import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PoolCalls } from './measure.js';

/** How the controller process is set up: what `lmi run` would get from its flags. */
export interface ControllerSetup {
  paths: string[];
  controllerId: string;
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  apiShare: number;
  deepIntervalMs: number;
  pollMs: number;
  timeoutMs: number;
  applyConcurrency: number;
}

/** One reconcile pass as the controller process measured it. */
export interface PassFigures {
  wallMs: number;
  calls: PoolCalls;
  /** Changes the pass planned that were not noop. */
  changes: number;
  /** Changes that failed or were skipped, plus a failure of the pass as a whole. */
  failures: number;
  /** The first few of those, as `Kind/name: message`, to say why. */
  failureSamples: string[];
}

/** What the controller process reports when it is done. */
export interface ControllerTotals {
  /** Peak resident set size of the controller process over the whole run, in MiB. */
  peakRssMiB: number;
  /** Its resident set size once the controller had loaded, before the first pass. */
  loadedRssMiB: number;
  throttled: number;
}

type Reply =
  | { type: 'ready'; rssMiB: number }
  | ({ type: 'pass' } & PassFigures)
  | { type: 'finished'; peakRssMiB: number; throttled: number }
  | { type: 'error'; message: string };

const CHILD = fileURLToPath(new URL('./controller-process.mjs', import.meta.url));

/**
 * The compiled controller (dist/) running in a child process, driven pass by pass, so that its
 * memory is measured apart from the in-process sandbox and the harness. Needs `npm run build`.
 */
export class RemoteController {
  private loadedRssMiB = 0;

  private constructor(private readonly child: ChildProcess) {}

  /** Starts the child and sets the controller up; rejects when it cannot start. */
  static async start(setup: ControllerSetup): Promise<RemoteController> {
    // No loader flags: the controller runs as plain Node runs it in production.
    const child = fork(CHILD, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const controller = new RemoteController(child);
    const ready = await controller.request({ type: 'start', setup }, 'ready');
    controller.loadedRssMiB = ready.rssMiB;
    return controller;
  }

  /** Runs one reconcile pass in apply mode. */
  async pass(): Promise<PassFigures> {
    const { type: _type, ...figures } = await this.request({ type: 'pass' }, 'pass');
    return figures;
  }

  /** Ends the child and returns its memory and throttle figures. */
  async finish(): Promise<ControllerTotals> {
    const done = await this.request({ type: 'finish' }, 'finished');
    return {
      peakRssMiB: done.peakRssMiB,
      loadedRssMiB: this.loadedRssMiB,
      throttled: done.throttled,
    };
  }

  /** Stops the child if it is still running (after a failure). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private request<T extends Reply['type']>(
    message: object,
    expected: T,
  ): Promise<Extract<Reply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        cleanup();
        if (reply.type === expected) resolve(reply as Extract<Reply, { type: T }>);
        else if (reply.type === 'error') reject(new Error(`controller process: ${reply.message}`));
        else reject(new Error(`controller process answered ${reply.type}, not ${expected}`));
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`controller process exited (${code ?? 'signal'}) before answering`));
      };
      const cleanup = () => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send(message);
    });
  }
}
