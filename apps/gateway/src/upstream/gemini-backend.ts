import type {
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
}
