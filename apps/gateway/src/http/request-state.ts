import type { ServerResponse } from 'node:http';
import type { RequestContext } from '../middleware/request-context';

/** A client protocol a route marks itself with when its path does not say it. */
export type MarkedSurface = 'gemini' | 'anthropic';

/**
 * Everything the gateway keeps about one request while it is served, typed: made once per
 * request with its id (`assignRequestId`), read with {@link requestState}. It replaces the
 * string-keyed `locals` bag; express keeps its own `res.locals`, which the gateway does not use.
 */
export interface RequestState {
  /** The request id (the client's `X-Request-Id` when sane, else a UUID). */
  readonly requestId: string;
  /** What the request learned on its way (model, account, retries, usage, principal…). */
  readonly context: RequestContext;
  /** Set by a route whose path does not name its surface (errors and the ledger read it). */
  surface?: MarkedSurface;
  /** The model a handler resolved, or the fallback that served (access log and ledger). */
  model?: string;
  /** The route label of a hot route, which express's router never saw (access log, metrics). */
  routeLabel?: string;
  /** Called once when the response turns into an event stream (`startSse`): the access log. */
  onStreamStart?: () => void;
}

const STATE = Symbol('geminicli2api.gateway.RequestState');

type WithState = ServerResponse & { [STATE]?: RequestState };

/** Makes the request's state (once, where its id is made) and keeps it on the response. */
export function startRequestState(response: ServerResponse, requestId: string): RequestState {
  const state: RequestState = {
    requestId,
    context: { requestId, retries: 0, stream: false },
  };
  (response as WithState)[STATE] = state;
  return state;
}

/**
 * The request's state. A response that never went through the gateway's request listener (a
 * handler called on its own) gets an empty one, so readers need no undefined checks.
 */
export function requestState(response: ServerResponse): RequestState {
  return (response as WithState)[STATE] ?? startRequestState(response, '');
}
