import { z } from 'zod';

/**
 * The error body every OpenAI-compatible endpoint returns:
 * `{"error":{"message","type","param","code"}}`. `code` is a string or null, never a number.
 * https://platform.openai.com/docs/guides/error-codes
 */
export const openAIErrorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});

export type OpenAIErrorBody = z.infer<typeof openAIErrorBodySchema>;
export type OpenAIError = OpenAIErrorBody['error'];

/** Builds an error body with `param` and `code` defaulting to null. */
export function createOpenAIErrorBody({
  message,
  type,
  param = null,
  code = null,
}: {
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
}): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}
