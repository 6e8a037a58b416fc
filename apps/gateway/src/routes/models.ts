import { GEMINI_MODELS } from '@geminicli2api/protocol-gemini';
import type { OpenAIModelList } from '@geminicli2api/protocol-openai';
import { Router } from 'express';

/** Release date of the catalog; OpenAI's `created` needs some epoch seconds. */
const CATALOG_CREATED = 1_767_225_600;

/** `GET /v1/models`: the catalog in OpenAI's shape. */
export function modelsRoute(): Router {
  const router = Router();
  const list: OpenAIModelList = {
    object: 'list',
    data: GEMINI_MODELS.map((model) => ({
      id: model.id,
      object: 'model',
      created: CATALOG_CREATED,
      owned_by: 'google',
    })),
  };
  router.get('/v1/models', (_request, response) => {
    response.json(list);
  });
  return router;
}
