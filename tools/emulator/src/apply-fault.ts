import { createGoogleError, googleErrorBody, type GoogleError } from './google-error';
import { delay, sendJson } from './http-io';
import { createRateLimitError } from './rate-limit-error';
import type { RequestContext } from './request-context';
import type { FaultBehaviour } from './scripted-fault';

/** How a fault changes an answer that is still produced normally. */
export interface FaultEffects {
  chunkDelayMs?: number;
  /** Destroy the socket after this many stream events. */
  resetAfterEvents?: number;
  /** Send an error event after this many stream events. */
  errorEvent?: { afterEvents: number; error: GoogleError };
  omitFinishReason?: boolean;
}

/** Where the faulted request is going. */
export interface FaultSite {
  model?: string;
  /** streamGenerateContent: error bodies are array-wrapped unless the fault says otherwise. */
  stream: boolean;
  /** The token endpoint answers OAuth-style error bodies. */
  token: boolean;
}

/**
 * Applies a scripted fault. Faults that replace the answer (status, rate-limit, server-error,
 * resets, hang) are carried out here and give `'handled'`; the others return their effects on
 * the normal answer.
 */
export async function applyFault(
  context: RequestContext,
  fault: FaultBehaviour,
  site: FaultSite,
): Promise<'handled' | FaultEffects> {
  const { response, signal } = context;
  const wrapDefault = site.stream && context.state.options.arrayWrapStreamErrors;
  switch (fault.kind) {
    case 'status': {
      const body =
        fault.body ?? defaultErrorBody(fault.status, site, fault.arrayWrapped ?? wrapDefault);
      sendJson(response, fault.status, body, fault.headers);
      return 'handled';
    }
    case 'rate-limit': {
      const error = createRateLimitError({
        reason: fault.reason ?? 'RATE_LIMIT_EXCEEDED',
        retryDelaySeconds: fault.retryDelaySeconds,
        ...(site.model === undefined ? {} : { model: site.model }),
      });
      sendJson(
        response,
        429,
        site.token ? oauthError(429) : googleErrorBody(error, fault.arrayWrapped ?? wrapDefault),
      );
      return 'handled';
    }
    case 'server-error': {
      const status = fault.status ?? 503;
      sendJson(response, status, defaultErrorBody(status, site, wrapDefault));
      return 'handled';
    }
    case 'reset-before-response':
      response.destroy();
      return 'handled';
    case 'hang':
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return 'handled';
    case 'slow':
      await delay(fault.firstByteDelayMs ?? 0, signal);
      return fault.chunkDelayMs === undefined ? {} : { chunkDelayMs: fault.chunkDelayMs };
    case 'reset-mid-stream':
      return { resetAfterEvents: fault.afterEvents };
    case 'error-event':
      return {
        errorEvent: {
          afterEvents: fault.afterEvents,
          error: createGoogleError({ code: fault.status ?? 500 }),
        },
      };
    case 'no-finish-reason':
      return { omitFinishReason: true };
    case 'raw':
      response.writeHead(fault.status ?? 200, {
        'content-type': fault.contentType ?? 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(fault.body),
      });
      response.end(fault.body);
      return 'handled';
  }
}

function defaultErrorBody(status: number, site: FaultSite, arrayWrapped: boolean): unknown {
  if (site.token) return oauthError(status);
  return googleErrorBody(createGoogleError({ code: status }), arrayWrapped);
}

function oauthError(status: number): unknown {
  if (status >= 500) return { error: 'internal_failure', error_description: 'Backend Error' };
  if (status === 429)
    return { error: 'rate_limit_exceeded', error_description: 'Rate limit exceeded' };
  return { error: 'invalid_request', error_description: 'Bad Request' };
}
