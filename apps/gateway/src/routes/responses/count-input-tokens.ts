import { createModelCatalog } from '@geminicli2api/protocol-gemini';
import type { ResponsesInputTokens } from '@geminicli2api/protocol-openai';
import { convertResponsesRequestToGemini } from '@geminicli2api/translator';
import { identifyInputItems } from '@geminicli2api/translator/internal';
import { sendJson, type GatewayResponse } from '../../http/gateway-response';
import { requestState } from '../../http/request-state';
import { contextOf } from '../../middleware/request-context';
import { resolveModel } from '../../models/resolve-model';
import { abortOnClientClose } from '../write-sse';
import type { ResponsesRouteOptions } from './create-responses-handler';
import { newId, parseResponsesRequest } from './create-responses-handler';
import { loadHistory } from './load-history';

/**
 * `POST /v1/responses/input_tokens`: the upstream's own count (countTokens) of what a
 * `POST /v1/responses` with this body would send: instructions, the stored history of
 * `previous_response_id` and the input. Tool declarations are not part of Gemini's count.
 */
export function createInputTokensHandler({
  getClient,
  store,
  catalog = createModelCatalog(),
}: ResponsesRouteOptions): (body: unknown, response: GatewayResponse) => Promise<void> {
  return async (rawBody, response) => {
    const body = parseResponsesRequest(rawBody);
    const resolved = resolveModel(catalog, body.model);
    const requestContext = contextOf(response);
    if (requestContext) requestContext.requestedModel = body.model; // allow-lists, the ledger
    const model = resolved.model.id;
    const client = getClient();
    const history = body.previous_response_id
      ? await loadHistory(store, body.previous_response_id)
      : [];
    const input = [...history, ...identifyInputItems(body.input, newId)];
    const { request } = convertResponsesRequestToGemini(
      { ...body, model, input },
      { thinking: resolved.model.thinking },
    );
    const [first, ...rest] = request.contents;
    const system = request.systemInstruction?.parts ?? [];
    const contents =
      system.length > 0 && first?.role === 'user'
        ? [{ role: 'user', parts: [...system, ...first.parts] }, ...rest]
        : request.contents;
    requestState(response).model = model;
    const { totalTokens } = await client.countTokens({
      model,
      contents,
      signal: abortOnClientClose(response),
      context: contextOf(response),
    });
    const answer: ResponsesInputTokens = {
      object: 'response.input_tokens',
      input_tokens: totalTokens,
    };
    sendJson(response, 200, answer);
  };
}
