import { z } from 'zod';
import { geminiContentSchema, geminiPartSchema } from './content';

/** A function the model may call. Send `parametersJsonSchema` or the legacy `parameters`. */
export const geminiFunctionDeclarationSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  /** JSON Schema (preferred). */
  parametersJsonSchema: z.unknown().optional(),
  /** Legacy OpenAPI-subset schema. */
  parameters: z.unknown().optional(),
});

/** A tool: function declarations or one of Google's built-in tools. */
export const geminiToolSchema = z.looseObject({
  functionDeclarations: z.array(geminiFunctionDeclarationSchema).optional(),
  googleSearch: z.record(z.string(), z.unknown()).optional(),
  urlContext: z.record(z.string(), z.unknown()).optional(),
  codeExecution: z.record(z.string(), z.unknown()).optional(),
});

/** How the model may use the declared functions. */
export const geminiToolConfigSchema = z.looseObject({
  functionCallingConfig: z
    .looseObject({
      mode: z.enum(['AUTO', 'ANY', 'NONE', 'VALIDATED']).optional(),
      allowedFunctionNames: z.array(z.string()).optional(),
    })
    .optional(),
});

/** Reasoning controls: `thinkingBudget` for 2.5 models, `thinkingLevel` for 3.x, never both. */
export const geminiThinkingConfigSchema = z.looseObject({
  includeThoughts: z.boolean().optional(),
  thinkingBudget: z.number().int().optional(),
  thinkingLevel: z.string().optional(),
});

/** https://ai.google.dev/api/generate-content#generationconfig */
export const geminiGenerationConfigSchema = z.looseObject({
  temperature: z.number().optional(),
  topP: z.number().optional(),
  topK: z.number().optional(),
  candidateCount: z.number().int().optional(),
  maxOutputTokens: z.number().int().optional(),
  stopSequences: z.array(z.string()).optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  seed: z.number().int().optional(),
  responseLogprobs: z.boolean().optional(),
  logprobs: z.number().int().optional(),
  responseMimeType: z.string().optional(),
  responseJsonSchema: z.unknown().optional(),
  responseSchema: z.unknown().optional(),
  responseModalities: z.array(z.string()).optional(),
  thinkingConfig: geminiThinkingConfigSchema.optional(),
});

/** A safety threshold for one harm category. */
export const geminiSafetySettingSchema = z.looseObject({
  category: z.string(),
  threshold: z.string(),
});

/** The body of `models/{model}:generateContent` (and the `request` of a Code Assist call). */
export const generateContentRequestSchema = z.looseObject({
  contents: z
    .array(
      geminiContentSchema.extend({
        parts: z.array(geminiPartSchema).min(1, 'parts must not be empty'),
      }),
    )
    .min(1, 'contents must not be empty'),
  systemInstruction: geminiContentSchema.optional(),
  tools: z.array(geminiToolSchema).optional(),
  toolConfig: geminiToolConfigSchema.optional(),
  safetySettings: z.array(geminiSafetySettingSchema).optional(),
  generationConfig: geminiGenerationConfigSchema.optional(),
  cachedContent: z.string().optional(),
});

export type GeminiFunctionDeclaration = z.infer<typeof geminiFunctionDeclarationSchema>;
export type GeminiTool = z.infer<typeof geminiToolSchema>;
export type GeminiToolConfig = z.infer<typeof geminiToolConfigSchema>;
export type GeminiThinkingConfig = z.infer<typeof geminiThinkingConfigSchema>;
export type GeminiGenerationConfig = z.infer<typeof geminiGenerationConfigSchema>;
export type GeminiSafetySetting = z.infer<typeof geminiSafetySettingSchema>;
export type GenerateContentRequest = z.infer<typeof generateContentRequestSchema>;
