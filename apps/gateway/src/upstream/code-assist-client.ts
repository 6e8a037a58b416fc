import {
  codeAssistGenerateResponseSchema,
  parseGoogleError,
  type GenerateContentResponse,
  type GenerateContentRequest,
} from '@geminicli2api/protocol-gemini';
import { GatewayError } from '../gateway-error';
import type { AccountAuth } from '../accounts/code-assist-account';
import { readSseEvents } from './read-sse-events';

/** Options of {@link createCodeAssistClient}. */
export interface CodeAssistClientOptions {
  /** Base URL, e.g. `https://cloudcode-pa.googleapis.com`. */
  endpoint: string;
  /** Supplies a fresh access token and the project for each call. */
  account: AccountAuth;
  fetch?: typeof globalThis.fetch;
}

/** One generate call. */
export interface GenerateCall {
  model: string;
  request: GenerateContentRequest;
  signal?: AbortSignal;
}

/** The Code Assist transport: wraps requests in the envelope and unwraps responses. */
export interface CodeAssistClient {
  generateContent(call: GenerateCall): Promise<GenerateContentResponse>;
  /**
   * Opens a stream. Resolves once upstream answered 2xx (so failures before the first byte are
   * thrown as errors with their status); iterating yields the inner response of each event.
   */
  streamGenerateContent(call: GenerateCall): Promise<AsyncIterable<GenerateContentResponse>>;
}

/** Creates the Code Assist client for `v1internal:generateContent|streamGenerateContent`. */
export function createCodeAssistClient({
  endpoint,
  account,
  fetch = globalThis.fetch,
}: CodeAssistClientOptions): CodeAssistClient {
  const post = async (method: string, call: GenerateCall, query = ''): Promise<Response> => {
    let retriedAuth = false;
    for (;;) {
      const { accessToken, projectId } = await account.getAuth();
      const body = JSON.stringify({ model: call.model, project: projectId, request: call.request });
      let response: Response;
      try {
        response = await fetch(`${endpoint}/v1internal:${method}${query}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${accessToken}`,
            'content-type': 'application/json',
            'user-agent': 'geminicli2api/0.1.0',
          },
          body,
          ...(call.signal ? { signal: call.signal } : {}),
        });
      } catch (error) {
        if (call.signal?.aborted) throw error;
        throw new GatewayError({
          code: 'UPSTREAM_UNREACHABLE',
          status: 502,
          isRetryable: true,
          cause: error,
          message: `Code Assist (${new URL(endpoint).host}) could not be reached. Check the network, DNS and HTTPS_PROXY.`,
        });
      }
      if (response.status === 401 && !retriedAuth) {
        // The token was revoked or expired early: refresh once, then try again.
        await response.body?.cancel();
        retriedAuth = true;
        await account.invalidateToken();
        continue;
      }
      if (!response.ok) throw await toUpstreamError(response);
      return response;
    }
  };

  return {
    async generateContent(call) {
      const response = await post('generateContent', call);
      return unwrap(await response.json());
    },
    async streamGenerateContent(call) {
      const response = await post('streamGenerateContent', call, '?alt=sse');
      // A 200 without a body is a stream that ended at once (reported as incomplete later).
      const body = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
      return (async function* () {
        for await (const data of readSseEvents(body)) {
          yield unwrap(parseEventJson(data));
        }
      })();
    },
  };
}

function parseEventJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new GatewayError({
      code: 'UPSTREAM_ERROR',
      status: 502,
      cause: error,
      message: 'Code Assist sent a stream event that is not valid JSON.',
    });
  }
}

/** Unwraps `{response, traceId}`; an event that is a Google error becomes an UpstreamError. */
function unwrap(value: unknown): GenerateContentResponse {
  if (value && typeof value === 'object' && 'error' in value) {
    const google = parseGoogleError(value, 500);
    throw new GatewayError({
      code: 'UPSTREAM_ERROR',
      status: google.code,
      upstream: google,
      message: google.message,
    });
  }
  const parsed = codeAssistGenerateResponseSchema.safeParse(value);
  if (!parsed.success) {
    throw new GatewayError({
      code: 'UPSTREAM_ERROR',
      status: 502,
      message: 'Code Assist returned a response the gateway does not understand.',
    });
  }
  return parsed.data.response ?? { candidates: [] };
}

async function toUpstreamError(response: Response): Promise<GatewayError> {
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
