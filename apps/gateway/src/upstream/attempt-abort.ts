import { EventEmitter } from 'node:events';

/**
 * Aborts one upstream attempt (client gone, first-byte or idle timeout, consumer stopped). A plain
 * EventEmitter, which undici accepts as a request's `signal`: a fraction of the cost of creating
 * and listening to an AbortController, paid on every upstream call.
 */
export class AttemptAbort extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }

  /** A standard AbortSignal that follows this one (for fetch). */
  toAbortSignal(): AbortSignal {
    if (this.aborted) return AbortSignal.abort(this.reason);
    const controller = new AbortController();
    this.once('abort', () => controller.abort(this.reason));
    return controller.signal;
  }
}
