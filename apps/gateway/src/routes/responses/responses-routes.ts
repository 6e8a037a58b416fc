import type { ResponsesDeleted, ResponsesInputItem } from '@geminicli2api/protocol-openai';
import { visibleResponse } from '@geminicli2api/translator/internal';
import { Router, type Request } from 'express';
import { GatewayError } from '../../gateway-error';
import { sendJson } from '../../http/gateway-response';
import type { ResponsesHandler } from './create-responses-handler';
import { requireStored, responseNotFound } from './load-history';
import type { ResponseStore } from './response-store';

export const RESPONSES_PATH = '/v1/responses';

/** What the Responses router serves. */
export interface ResponsesRoutesOptions {
  handleCreate: ResponsesHandler;
  handleInputTokens: ResponsesHandler;
  store: ResponseStore;
}

/**
 * The Responses API on express: `POST /v1/responses` (the hot path serves plain JSON bodies
 * first), `POST /v1/responses/input_tokens`, `GET` and `DELETE /v1/responses/{id}`, and
 * `GET /v1/responses/{id}/input_items`.
 */
export function responsesRoutes({
  handleCreate,
  handleInputTokens,
  store,
}: ResponsesRoutesOptions): Router {
  const router = Router();
  router.post(RESPONSES_PATH, (request, response) => handleCreate(request.body, response));
  router.post(`${RESPONSES_PATH}/input_tokens`, (request, response) =>
    handleInputTokens(request.body, response),
  );
  router.get(`${RESPONSES_PATH}/:id`, async (request, response) => {
    const stored = await requireStored(store, String(request.params['id']));
    const include = queryList(request, 'include');
    sendJson(
      response,
      200,
      visibleResponse(stored.response, include.includes('reasoning.encrypted_content')),
    );
  });
  router.delete(`${RESPONSES_PATH}/:id`, async (request, response) => {
    const id = String(request.params['id']);
    if (!(await store.delete(id))) throw responseNotFound(id);
    const deleted: ResponsesDeleted = { id, object: 'response', deleted: true };
    sendJson(response, 200, deleted);
  });
  router.get(`${RESPONSES_PATH}/:id/input_items`, async (request, response) => {
    const stored = await requireStored(store, String(request.params['id']));
    sendJson(response, 200, listPage(stored.input, request));
  });
  return router;
}

/** One page of input items: `order` (default desc, as OpenAI), `after` an item id, `limit` 1–100 (20). */
function listPage(items: readonly ResponsesInputItem[], request: Request) {
  const order = queryList(request, 'order')[0] ?? 'desc';
  const limitText = queryList(request, 'limit')[0] ?? '20';
  const limit = Number(limitText);
  if (
    (order !== 'asc' && order !== 'desc') ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > 100
  ) {
    throw new GatewayError({
      code: 'INVALID_REQUEST',
      status: 400,
      param: order !== 'asc' && order !== 'desc' ? 'order' : 'limit',
      message: 'order must be asc or desc, and limit a whole number from 1 to 100.',
    });
  }
  const ordered = order === 'asc' ? [...items] : [...items].reverse();
  const after = queryList(request, 'after')[0];
  const start = after === undefined ? 0 : ordered.findIndex((item) => item.id === after) + 1;
  const data = ordered.slice(start, start + limit);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: start + limit < ordered.length,
  };
}

/** Every value of a query parameter (`include=a&include[]=b`), as strings. */
function queryList(request: Request, name: string): string[] {
  const values = [request.query[name], request.query[`${name}[]`]].flat();
  return values.filter((value): value is string => typeof value === 'string');
}
