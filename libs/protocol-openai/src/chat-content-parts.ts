import { z } from 'zod';

/**
 * The content parts of an inbound OpenAI chat message (text, image, audio, file, refusal).
 * https://platform.openai.com/docs/api-reference/chat/create
 */

/** `{type:"text"}` content part. */
export const openAITextPartSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
});

/** `{type:"image_url"}` content part; `url` is a data URL or an http(s)/gs URL. */
export const openAIImagePartSchema = z.object({
  type: z.literal('image_url'),
  image_url: z.union([
    z.object({
      url: z.string().min(1),
      detail: z.string().nullish(),
    }),
    // Some clients send the URL as a bare string (LiteLLM accepts it too).
    z
      .string()
      .min(1)
      .transform((url) => ({ url, detail: null })),
  ]),
});

/** `{type:"input_audio"}` content part (base64 audio). */
export const openAIAudioPartSchema = z.object({
  type: z.literal('input_audio'),
  input_audio: z.object({
    data: z.string(),
    format: z.string(),
  }),
});

/** `{type:"file"}` content part: inline `file_data` (data URL or base64) or an uploaded `file_id`. */
export const openAIFilePartSchema = z.object({
  type: z.literal('file'),
  file: z.object({
    file_data: z.string().nullish(),
    file_id: z.string().nullish(),
    filename: z.string().nullish(),
  }),
});

/** Assistant `{type:"refusal"}` content part. */
export const openAIRefusalPartSchema = z.object({
  type: z.literal('refusal'),
  refusal: z.string(),
});

/** Any content part a user, system or tool message may carry. */
export const openAIContentPartSchema = z.discriminatedUnion('type', [
  openAITextPartSchema,
  openAIImagePartSchema,
  openAIAudioPartSchema,
  openAIFilePartSchema,
  openAIRefusalPartSchema,
]);

export type OpenAITextPart = z.infer<typeof openAITextPartSchema>;
export type OpenAIImagePart = z.infer<typeof openAIImagePartSchema>;
export type OpenAIAudioPart = z.infer<typeof openAIAudioPartSchema>;
export type OpenAIFilePart = z.infer<typeof openAIFilePartSchema>;
export type OpenAIContentPart = z.infer<typeof openAIContentPartSchema>;
