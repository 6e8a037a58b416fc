import {
  generateContentResponseSchema,
  type GenerateContentResponse,
} from '@geminicli2api/protocol-gemini';
import {
  createApiKeySelector,
  type ApiKeyCredential,
  type ApiKeySelector,
} from './api-key-selector';
import type { CallScope, GeminiBackend } from './gemini-backend';
import { geminiApiEmbed, type PostMethod } from './direct-embed';
import { parseGeminiApiModels, readAllPages, type ModelListParser } from './direct-model-list';
import { parseUpstreamResponse, readJsonEvents, readTotalTokens } from './parse-upstream-response';
import {
  sendUpstream,
  type Credential,
  type CredentialSelector,
  type UpstreamAttempt,
} from './send-upstream';
import type { UpstreamTransport } from './upstream-transport';

/** What a Gemini-shaped backend (Gemini API, Vertex AI) needs to address one call. */
export interface DirectBackendOptions<C extends Credential> {
  name: string;
  /** For messages: `the Gemini API`, `Vertex AI`. */
  upstreamName: string;
  /** Full URL of `models/<model>:<method>` (without query). */
  url: (model: string, method: string) => string;
  headers: (credential: C) => Record<string, string>;
  credentials: CredentialSelector<C>;
  /** How calls are sent (retries, timeouts, limiter); default: `defaultTransport`. */
  transport?: UpstreamTransport | undefined;
  /** Embeddings over `post` (Gemini API: batchEmbedContents; Vertex: predict). */
  embed?: (post: PostMethod) => NonNullable<GeminiBackend['embed']>;
  /** The model list: the URL of a page and how to read it (discovery). */
  modelList?: { url: (pageToken: string | undefined) => string; parse: ModelListParser };
}

/**
 * A backend speaking the public Gemini shape: the request body is the `GenerateContentRequest`
 * itself and responses are not wrapped (no Code Assist envelope). Every call goes through
 * `sendUpstream`, so credentials rotate on 429 exactly as Code Assist accounts do.
 */
export function createDirectGeminiBackend<C extends Credential>(
  options: DirectBackendOptions<C>,
): GeminiBackend {
  const post = (model: string, method: string, body: unknown, { signal, context }: CallScope) =>
    sendUpstream({
      upstreamName: options.upstreamName,
      model,
      credentials: options.credentials,
      signal,
      context,
      transport: options.transport,
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
  const get = async (url: string): Promise<unknown> => {
    const response = await sendUpstream({
      upstreamName: options.upstreamName,
      model: 'models',
      credentials: options.credentials,
      transport: options.transport,
      build: (credential): UpstreamAttempt => ({
        url,
        method: 'GET',
        headers: { ...options.headers(credential), 'user-agent': 'geminicli2api/0.1.0' },
        body: '',
      }),
    });
    return response.json();
  };
  const postJson: PostMethod = async (model, method, body, call) =>
    (await post(model, method, body, call)).json();
  const modelList = options.modelList;
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
    ...(options.embed ? { embed: options.embed(postJson) } : {}),
    ...(modelList
      ? { listModels: () => readAllPages((token) => get(modelList.url(token)), modelList.parse) }
      : {}),
  };
}

/** Options of {@link createGeminiApiClient}. */
export interface GeminiApiClientOptions {
  /** `https://generativelanguage.googleapis.com` or `GOOGLE_GEMINI_BASE_URL`. */
  baseUrl: string;
  apiKeys: readonly string[];
  transport?: UpstreamTransport | undefined;
  /** The keys' selector (default: a new one over `apiKeys`); pass one to show its status. */
  selector?: ApiKeySelector | undefined;
}

/** The Gemini API backend (`v1beta/models/{model}:…` with `x-goog-api-key`). */
export function createGeminiApiClient({
  baseUrl,
  apiKeys,
  transport,
  selector,
}: GeminiApiClientOptions): GeminiBackend {
  return createDirectGeminiBackend<ApiKeyCredential>({
    name: 'gemini-api',
    upstreamName: 'Gemini API',
    url: (model, method) => `${baseUrl}/v1beta/models/${encodeURIComponent(model)}:${method}`,
    headers: (credential) => ({ 'x-goog-api-key': credential.key }),
    credentials: selector ?? createApiKeySelector(apiKeys),
    transport,
    embed: geminiApiEmbed,
    modelList: {
      url: (token) =>
        `${baseUrl}/v1beta/models?pageSize=1000${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
      parse: parseGeminiApiModels,
    },
  });
}

export { createApiKeySelector, type ApiKeyCredential } from './api-key-selector';
