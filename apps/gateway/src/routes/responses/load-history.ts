import type { ResponsesInputItem } from '@geminicli2api/protocol-openai';
import { outputItemsToInput } from '@geminicli2api/translator/internal';
import { GatewayError } from '../../gateway-error';
import type { ResponseStore, StoredResponse } from './response-store';

/** Longest `previous_response_id` chain followed (a guard, far above real conversations). */
const MAX_CHAIN = 10_000;

/** The 404 OpenAI answers for an id it does not have (unknown, expired, deleted or not stored). */
export function responseNotFound(id: string, param: string | null = null): GatewayError {
  return new GatewayError({
    code: 'NOT_FOUND',
    status: 404,
    param,
    message: `Response with id '${id.slice(0, 100)}' not found. Responses are kept only when created with store (the default) and expire (RESPONSES_STORE_TTL_SECONDS).`,
  });
}

/** The stored response `id`, or the 404. */
export async function requireStored(
  store: ResponseStore,
  id: string,
  param: string | null = null,
): Promise<StoredResponse> {
  const stored = await store.get(id);
  if (!stored) throw responseNotFound(id, param);
  return stored;
}

/**
 * The conversation before a response created with `previous_response_id`: for each response of
 * the chain, oldest first, its input items then its output items. A missing link is a 404.
 */
export async function loadHistory(
  store: ResponseStore,
  previousId: string,
): Promise<ResponsesInputItem[]> {
  const chain: StoredResponse[] = [];
  let id: string | null = previousId;
  while (id !== null && chain.length < MAX_CHAIN) {
    const stored: StoredResponse = await requireStored(store, id, 'previous_response_id');
    chain.push(stored);
    id = stored.response.previous_response_id;
  }
  return chain
    .reverse()
    .flatMap((stored) => [...stored.input, ...outputItemsToInput(stored.response.output)]);
}
