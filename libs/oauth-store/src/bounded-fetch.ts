const MARKER = Symbol.for('geminicli2api.oauth-store.EndpointProblem');

/** Why an account call to Google failed although (or before) the endpoint answered. */
export type EndpointProblemKind = 'timeout' | 'not-json' | 'closed';

/** A failure {@link boundedFetch} diagnosed; `message` completes "the token endpoint …". */
export class EndpointProblem extends Error {
  readonly [MARKER] = true;
  readonly kind: EndpointProblemKind;

  constructor(kind: EndpointProblemKind, message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'EndpointProblem';
    this.kind = kind;
  }

  /** The EndpointProblem in `error` or its cause chain (fetch libraries wrap what fetch threw). */
  static find(error: unknown): EndpointProblem | undefined {
    for (let current = error, depth = 0; current && depth < 5; depth += 1) {
      if (typeof current === 'object' && MARKER in current) return current as EndpointProblem;
      current = (current as { cause?: unknown }).cause;
    }
    return undefined;
  }
}

/** Options of {@link boundedFetch}. */
export interface BoundedFetchOptions {
  /** Deadline of the whole exchange, headers and body (0 or undefined: none). */
  timeoutMs?: number | undefined;
  /** The setting that sets the deadline, named when it fires. */
  timeoutSetting?: string | undefined;
  /** Refuse a 2xx whose body is not JSON (a captive portal's or proxy's HTML page). */
  expectJson?: boolean;
}

const CLOSED_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * Wraps a fetch so one call to Google cannot hang: the whole exchange (headers and body, read
 * here) must finish within `timeoutMs`, measured by a plain timer (no `AbortSignal.timeout`,
 * which a garbage collection can silence on Node 20). The caller's own signal still aborts it.
 * Failures it can name become an {@link EndpointProblem}: a deadline, a connection closed before
 * any answer, or (with `expectJson`) a 2xx that is not JSON.
 */
export function boundedFetch(
  fetch: typeof globalThis.fetch,
  { timeoutMs, timeoutSetting, expectJson = false }: BoundedFetchOptions,
): typeof globalThis.fetch {
  return async (input, init = {}) => {
    const controller = new AbortController();
    const outer = init.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs && timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(new Error('deadline'));
          }, timeoutMs)
        : undefined;
    try {
      const response = await fetch(input, { ...init, signal: controller.signal });
      const text = await response.text();
      if (expectJson && response.ok && !isJson(text)) {
        const type = response.headers.get('content-type') ?? 'no content type';
        throw new EndpointProblem(
          'not-json',
          `answered HTTP ${response.status} with ${text === '' ? 'an empty body' : type}, not JSON`,
        );
      }
      return new Response(nullBodyStatus(response.status) ? null : text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (timedOut && !outer?.aborted) {
        const within = `${Math.round((timeoutMs ?? 0) / 100) / 10} s`;
        throw new EndpointProblem(
          'timeout',
          `did not answer within ${within}${timeoutSetting ? ` (${timeoutSetting})` : ''}`,
          error,
        );
      }
      if (!outer?.aborted && hasCode(error, CLOSED_CODES)) {
        throw new EndpointProblem('closed', 'closed the connection without answering', error);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function nullBodyStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304;
}

function hasCode(error: unknown, codes: ReadonlySet<string>): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && codes.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
