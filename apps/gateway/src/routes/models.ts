import { createModelCatalog, type GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import type { OpenAIModelList } from '@geminicli2api/protocol-openai';
import { Router } from 'express';
import { resolveModel, unknownModel } from '../models/resolve-model';
import { listAnthropicModels, toAnthropicModel, wantsAnthropicShape } from './anthropic-model-list';

/** Release date of the catalog; OpenAI's `created` needs some epoch seconds. */
const CATALOG_CREATED = 1_767_225_600;

type OpenAIModel = OpenAIModelList['data'][number];

function openAIModel(id: string): OpenAIModel {
  return { id, object: 'model', created: CATALOG_CREATED, owned_by: 'google' };
}

/**
 * `GET /v1/models`: every catalog model and variant (`-search`, `-nothinking`, `-maxthinking`,
 * combined) in OpenAI's shape, or Anthropic's when the client sends `anthropic-version`;
 * `GET /v1/models/{id}` retrieves one (aliases and `models/` accepted).
 */
export function modelsRoute(catalog: GeminiModelCatalog = createModelCatalog()): Router {
  const router = Router();
  router.get('/v1/models', (request, response) => {
    if (wantsAnthropicShape(request)) {
      response.json(listAnthropicModels(catalog, request.query));
      return;
    }
    // Built per request: discovery may add models while the gateway runs.
    const list: OpenAIModelList = {
      object: 'list',
      data: catalog.list().map((entry) => openAIModel(entry.name)),
    };
    response.json(list);
  });
  router.get('/v1/models/*name', (request, response) => {
    const segments = request.params['name'] as unknown as string[] | string;
    const name = Array.isArray(segments) ? segments.join('/') : segments;
    const resolved = resolveModel(catalog, name);
    if (resolved.unlisted) throw unknownModel(catalog, name);
    response.json(
      wantsAnthropicShape(request) ? toAnthropicModel(resolved) : openAIModel(resolved.name),
    );
  });
  return router;
}
