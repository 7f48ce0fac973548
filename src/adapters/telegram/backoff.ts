/** Capped exponential backoff with jitter, and a wait that a shutdown cuts short. */

export type Backoff = {
  /** The first wait. */
  initialMs: number;
  /** No wait is longer than this. */
  maxMs: number;
};

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000 };

/**
 * The wait before retry number `failures` (1 = after the first failure): initial × 2^(failures−1),
 * capped, with up to 20% taken off at random so that many processes restarted together spread out.
 */
export function backoffDelay(failures: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = backoff.initialMs * 2 ** Math.max(0, failures - 1);
  const capped = Math.min(backoff.maxMs, exponential);
  return Math.round(capped * (1 - 0.2 * random()));
}

/** Resolves after `ms`, or at once when `signal` aborts (it never rejects). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
