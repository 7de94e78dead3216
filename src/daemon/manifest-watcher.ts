import { watch, type FSWatcher } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Logger } from '../logging/logger.js';

/** Options of `watchManifests`. */
export interface WatchOptions {
  /** Quiet time after the last file event before `onChange` is called; about a second. */
  debounceMs: number;
  onChange: () => void;
  logger: Logger;
}

/** A running watch; `close` stops every watcher and pending call. */
export interface ManifestWatch {
  close(): void;
}

/**
 * Calls `onChange` (debounced) when anything under the manifest paths changes. Each path is
 * watched recursively, and its parent folder too: a git-sync sidecar publishes a new checkout by
 * swapping a symlink, which the path's own watcher (bound to the old target) never sees, so a
 * parent event re-resolves the path and re-watches its new target. Watch failures are logged,
 * never thrown: the interval passes still run without events.
 */
export function watchManifests(paths: readonly string[], options: WatchOptions): ManifestWatch {
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(options.onChange, options.debounceMs);
  };
  const watches = paths.map((path) => new PathWatch(resolve(path), changed, options.logger));
  return {
    close() {
      clearTimeout(timer);
      for (const pathWatch of watches) pathWatch.close();
    },
  };
}

/** The watchers of one manifest path: its (resolved) target and its parent folder. */
class PathWatch {
  private target: FSWatcher | undefined;
  private readonly parent: FSWatcher | undefined;
  private resolvedTo: string | undefined;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly changed: () => void,
    private readonly logger: Logger,
  ) {
    this.parent = this.open(dirname(path), false, (file) => {
      if (file === null || file === basename(path)) this.retarget(true);
    });
    this.retarget(false);
  }

  close(): void {
    this.closed = true;
    this.target?.close();
    this.parent?.close();
  }

  /** Re-resolves the path (a symlink may point elsewhere now) and re-watches when it moved. */
  private retarget(notify: boolean): void {
    if (notify) this.changed();
    void this.resolveTarget().then((resolved) => {
      if (this.closed || (resolved?.path === this.resolvedTo && this.target)) return;
      this.target?.close();
      this.target = undefined;
      this.resolvedTo = resolved?.path;
      if (resolved) this.target = this.open(resolved.path, resolved.isDirectory, this.changed);
    });
  }

  private async resolveTarget(): Promise<{ path: string; isDirectory: boolean } | undefined> {
    try {
      const path = await realpath(this.path);
      return { path, isDirectory: (await stat(path)).isDirectory() };
    } catch {
      return undefined;
    }
  }

  private open(
    path: string,
    recursive: boolean,
    onEvent: (file: string | null) => void,
  ): FSWatcher | undefined {
    try {
      const watcher = watch(path, { recursive, persistent: false }, (_event, file) =>
        onEvent(file),
      );
      watcher.on('error', (error) => {
        this.logger.warn({ err: error, path }, 'manifest watch failed');
      });
      return watcher;
    } catch (error) {
      this.logger.warn({ err: error, path }, 'manifest watch could not start');
      return undefined;
    }
  }
}
