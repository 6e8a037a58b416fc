import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import type { GatewayResponse } from '../http/gateway-response';

/** Token usage of a request, when the upstream reported it. */
export interface RequestUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
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
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being served, if any (undefined outside a request). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The context stored on a response by {@link runInRequestContext}. */
export function contextOf(response: {
  locals: Record<string, unknown>;
}): RequestContext | undefined {
  return response.locals['requestContext'] as RequestContext | undefined;
}

/** Creates the request's context (or reuses the one it has) and runs `next` inside it. */
export function runInRequestContext<T>(response: GatewayResponse, next: () => T): T {
  let context = contextOf(response);
  if (!context) {
    context = { requestId: String(response.locals['requestId'] ?? ''), retries: 0, stream: false };
    response.locals['requestContext'] = context;
  }
  return storage.run(context, next);
}

/**
 * Re-enters the request's context for the rest of an express chain. Mount it after body
 * parsing: body parsers resume on socket events, which lose the async context.
 */
export function requestContext(): RequestHandler {
  return function requestContextMiddleware(_request, response, next) {
    runInRequestContext(response, next);
  };
}
