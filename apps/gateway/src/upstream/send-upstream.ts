import { parseGoogleError } from '@geminicli2api/protocol-gemini';
import type { AccountOutcome } from '../accounts/account-selector';
import { GatewayError } from '../gateway-error';

/** Anything a backend authenticates with: a Code Assist account, an API key, an ADC identity. */
export interface Credential {
  /** Stable id for logs, metrics and exclusion (never the secret itself). */
  id: string;
}

/** Chooses credentials per attempt; see `AccountSelector` for the Code Assist version. */
export interface CredentialSelector<C extends Credential> {
  acquire(options: { model: string; exclude: ReadonlySet<string> }): Promise<C>;
  report(credential: C, outcome: AccountOutcome): void;
  /** Called after a 401 so the next acquire returns a refreshed credential. */
  invalidate(credential: C): Promise<void>;
}

/** One HTTP request to send with a given credential. */
export interface UpstreamAttempt {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Options of {@link sendUpstream}. */
export interface SendUpstreamOptions<C extends Credential> {
  /** For messages: `Code Assist`, `the Gemini API`, `Vertex AI`. */
  upstreamName: string;
  model: string;
  credentials: CredentialSelector<C>;
  build: (credential: C) => UpstreamAttempt;
  signal?: AbortSignal | undefined;
  fetch?: typeof globalThis.fetch;
}

/**
 * The one HTTP boundary every backend goes through. Per attempt it acquires a credential, sends,
 * and decides what the answer means: 2xx is returned (the caller reads the body); 401 refreshes
 * the credential once; 429 puts that credential in cooldown and moves the request to the next
 * one (nothing has reached the client yet); any other failure becomes a `GatewayError` carrying
 * Google's parsed error.
 */
export async function sendUpstream<C extends Credential>({
  upstreamName,
  model,
  credentials,
  build,
  signal,
  fetch = globalThis.fetch,
}: SendUpstreamOptions<C>): Promise<Response> {
  const tried = new Set<string>();
  let refreshed = false;
  for (;;) {
    const credential = await credentials.acquire({ model, exclude: tried });
    const attempt = build(credential);
    let response: Response;
    try {
      response = await fetch(attempt.url, {
        method: 'POST',
        headers: attempt.headers,
        body: attempt.body,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new GatewayError({
        code: 'UPSTREAM_UNREACHABLE',
        status: 502,
        isRetryable: true,
        cause: error,
        message: `${upstreamName} (${new URL(attempt.url).host}) could not be reached. Check the network, DNS and HTTPS_PROXY.`,
      });
    }
    if (response.ok) {
      credentials.report(credential, { kind: 'success' });
      return response;
    }
    if (response.status === 401 && !refreshed) {
      // The token was revoked or expired early: refresh once, then try again.
      await response.body?.cancel();
      refreshed = true;
      await credentials.invalidate(credential);
      continue;
    }
    const error = await toUpstreamError(response);
    const google = error.upstream;
    if (response.status === 429 && google) {
      const terminal = google.reason === 'QUOTA_EXHAUSTED' || (google.retryDelayMs ?? 0) > 300_000;
      credentials.report(credential, {
        kind: 'rate-limited',
        model,
        terminal,
        ...(google.retryDelayMs !== undefined ? { retryDelayMs: google.retryDelayMs } : {}),
      });
      tried.add(credential.id);
      if (await hasAnother(credentials, model, tried)) continue;
    } else if (response.status === 403 && google) {
      credentials.report(credential, { kind: 'forbidden', message: google.message, ...(google.reason ? { reason: google.reason } : {}) });
    }
    throw error;
  }
}

async function hasAnother<C extends Credential>(
  credentials: CredentialSelector<C>,
  model: string,
  tried: ReadonlySet<string>,
): Promise<boolean> {
  try {
    const next = await credentials.acquire({ model, exclude: tried });
    return !tried.has(next.id);
  } catch {
    return false;
  }
}

/** Reads a non-2xx response into a GatewayError with Google's parsed error. */
export async function toUpstreamError(response: Response): Promise<GatewayError> {
  const text = await response.text().catch(() => '');
  const google = parseGoogleError(text, response.status);
  return new GatewayError({
    code: 'UPSTREAM_ERROR',
    status: response.status,
    upstream: google,
    isRetryable: response.status === 429 || response.status >= 500,
    message: google.message,
  });
}
