/** What one HTTP request to the gateway returned. */
export interface ProbeResponse {
  status: number;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  text: string;
  ms: number;
}

/** Options of {@link probe}. */
export interface ProbeOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

/** A request that got no HTTP answer (refused, timed out, DNS…), with the reason code. */
export class ProbeError extends Error {
  constructor(
    readonly reason: string,
    readonly target: string,
  ) {
    super(`${target} is not reachable (${reason})`);
    this.name = 'ProbeError';
  }
}

/** The network reason of a failed fetch: `ECONNREFUSED`, `ENOTFOUND`, `timeout`… */
export function failureReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return cause?.message ?? (error as Error).message ?? String(error);
}

/** Sends one request and reads the whole body; throws {@link ProbeError} when there is no answer. */
export async function probe(url: string | URL, options: ProbeOptions = {}): Promise<ProbeResponse> {
  const started = performance.now();
  const target = String(url);
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    const text = await response.text();
    const json = parseJsonOrUndefined(text);
    return { status: response.status, json, text, ms: Math.round(performance.now() - started) };
  } catch (error) {
    throw new ProbeError(failureReason(error), target);
  }
}

/** Reads a property of an unknown JSON value, or undefined. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The `error.message` of an OpenAI- or Google-shaped error body, if any. */
export function errorMessage(body: unknown): string | undefined {
  const error = field(body, 'error');
  const message = typeof error === 'string' ? error : field(error, 'message');
  return typeof message === 'string' ? message : undefined;
}

/** The JSON value of `text`, or undefined when it is not JSON (an HTML error page, say). */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
