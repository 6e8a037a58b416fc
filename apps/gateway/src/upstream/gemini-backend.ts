import type {
  GeminiContent,
  GeminiModelInfo,
  GenerateContentRequest,
  GenerateContentResponse,
} from '@geminicli2api/protocol-gemini';
import type { RequestContext } from '../middleware/request-context';
import type { AbortLike } from './abort-flag';

/** What every call carries besides its content: the client's abort, the request's context. */
export interface CallScope {
  /** Aborts the upstream request when the client leaves. */
  signal?: AbortLike;
  /** Filled with what the call learned (model, account, retries, usage) for the access log. */
  context?: RequestContext | undefined;
}

/** One generate call, in Gemini terms. `model` is the bare upstream id. */
export interface GenerateCall extends CallScope {
  model: string;
  request: GenerateContentRequest;
}

/** One countTokens call. */
export interface CountTokensCall extends CallScope {
  model: string;
  contents: GenerateContentRequest['contents'];
}

/** One text (or content) to embed, with Google's per-request options. */
export interface EmbedRequest {
  content: GeminiContent;
  taskType?: string;
  title?: string;
  outputDimensionality?: number;
}

/** An embedding call: any number of requests, split into upstream batches by the backend. */
export interface EmbedCall extends CallScope {
  model: string;
  requests: readonly EmbedRequest[];
}

/** The vectors, in the order of the requests, and the tokens Google counted when it says. */
export interface EmbedResult {
  embeddings: number[][];
  tokens?: number;
}

/**
 * What the routes need from "Gemini", whichever way it is reached (Code Assist with OAuth
 * accounts, the Gemini API with keys, Vertex AI). Routes never know which backend answers.
 * Failures are `GatewayError`s (with `upstream` set when Google answered with an error).
 */
export interface GeminiBackend {
  /** A short name for logs and /health: `code-assist`, `gemini-api`, `vertex`. */
  readonly name: string;
  generateContent(call: GenerateCall): Promise<GenerateContentResponse>;
  /**
   * Opens a stream. Resolves once upstream answered 2xx (so failures before the first byte are
   * thrown with their status); iterating yields each event's inner response.
   */
  streamGenerateContent(call: GenerateCall): Promise<AsyncIterable<GenerateContentResponse>>;
  /** The upstream's own token count for the contents. */
  countTokens(call: CountTokensCall): Promise<{ totalTokens: number }>;
  /** Embeddings; absent on backends that have none (Code Assist). */
  embed?(call: EmbedCall): Promise<EmbedResult>;
  /** The upstream's own model list (discovery); absent where there is none (Code Assist). */
  listModels?(): Promise<GeminiModelInfo[]>;
}
