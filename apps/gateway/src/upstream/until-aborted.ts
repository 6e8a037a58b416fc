import type { AbortLike } from './abort-flag';

/**
 * `work`, or the signal's reason as soon as it aborts: the caller stops waiting, `work` itself
 * goes on (it may be shared, such as one token refresh for many requests) and its failure is
 * then ignored here.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortLike | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
