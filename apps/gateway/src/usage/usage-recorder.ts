import type { IncomingMessage } from 'node:http';
import { pathOf, type GatewayResponse } from '../http/gateway-response';
import type { RateWindows } from '../limits/rate-windows';
import { requestState } from '../http/request-state';
import type { KeyMetrics } from './key-metrics';
import type { UsageLedger } from './usage-ledger';

/** Options of {@link usageRecorder}. */
export interface UsageRecorderOptions {
  ledger: UsageLedger | undefined;
  windows: RateWindows;
  /** `code-assist`, `gemini-api`, `vertex` (or `none` without credentials). */
  backend: () => string;
  keyMetrics?: KeyMetrics | undefined;
}

/**
 * Returns what records every model request once its response closes (finished, failed or cut
 * by the client): a ledger event, the tokens for the key's windows and the per-key metrics.
 * The usage is whatever the request's context learned by then, so a stream the client left
 * early records the usage of the last event it got.
 */
export function usageRecorder({
  ledger,
  windows,
  backend,
  keyMetrics,
}: UsageRecorderOptions): (request: IncomingMessage, response: GatewayResponse) => void {
  return function recordUsage(request, response) {
    const started = performance.now();
    response.on('close', () => {
      const state = requestState(response);
      const { context } = state;
      const model = context.requestedModel ?? state.model ?? context.model;
      // Only model calls go in the ledger (not /health, /metrics, /admin, model lists…).
      if (model === undefined) return;
      const principal = context.principal;
      const usage = context.usage;
      const now = Date.now();
      const tokens = usage ? usage.promptTokens + usage.completionTokens : 0;
      if (principal?.limits && tokens > 0) void windows.record(principal.limits.keyId, tokens, now);
      keyMetrics?.count(
        principal?.name ?? 'anonymous',
        usage && { prompt: usage.promptTokens, completion: usage.completionTokens },
      );
      ledger?.record({
        time: new Date(now).toISOString(),
        request_id: context.requestId,
        key_id: principal?.id ?? null,
        key_name: principal?.name ?? null,
        surface: surfaceOf(request, response),
        model,
        served_model: context.servedModel ?? context.model ?? null,
        backend: backend(),
        account: accountLabel(context.accountId),
        status: !response.headersSent && !response.writableFinished ? 499 : response.statusCode,
        prompt_tokens: usage?.promptTokens ?? 0,
        completion_tokens: usage?.completionTokens ?? 0,
        reasoning_tokens: usage?.reasoningTokens ?? 0,
        cached_tokens: usage?.cachedTokens ?? 0,
        latency_ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
  };
}

/** The client protocol: what the route said, else guessed from the path. */
export function surfaceOf(request: IncomingMessage, response: GatewayResponse): string {
  const marked = requestState(response).surface;
  if (marked !== undefined) return marked;
  const path = pathOf(request);
  if (path.startsWith('/v1/chat/') || path === '/v1/completions') return 'openai';
  if (path.startsWith('/v1/messages')) return 'anthropic';
  if (path.startsWith('/v1/responses')) return 'responses';
  if (/^\/v1(beta|alpha)?\/models\//.test(path)) return 'gemini';
  return 'other';
}

/** A file account's file name, an env account's variable name: never a token. */
function accountLabel(accountId: string | undefined): string | null {
  if (!accountId) return null;
  const slash = Math.max(accountId.lastIndexOf('/'), accountId.lastIndexOf('\\'));
  return slash >= 0 ? accountId.slice(slash + 1) : accountId;
}
