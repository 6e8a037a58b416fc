import { DEFAULT_CLIENT_STALL_TIMEOUT_MS } from './stream-backpressure';

/**
 * How the gateway streams to clients, from the config: handed by `createGateway` to every
 * handler that streams, which passes it to its stream writer (`keepSseAlive`,
 * `streamDrainOptions`).
 */
export interface StreamSettings {
  /** SSE_KEEPALIVE_INTERVAL_MS: a keepalive comment/ping while the upstream is quiet; 0 = off. */
  keepaliveMs: number;
  /** CLIENT_STALL_TIMEOUT_MS: drop a client that has not read for this long; 0 = wait for ever. */
  clientStallTimeoutMs: number;
}

/** What a handler built without settings uses: no keepalive, a 60 s stall timeout. */
export const DEFAULT_STREAM_SETTINGS: StreamSettings = Object.freeze({
  keepaliveMs: 0,
  clientStallTimeoutMs: DEFAULT_CLIENT_STALL_TIMEOUT_MS,
});
