import { z } from 'zod';

/** One entry of `GET /v1/models`. */
export const openAIModelSchema = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number().int(),
  owned_by: z.string(),
});

/** The body of `GET /v1/models`. */
export const openAIModelListSchema = z.object({
  object: z.literal('list'),
  data: z.array(openAIModelSchema),
});

export type OpenAIModel = z.infer<typeof openAIModelSchema>;
export type OpenAIModelList = z.infer<typeof openAIModelListSchema>;
