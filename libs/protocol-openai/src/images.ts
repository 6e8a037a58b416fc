import { z } from 'zod';

/** `POST /v1/images/generations`: https://platform.openai.com/docs/api-reference/images/create */
export const imageGenerationRequestSchema = z.looseObject({
  prompt: z.string().min(1, 'must not be empty').max(32_000),
  model: z.string().min(1).optional(),
  n: z.number().int().min(1).max(10).optional(),
  size: z
    .string()
    .regex(/^(auto|\d{2,5}x\d{2,5})$/, 'must be auto or WIDTHxHEIGHT, such as 1024x1024')
    .optional(),
  response_format: z.enum(['url', 'b64_json']).optional(),
  quality: z.string().optional(),
  style: z.string().optional(),
  user: z.string().optional(),
});

/** One generated image. */
export interface OpenAIImage {
  b64_json: string;
  revised_prompt?: string;
}

/** The answer of `POST /v1/images/generations` and `/v1/images/edits`. */
export interface ImagesResponse {
  created: number;
  data: OpenAIImage[];
  output_format?: string;
}

export type ImageGenerationRequest = z.infer<typeof imageGenerationRequestSchema>;
