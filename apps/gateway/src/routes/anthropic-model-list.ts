import type { GeminiModelCatalog, ListedGeminiModel } from '@geminicli2api/protocol-gemini';
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../gateway-error';

/** The catalog's release date, as Anthropic's `created_at` wants it. */
const CREATED_AT = '2026-01-01T00:00:00Z';

/** A model in Anthropic's `GET /v1/models` shape. */
export interface AnthropicModel {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

/** True when an Anthropic client asks (its SDK and Claude Code send `anthropic-version`). */
export function wantsAnthropicShape(request: IncomingMessage): boolean {
  return request.headers['anthropic-version'] !== undefined;
}

export function toAnthropicModel({
  name,
  model,
}: Pick<ListedGeminiModel, 'name' | 'model'>): AnthropicModel {
  const suffix = name === model.id ? '' : ` (${name.slice(model.id.length + 1)})`;
  return {
    type: 'model',
    id: name,
    display_name: `${model.displayName}${suffix}`,
    created_at: CREATED_AT,
  };
}

function readLimit(value: unknown): number {
  if (value === undefined || value === '') return 20;
  const limit = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(limit) || limit < 1 || limit > 1000) {
    throw new GatewayError({
      code: 'INVALID_REQUEST',
      status: 400,
      param: 'limit',
      message: 'Invalid limit: expected a whole number from 1 to 1000.',
    });
  }
  return limit;
}

/**
 * `GET /v1/models` for Anthropic clients: the same models as the OpenAI and Gemini lists, paged
 * with `limit` (default 20), `after_id` and `before_id`.
 */
export function listAnthropicModels(
  catalog: GeminiModelCatalog,
  query: Record<string, unknown>,
): { data: AnthropicModel[]; has_more: boolean; first_id: string | null; last_id: string | null } {
  const all = catalog.list().map(toAnthropicModel);
  const limit = readLimit(query['limit']);
  const after = typeof query['after_id'] === 'string' ? query['after_id'] : undefined;
  const before = typeof query['before_id'] === 'string' ? query['before_id'] : undefined;
  let start = 0;
  let end = all.length;
  if (after !== undefined) start = all.findIndex((model) => model.id === after) + 1;
  if (before !== undefined)
    end = Math.max(
      0,
      all.findIndex((model) => model.id === before),
    );
  const page =
    before !== undefined && after === undefined
      ? all.slice(Math.max(0, end - limit), end)
      : all.slice(start, Math.min(end, start + limit));
  const lastIndex = page.length > 0 ? all.indexOf(page[page.length - 1] as AnthropicModel) : -1;
  return {
    data: page,
    has_more: before !== undefined && after === undefined ? end - limit > 0 : lastIndex + 1 < end,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
  };
}
