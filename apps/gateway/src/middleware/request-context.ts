import type { GatewayResponse } from '../http/gateway-response';
import { requestState } from '../http/request-state';
import type { KeyLimits } from '../limits/enforce-limits';

/** Token usage of a request, when the upstream reported it. */
export interface RequestUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Thinking tokens (part of completionTokens) and prompt tokens served from cache. */
  reasoningTokens?: number;
  cachedTokens?: number;
}

/** Who sent the request: a client key (`keys/`), or the admin password (id null, name `admin`). */
export interface RequestPrincipal {
  id: string | null;
  name: string;
  /** Limits and allow-list of a client key; undefined for the admin password. */
  limits?: KeyLimits;
  /** Sets headers on the response while it has not started (rate-limit headers). */
  setHeaders?: (headers: Record<string, string>) => void;
}

/**
 * What one request learned on its way through the gateway, for its access-log line and metrics:
 * filled by the upstream boundary (account, model, retries) and backends (usage).
 */
export interface RequestContext {
  requestId: string;
  model?: string;
  /** The credential id of the last upstream attempt (a file or env name, never a token). */
  accountId?: string;
  retries: number;
  usage?: RequestUsage;
  stream: boolean;
  /** Set when a `MODEL_FALLBACKS` chain served the request with a later model. */
  fallback?: { from: string; to: string; warnings: string[] };
  /** Set by the authentication step when the request presented a valid credential. */
  principal?: RequestPrincipal;
  /** The model the client named (before aliases), when the surface records it. */
  requestedModel?: string;
  /** The model Google reported serving (`modelVersion`), when it did. */
  servedModel?: string;
}

/**
 * The request's context (part of its state, made with the request id: `request-state.ts`).
 * Handlers pass it to the backend with each call; it is explicit rather than an
 * AsyncLocalStorage, whose promise hooks taxed every promise of the process on Node 20.
 */
export function contextOf(response: GatewayResponse): RequestContext {
  return requestState(response).context;
}
