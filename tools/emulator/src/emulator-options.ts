import type { EmulatorAccount, EmulatorAccountState } from './emulator-account';
import type { Responder } from './responder';
import type { ScriptedFault } from './scripted-fault';

/** Model ids the emulator knows by default. */
export const DEFAULT_EMULATOR_MODELS: readonly string[] = Object.freeze([
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-3-pro-preview',
  'gemini-3-flash-preview',
  'gemini-3.1-pro-preview',
  'gemini-3.1-flash-lite-preview',
  'gemini-3-flash',
  'gemini-3.1-flash-lite',
  'gemini-3.5-flash-lite',
  // A model the gateway's catalog does not know (discovery and pass-through tests).
  'gemini-3.7-flash-preview',
  'gemini-3.1-flash-image',
  'gemini-3-pro-image',
  'gemini-2.5-flash-image',
]);

/**
 * Ids only the public APIs (Gemini API, Vertex) serve: Code Assist knows `gemini-3.5-flash` as
 * `gemini-3-flash`.
 */
export const PUBLIC_ONLY_MODELS: readonly string[] = Object.freeze(['gemini-3.5-flash']);

/** Embedding models of the public APIs (`embedContent`, `batchEmbedContents`, Vertex `predict`). */
export const DEFAULT_EMBEDDING_MODELS: readonly string[] = Object.freeze([
  'gemini-embedding-001',
  'text-embedding-004',
]);

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port; default 0 (ephemeral). */
  port?: number;
  /** Bind address; default `127.0.0.1`. */
  host?: string;
  /** Delay before answering any `v1internal` call; default 0. */
  latencyMs?: number;
  /** Delay between stream events; default 0. */
  chunkDelayMs?: number;
  /** Maximum number of text chunks one text part is split into when streaming; default 3. */
  streamChunkCount?: number;
  /** Accounts served; default `[DEMO_ACCOUNT]`. */
  accounts?: EmulatorAccount[];
  /** Lifetime of issued access tokens; default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** Known model ids; default `DEFAULT_EMULATOR_MODELS`. */
  models?: readonly string[];
  /** Replaces the fake model's answer. */
  respond?: Responder;
  /** Record every request in `Emulator.requests`; default true (benchmarks may turn it off). */
  recordRequests?: boolean;
  /** Wrap error bodies of streamGenerateContent in a one-element array, as Google does; default true. */
  arrayWrapStreamErrors?: boolean;
  /** Gemini API keys accepted by `POST /v1beta/models/{m}:…` (`x-goog-api-key`); default none. */
  apiKeys?: readonly string[];
  /** Serve HTTPS with this PEM key and certificate (clients must trust the certificate). */
  tls?: { key: string; cert: string };
}

/** One request the emulator received. */
export interface RecordedRequest {
  method: string;
  /** Raw path without the query, e.g. `/v1internal:streamGenerateContent`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON or form body; undefined when empty or unparseable. */
  body: unknown;
  /** Refresh token of the calling account (bearer owner, or the token endpoint's grant). */
  account?: string;
  /** Epoch milliseconds. */
  receivedAt: number;
}

/** A running emulator. */
export interface Emulator {
  /** `http://HOST:PORT` (`https://` with the `tls` option). */
  url: string;
  /** `${url}/token`, the OAuth token endpoint. */
  tokenUrl: string;
  port: number;
  /** Every request received (live array). */
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Queues a fault; faults are consumed FIFO among those that match. */
  script(fault: ScriptedFault): void;
  clearScript(): void;
  /** Live, mutable state of an account; throws for an unknown refresh token. */
  account(refreshToken: string): EmulatorAccountState;
  addAccount(account: EmulatorAccount): void;
  /** How many access tokens were issued for a refresh token. */
  issuedAccessTokens(refreshToken: string): number;
  /** Stops listening and destroys open sockets. */
  close(): Promise<void>;
}
