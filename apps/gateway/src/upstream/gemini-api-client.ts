import {
  generateContentResponseSchema,
  type GenerateContentResponse,
} from '@geminicli2api/protocol-gemini';
import { AccountPool } from '@geminicli2api/oauth-store';
import { GatewayError } from '../gateway-error';
import type { CallScope, GeminiBackend } from './gemini-backend';
import { parseUpstreamResponse, readJsonEvents, readTotalTokens } from './parse-upstream-response';
import {
  sendUpstream,
  type Credential,
  type CredentialSelector,
  type UpstreamAttempt,
} from './send-upstream';

/** What a Gemini-shaped backend (Gemini API, Vertex AI) needs to address one call. */
export interface DirectBackendOptions<C extends Credential> {
  name: string;
  /** For messages: `the Gemini API`, `Vertex AI`. */
  upstreamName: string;
  /** Full URL of `models/<model>:<method>` (without query). */
  url: (
    model: string,
    method: 'generateContent' | 'streamGenerateContent' | 'countTokens',
  ) => string;
  headers: (credential: C) => Record<string, string>;
  credentials: CredentialSelector<C>;
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * A backend speaking the public Gemini shape: the request body is the `GenerateContentRequest`
 * itself and responses are not wrapped (no Code Assist envelope). Every call goes through
 * `sendUpstream`, so credentials rotate on 429 exactly as Code Assist accounts do.
 */
export function createDirectGeminiBackend<C extends Credential>(
  options: DirectBackendOptions<C>,
): GeminiBackend {
  const post = (
    model: string,
    method: Parameters<DirectBackendOptions<C>['url']>[1],
    body: unknown,
    { signal, context }: CallScope,
  ) =>
    sendUpstream({
      upstreamName: options.upstreamName,
      model,
      credentials: options.credentials,
      signal,
      context,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      build: (credential): UpstreamAttempt => ({
        url: `${options.url(model, method)}${method === 'streamGenerateContent' ? '?alt=sse' : ''}`,
        headers: {
          ...options.headers(credential),
          'content-type': 'application/json',
          'user-agent': 'geminicli2api/0.1.0',
        },
        body: JSON.stringify(body),
      }),
    });
  const parse = (value: unknown): GenerateContentResponse =>
    parseUpstreamResponse(value, generateContentResponseSchema, options.upstreamName);
  return {
    name: options.name,
    async generateContent(call) {
      const response = await post(call.model, 'generateContent', call.request, call);
      return parse(await response.json());
    },
    async streamGenerateContent(call) {
      const response = await post(call.model, 'streamGenerateContent', call.request, call);
      return readJsonEvents(response.body, options.upstreamName, parse);
    },
    async countTokens(call) {
      const response = await post(call.model, 'countTokens', { contents: call.contents }, call);
      return { totalTokens: readTotalTokens(await response.json(), options.upstreamName) };
    },
  };
}

/** One Gemini API key as a credential; the id never contains the key. */
export interface ApiKeyCredential extends Credential {
  key: string;
}

/**
 * Rotates several API keys like accounts: round-robin, a 429 cools that key down for the model
 * (the request moves to the next key), a 403 sets the key aside.
 */
export function createApiKeySelector(
  keys: readonly string[],
  now?: () => number,
): CredentialSelector<ApiKeyCredential> {
  const credentials = keys.map((key, index) => ({ id: `api-key-${index + 1}`, key }));
  const pool = new AccountPool({
    ids: credentials.map((credential) => credential.id),
    ...(now ? { now } : {}),
  });
  return {
    async acquire({ model, exclude }) {
      const id = pool.pick(model, exclude);
      const credential = credentials.find((candidate) => candidate.id === id);
      if (credential) return credential;
      const next = pool.nextAvailableAt(model);
      throw new GatewayError({
        code: 'ACCOUNT_UNAVAILABLE',
        status: next === undefined ? 503 : 429,
        isRetryable: next !== undefined,
        ...(next === undefined
          ? {}
          : { retryAfterSeconds: Math.ceil((next - (now ?? Date.now)()) / 1000) }),
        message:
          next === undefined
            ? 'No Gemini API key can be used: every key in GEMINI_API_KEY was refused. Check the keys in Google AI Studio.'
            : `Every Gemini API key is rate-limited for ${model}; retry in ${Math.max(1, Math.ceil((next - (now ?? Date.now)()) / 1000))}s.`,
      });
    },
    report(credential, outcome) {
      pool.recordAttempt(credential.id);
      if (outcome.kind === 'success') pool.recordSuccess(credential.id);
      else if (outcome.kind === 'rate-limited')
        pool.recordRateLimit(credential.id, outcome.model, outcome);
      else pool.markIneligible(credential.id, outcome.message);
    },
    async invalidate() {
      // An API key does not refresh; a 401 after the retry reaches the client.
    },
  };
}

/** Options of {@link createGeminiApiClient}. */
export interface GeminiApiClientOptions {
  /** `https://generativelanguage.googleapis.com` or `GOOGLE_GEMINI_BASE_URL`. */
  baseUrl: string;
  apiKeys: readonly string[];
  fetch?: typeof globalThis.fetch | undefined;
}

/** The Gemini API backend (`v1beta/models/{model}:…` with `x-goog-api-key`). */
export function createGeminiApiClient({
  baseUrl,
  apiKeys,
  fetch,
}: GeminiApiClientOptions): GeminiBackend {
  return createDirectGeminiBackend<ApiKeyCredential>({
    name: 'gemini-api',
    upstreamName: 'Gemini API',
    url: (model, method) => `${baseUrl}/v1beta/models/${encodeURIComponent(model)}:${method}`,
    headers: (credential) => ({ 'x-goog-api-key': credential.key }),
    credentials: createApiKeySelector(apiKeys),
    fetch,
  });
}
