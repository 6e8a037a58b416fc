import { createModelCatalog, type GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import type { OpenAIModelList } from '@geminicli2api/protocol-openai';
import { Router } from 'express';
import { resolveModel } from '../models/resolve-model';

/** Release date of the catalog; OpenAI's `created` needs some epoch seconds. */
const CATALOG_CREATED = 1_767_225_600;

type OpenAIModel = OpenAIModelList['data'][number];

function openAIModel(id: string): OpenAIModel {
  return { id, object: 'model', created: CATALOG_CREATED, owned_by: 'google' };
}

/**
 * `GET /v1/models`: every catalog model and variant (`-search`, `-nothinking`, `-maxthinking`,
 * combined) in OpenAI's shape; `GET /v1/models/{id}` retrieves one (aliases and `models/` accepted).
 */
export function modelsRoute(catalog: GeminiModelCatalog = createModelCatalog()): Router {
  const router = Router();
  const list: OpenAIModelList = {
    object: 'list',
    data: catalog.list().map((entry) => openAIModel(entry.name)),
  };
  router.get('/v1/models', (_request, response) => {
    response.json(list);
  });
  router.get('/v1/models/*name', (request, response) => {
    const segments = request.params['name'] as unknown as string[] | string;
    const name = Array.isArray(segments) ? segments.join('/') : segments;
    response.json(openAIModel(resolveModel(catalog, name).name));
  });
  return router;
}
