import {
  generateContentRequestSchema,
  normalizeRequestKeys,
  type GeminiContent,
  type GenerateContentRequest,
} from '@geminicli2api/protocol-gemini';
import { invalidRequestError, requireJsonObject } from '../invalid-request-error';

/** Normalises and validates a `generateContent` / `streamGenerateContent` body. */
export function parseGenerateRequest(body: unknown): GenerateContentRequest {
  const parsed = generateContentRequestSchema.safeParse(
    normalizeRequestKeys(requireJsonObject(body)),
  );
  if (!parsed.success) throw invalidRequestError(parsed.error);
  parsed.data.contents = withDefaultRoles(parsed.data.contents);
  return parsed.data;
}

/** Normalises and validates a `countTokens` body: `{contents}` or `{generateContentRequest}`. */
export function parseCountTokensRequest(body: unknown): GeminiContent[] {
  const normalized = normalizeRequestKeys(requireJsonObject(body)) as Record<string, unknown>;
  const wrapped = normalized['generateContentRequest'];
  if (wrapped !== undefined) {
    const { model: _model, ...rest } = requireJsonObject(wrapped);
    const parsed = generateContentRequestSchema.safeParse(rest);
    if (!parsed.success) throw invalidRequestError(parsed.error);
    return withDefaultRoles(parsed.data.contents);
  }
  const parsed = generateContentRequestSchema.pick({ contents: true }).safeParse(normalized);
  if (!parsed.success) throw invalidRequestError(parsed.error);
  return withDefaultRoles(parsed.data.contents);
}

/**
 * Google's public API lets a content leave `role` unset (its quickstart sends
 * `{"contents":[{"parts":[{"text":…}]}]}`) and reads it as the user's, while the Code Assist
 * contract wants every role to be `user` or `model` (the CLI always sets one; the emulator answers
 * 400 "Please use a valid role" otherwise). So an unset or empty role becomes `user` here, for
 * every backend.
 */
function withDefaultRoles(contents: GeminiContent[]): GeminiContent[] {
  return contents.some((content) => !content.role)
    ? contents.map((content) => (content.role ? content : { ...content, role: 'user' }))
    : contents;
}
