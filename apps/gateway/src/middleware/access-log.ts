import { matchGeminiPath } from '@geminicli2api/protocol-gemini';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'winston';
import { pathOf, type GatewayResponse } from '../http/gateway-response';
import { requestState, type RequestState } from '../http/request-state';
import type { GatewayMetrics } from '../metrics/gateway-metrics';

/** Options of {@link accessLog}. */
export interface AccessLogOptions {
  logger: Logger;
  metrics?: GatewayMetrics | undefined;
}

/**
 * Returns what arranges one JSON line per request once its response is over (finished or cut):
 * request id, method, route, model, account id (never its token), status, duration, stream flag,
 * retries and token usage when known; plus the request metrics.
 */
export function accessLog({
  logger,
  metrics,
}: AccessLogOptions): (request: IncomingMessage, response: GatewayResponse) => void {
  return function trackRequest(request, response) {
    const started = process.hrtime.bigint();
    const state = requestState(response);
    // `startSse` calls it once the response is an event stream.
    state.onStreamStart = () => {
      state.context.stream = true;
      metrics?.activeStreams.inc();
      response.on('close', () => metrics?.activeStreams.dec());
    };
    // A response closes once; `on` costs less than `once`.
    response.on('close', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const { context } = state;
      const entry = describe(request, response, state, durationMs);
      // The entry is the line itself (winston takes an object with a message as is, uncopied).
      if (entry.status >= 500) logger.error(entry);
      else logger.info(entry);
      metrics?.countRequest({
        route: entry.route,
        method: entry.method,
        model: entry.model ?? 'none',
        status: entry.status,
        stream: entry.stream,
        durationSeconds: durationMs / 1000,
        usage: context.usage,
      });
    });
  };
}

interface AccessLogEntry {
  message: 'request';
  requestId: string;
  method: string;
  route: string;
  path: string;
  model: string | undefined;
  account: string | undefined;
  status: number;
  durationMs: number;
  stream: boolean;
  retries: number;
  aborted: boolean;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

function describe(
  request: IncomingMessage,
  response: GatewayResponse,
  state: RequestState,
  durationMs: number,
): AccessLogEntry {
  const { context } = state;
  const model = context.model ?? state.model;
  const path = pathOf(request);
  return {
    message: 'request',
    requestId: state.requestId,
    method: request.method ?? 'GET',
    route: routeLabel(request, state, path),
    // The path only: the query may carry the password (`?key=`).
    path: path.slice(0, 200),
    model,
    account: context.accountId,
    // 499 (nginx's "client closed request") when the client left before any answer.
    status: !response.headersSent && !response.writableFinished ? 499 : response.statusCode,
    durationMs: Math.round(durationMs * 10) / 10,
    stream: context.stream,
    retries: context.retries,
    aborted: !response.writableFinished,
    ...(context.usage
      ? {
          promptTokens: context.usage.promptTokens,
          completionTokens: context.usage.completionTokens,
          totalTokens: context.usage.totalTokens,
        }
      : {}),
  };
}

/**
 * A bounded route label: the one a hot route set, the matched express pattern, the native Gemini
 * path with the model replaced by `:model`, else `unmatched` (so random paths cannot blow up
 * metric cardinality).
 */
function routeLabel(request: IncomingMessage, state: RequestState, path: string): string {
  const label = state.routeLabel;
  if (label !== undefined) return label;
  // Express stores the matched route on the request it routed.
  const routed = request as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  if (routed.route && typeof routed.route.path === 'string')
    return `${routed.baseUrl ?? ''}${routed.route.path}`;
  const native = matchGeminiPath(path);
  if (native && !native.vertex) {
    const { version, model, method } = native;
    return model === undefined
      ? `/${version}/models`
      : `/${version}/models/:model${method === undefined ? '' : `:${method}`}`;
  }
  return 'unmatched';
}
