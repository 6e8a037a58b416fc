import type { Logger } from 'winston';
import { GatewayError } from '../gateway-error';
import type { GatewayResponse } from '../http/gateway-response';
import { requestState } from '../http/request-state';
import { errorSummary } from '../middleware/error-handler';

/**
 * Throws when the upstream stream ended without a finish reason: every surface then reports an
 * incomplete answer in its own stream shape, never a silent, truncated success.
 */
export function assertStreamFinished(sawFinishReason: boolean): void {
  if (sawFinishReason) return;
  throw new GatewayError({
    code: 'UPSTREAM_ERROR',
    status: 502,
    message: 'The upstream stream ended without a finish reason; the answer may be incomplete.',
  });
}

/** Logs a stream that failed after its first byte (the client gets an error event). */
export function logStreamFailure(logger: Logger, response: GatewayResponse, error: unknown): void {
  logger.warn('stream failed after it started', {
    requestId: requestState(response).requestId,
    error: errorSummary(error),
  });
}
