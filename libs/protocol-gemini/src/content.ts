import { z } from 'zod';

/**
 * Gemini `Part` and `Content`. Parts are a union in spirit (exactly one data field per part),
 * expressed here as one object with optional fields so that vendor output with new fields still
 * parses. https://ai.google.dev/api/caching#Part
 */

/** Inline bytes, base64 encoded. */
export const geminiBlobSchema = z.looseObject({
  mimeType: z.string(),
  data: z.string(),
});

/** A reference to a file by URI (Files API, `gs://`, YouTube). */
export const geminiFileDataSchema = z.looseObject({
  mimeType: z.string().optional(),
  fileUri: z.string(),
});

/** A function call the model wants the client to run. */
export const geminiFunctionCallSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  args: z.record(z.string(), z.unknown()).optional(),
});

/** The result of a function call, sent back by the client. */
export const geminiFunctionResponseSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  response: z.record(z.string(), z.unknown()),
  parts: z.array(z.looseObject({ inlineData: geminiBlobSchema.optional() })).optional(),
});

/** One piece of a message. */
export const geminiPartSchema = z.looseObject({
  text: z.string().optional(),
  /** Marks `text` as a thought summary. */
  thought: z.boolean().optional(),
  /** Opaque Gemini 3 reasoning state; must be sent back unchanged. */
  thoughtSignature: z.string().optional(),
  inlineData: geminiBlobSchema.optional(),
  fileData: geminiFileDataSchema.optional(),
  functionCall: geminiFunctionCallSchema.optional(),
  functionResponse: geminiFunctionResponseSchema.optional(),
  executableCode: z.looseObject({ language: z.string().optional(), code: z.string() }).optional(),
  codeExecutionResult: z
    .looseObject({ outcome: z.string().optional(), output: z.string().optional() })
    .optional(),
});

/** A turn of the conversation. */
export const geminiContentSchema = z.looseObject({
  role: z.string().optional(),
  parts: z.array(geminiPartSchema),
});

export type GeminiBlob = z.infer<typeof geminiBlobSchema>;
export type GeminiFileData = z.infer<typeof geminiFileDataSchema>;
export type GeminiFunctionCall = z.infer<typeof geminiFunctionCallSchema>;
export type GeminiFunctionResponse = z.infer<typeof geminiFunctionResponseSchema>;
export type GeminiPart = z.infer<typeof geminiPartSchema>;
export type GeminiContent = z.infer<typeof geminiContentSchema>;
