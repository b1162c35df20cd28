// Waiting for a change's marker to arrive, on a dashboard's stream or on the API server's own watch.

export interface MarkerWaiters {
  /** Resolves every waiter whose marker `text` contains, with `at`. */
  seen(text: string, at: number): void;
  /** Resolves with the performance.now() passed to `seen` for the first text containing `marker`. */
  waitFor(marker: string, timeoutMs: number): Promise<number>;
}

/** `source` names where the markers are looked for, in the error of a marker that never came. */
export function markerWaiters(source: string): MarkerWaiters {
  const waiters = new Map<string, (at: number) => void>();
  return {
    seen(text, at) {
      for (const [marker, resolve] of waiters)
        if (text.includes(marker)) {
          waiters.delete(marker);
          resolve(at);
        }
    },
    waitFor: (marker, timeoutMs) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(marker);
          reject(new Error(`${source}: no message with ${marker} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(marker, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      }),
  };
}
