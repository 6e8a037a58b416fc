/**
 * What the gateway's own code needs of an abort signal. A standard `AbortSignal` fits, and so
 * does {@link AbortFlag}.
 */
export interface AbortLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * An AbortController and its signal in one small object: aborts an upstream attempt (client
 * gone, first-byte or idle timeout, consumer stopped) or marks a client as gone. Every request
 * needs a few of these; a standard AbortController + AbortSignal (an EventTarget) costs several
 * times more to create, listen to and unlisten from (CPU profile under the benchmark). undici
 * accepts it as a request's `signal`; where a real `AbortSignal` is needed (fetch),
 * {@link asAbortSignal}.
 */
export class AbortFlag implements AbortLike {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] | undefined;

  /** Aborts once (later calls do nothing) and calls every listener, once. */
  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** Listeners run at most once, as with `{ once: true }`. */
  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) return;
    (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.listeners?.indexOf(listener) ?? -1;
    if (index >= 0) this.listeners?.splice(index, 1);
  }
}

/** A standard AbortSignal that follows `signal` (itself, when it already is one). */
export function asAbortSignal(signal: AbortLike): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  if (signal.aborted) return AbortSignal.abort(signal.reason);
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}
