import { z } from 'zod';

/** OpenAI's limit on inputs per embeddings request. */
export const MAX_EMBEDDING_INPUTS = 2048;

const text = z.string().min(1, 'must not be an empty string');
const tokens = z.array(z.number().int()).min(1);

/** `POST /v1/embeddings`: https://platform.openai.com/docs/api-reference/embeddings/create */
export const embeddingRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([
    text,
    z
      .array(text)
      .min(1, 'must not be empty')
      .max(MAX_EMBEDDING_INPUTS, `must have at most ${MAX_EMBEDDING_INPUTS} items`),
    tokens,
    z.array(tokens).min(1),
  ]),
  dimensions: z.number().int().min(1).max(3072).optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
  user: z.string().optional(),
});

/** One vector: numbers, or little-endian float32 bytes in base64 with `encoding_format: base64`. */
export interface OpenAIEmbedding {
  object: 'embedding';
  index: number;
  embedding: number[] | string;
}

/** The answer of `POST /v1/embeddings`. */
export interface EmbeddingResponse {
  object: 'list';
  data: OpenAIEmbedding[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export type EmbeddingRequest = z.infer<typeof embeddingRequestSchema>;
