import type { Logger } from 'winston';
import { errorSummary } from '../middleware/error-handler';
import type { UsageRow } from '../store/open-store';

/** One request as the ledger stores it. */
export type UsageEvent = UsageRow;

/** The ledger's state for /health. */
export interface LedgerHealth {
  status: 'ok' | 'failing';
  /** Events waiting to be written (kept in memory while the database fails). */
  pending: number;
  /** Events given up because the backlog was full. */
  dropped: number;
  lastError?: string;
}

/** Options of {@link UsageLedger}. */
export interface UsageLedgerOptions {
  /** Writes one batch in a transaction (`Store.insertUsage`). */
  insert: (rows: readonly UsageEvent[]) => Promise<void>;
  logger: Logger;
  /** How often the buffer is written (ms). */
  flushMs: number;
  /** Write at once when this many events wait. */
  batchSize?: number;
  /** Events kept while the database fails; the oldest are dropped beyond. */
  maxBacklog?: number;
  /** Called with each written batch's last-use time per key. */
  onWritten?: (lastUsed: ReadonlyMap<string, string>) => Promise<void>;
}

/**
 * The usage ledger's writer. `record` only pushes to an array (the request path never waits on
 * the database); a timer writes the buffer in batches. When the database fails the events stay
 * buffered (up to `maxBacklog`), the failure is logged once per outage and shown in /health, and
 * no client answer is affected.
 */
export class UsageLedger {
  private buffer: UsageEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private failing: string | undefined;
  private dropped = 0;
  /** Events of the batch being written (still pending until it committed). */
  private inFlight = 0;
  private readonly batchSize: number;
  private readonly maxBacklog: number;

  constructor(private readonly options: UsageLedgerOptions) {
    this.batchSize = options.batchSize ?? 1000;
    this.maxBacklog = options.maxBacklog ?? 100_000;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.options.flushMs);
    this.timer.unref();
  }

  record(event: UsageEvent): void {
    this.buffer.push(event);
    if (this.buffer.length > this.maxBacklog) {
      this.buffer.shift();
      this.dropped++;
    }
    if (this.buffer.length >= this.batchSize && !this.writing && !this.failing)
      setImmediate(() => void this.flush());
  }

  health(): LedgerHealth {
    return {
      status: this.failing ? 'failing' : 'ok',
      pending: this.buffer.length + this.inFlight,
      dropped: this.dropped,
      ...(this.failing ? { lastError: this.failing } : {}),
    };
  }

  /** Writes what is buffered (one writer at a time); never throws. */
  flush(): Promise<void> {
    if (this.writing) return this.writing;
    if (this.buffer.length === 0) return Promise.resolve();
    this.writing = this.write().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    if (this.buffer.length > 0) await this.flush();
  }

  private async write(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    this.inFlight = batch.length;
    try {
      await this.options.insert(batch);
    } catch (error) {
      this.inFlight = 0;
      // Put the batch back in front of what arrived meanwhile, within the backlog cap.
      const kept = batch.concat(this.buffer);
      const overflow = Math.max(0, kept.length - this.maxBacklog);
      this.dropped += overflow;
      this.buffer = overflow ? kept.slice(overflow) : kept;
      const summary = errorSummary(error);
      if (!this.failing)
        this.options.logger.error('usage ledger: database write failed; keeping events in memory', {
          error: summary,
          pending: this.buffer.length,
        });
      this.failing = String(summary['message']);
      return;
    }
    this.inFlight = 0;
    if (this.failing) {
      this.options.logger.warn('usage ledger: database writes work again', {
        written: batch.length,
        dropped: this.dropped,
      });
      this.failing = undefined;
    }
    const lastUsed = new Map<string, string>();
    for (const event of batch) if (event.key_id) lastUsed.set(event.key_id, event.time);
    if (lastUsed.size > 0 && this.options.onWritten)
      await this.options.onWritten(lastUsed).catch((error: unknown) =>
        this.options.logger.warn('usage ledger: last-used times not saved', {
          error: errorSummary(error),
        }),
      );
  }
}
