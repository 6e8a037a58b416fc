import type { RateLimitReason } from './rate-limit-error';

/** The calls a scripted fault can target. */
export type FaultMethod =
  | 'generateContent'
  | 'streamGenerateContent'
  | 'countTokens'
  | 'loadCodeAssist'
  | 'onboardUser'
  | 'retrieveUserQuota'
  | 'token';

/** Which requests a fault applies to; every given field must match. */
export interface FaultMatch {
  method?: FaultMethod;
  /** Bare model id (countTokens' `models/` prefix is stripped before matching). */
  model?: string;
  /** Refresh token of the calling account. */
  account?: string;
}

/** The behaviour a fault injects. */
export type FaultBehaviour =
  /** A raw error response. `body` defaults to a Google error for `status`. */
  | {
      kind: 'status';
      status: number;
      body?: unknown;
      arrayWrapped?: boolean;
      headers?: Record<string, string>;
    }
  /** 429 `RESOURCE_EXHAUSTED` with a cloudcode `ErrorInfo` and a `RetryInfo`. */
  | {
      kind: 'rate-limit';
      retryDelaySeconds: number;
      reason?: RateLimitReason;
      arrayWrapped?: boolean;
    }
  /** A Google 5xx error (default 503). */
  | { kind: 'server-error'; status?: 500 | 502 | 503 | 504 }
  /** Streams `afterEvents` events, then destroys the socket. */
  | { kind: 'reset-mid-stream'; afterEvents: number }
  /** Destroys the socket without answering. */
  | { kind: 'reset-before-response' }
  /** Delays the first byte and/or each stream event. */
  | { kind: 'slow'; chunkDelayMs?: number; firstByteDelayMs?: number }
  /** Never answers (until the client aborts or the emulator closes). */
  | { kind: 'hang' }
  /** Streams `afterEvents` events, then `data: {"error":…}` and ends. */
  | { kind: 'error-event'; afterEvents: number; status?: number }
  /** The stream (or unary answer) carries no `finishReason`. */
  | { kind: 'no-finish-reason' }
  /**
   * Any answer as raw bytes: `body` as is (HTML, an empty body, JSON of the wrong shape),
   * `status` (default 200) and `contentType` (default `text/html; charset=utf-8`).
   */
  | { kind: 'raw'; body: string; status?: number; contentType?: string };

/** A fault queued with `Emulator.script`. */
export type ScriptedFault = {
  match?: FaultMatch;
  /** How many matching requests it affects; default 1; `Infinity` allowed. */
  times?: number;
} & FaultBehaviour;

/** What a request looks like to the fault matcher. */
export interface FaultTarget {
  method: FaultMethod | undefined;
  model?: string;
  account?: string;
}

/** A FIFO queue of scripted faults. */
export interface FaultQueue {
  add(fault: ScriptedFault): void;
  clear(): void;
  /** Takes (consumes one use of) the first queued fault matching `target`. */
  take(target: FaultTarget): FaultBehaviour | undefined;
}

/** Creates an empty fault queue. */
export function createFaultQueue(): FaultQueue {
  let entries: { fault: ScriptedFault; remaining: number }[] = [];
  return {
    add(fault) {
      const remaining = fault.times ?? 1;
      if (remaining > 0) entries.push({ fault, remaining });
    },
    clear() {
      entries = [];
    },
    take(target) {
      const index = entries.findIndex((entry) => matches(entry.fault.match, target));
      const entry = entries[index];
      if (entry === undefined) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) entries.splice(index, 1);
      return entry.fault;
    },
  };
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (match === undefined) return target.method !== undefined;
  if (match.method !== undefined && match.method !== target.method) return false;
  if (match.model !== undefined && match.model !== target.model) return false;
  if (match.account !== undefined && match.account !== target.account) return false;
  return target.method !== undefined;
}
