import type { GeminiModelCatalog, ListedGeminiModel } from '@geminicli2api/protocol-gemini';
import { GatewayError } from '../gateway-error';
import { unknownModelMessage } from '../models/resolve-model';

/** A model in Google's `models` resource shape. https://ai.google.dev/api/models#Model */
export interface GoogleModel {
  name: string;
  baseModelId: string;
  version: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  supportedGenerationMethods: string[];
  temperature: number;
  maxTemperature: number;
  topP: number;
  topK: number;
  thinking: boolean;
}

const METHODS = ['generateContent', 'streamGenerateContent', 'countTokens'];
const EMBEDDING_METHODS = ['embedContent', 'batchEmbedContents'];
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/** Converts a catalog entry (or variant) into Google's model shape. */
export function toGoogleModel({ name, model, variant }: ListedGeminiModel): GoogleModel {
  const labels = [
    ...(variant.search ? ['Google Search'] : []),
    ...(variant.thinking === 'off'
      ? ['No Thinking']
      : variant.thinking === 'max'
        ? ['Max Thinking']
        : []),
  ];
  const suffix = labels.length > 0 ? ` (${labels.join(', ')})` : '';
  return {
    name: `models/${name}`,
    baseModelId: model.id,
    version: /^gemini-(\d+(?:\.\d+)?)/.exec(model.id)?.[1] ?? '001',
    displayName: `${model.displayName}${suffix}`,
    description: `${model.description}${suffix}`,
    inputTokenLimit: model.inputTokenLimit,
    outputTokenLimit: model.outputTokenLimit,
    supportedGenerationMethods: model.kind === 'embedding' ? [...EMBEDDING_METHODS] : [...METHODS],
    temperature: 1,
    maxTemperature: 2,
    topP: 0.95,
    topK: 64,
    thinking: model.thinking !== 'none' && variant.thinking !== 'off',
  };
}

/** `GET …/models`: one page of the catalog (`pageSize` up to 1000, `pageToken` from the last page). */
export function listGoogleModels(
  catalog: GeminiModelCatalog,
  query: Record<string, unknown>,
): { models: GoogleModel[]; nextPageToken?: string } {
  const size = readInteger(query['pageSize'], 'pageSize') ?? DEFAULT_PAGE_SIZE;
  const start = readInteger(query['pageToken'], 'pageToken') ?? 0;
  const pageSize = size <= 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
  const all = catalog.list();
  const models = all.slice(start, start + pageSize).map(toGoogleModel);
  const next = start + pageSize;
  return next < all.length ? { models, nextPageToken: String(next) } : { models };
}

/** `GET …/models/{model}`: the model, a variant or an alias; a 404 naming close matches otherwise. */
export function getGoogleModel(catalog: GeminiModelCatalog, requested: string): GoogleModel {
  const resolved = catalog.resolve(requested);
  // An unlisted id is tried upstream on a call, but is not described as a known model.
  if (!resolved || resolved.unlisted) {
    throw new GatewayError({
      code: 'NOT_FOUND',
      status: 404,
      param: 'model',
      message: unknownModelMessage(catalog, requested),
    });
  }
  return toGoogleModel(resolved);
}

function readInteger(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(number)) {
    throw new GatewayError({
      code: 'INVALID_REQUEST',
      status: 400,
      param: name,
      message: `Invalid ${name}: expected a non-negative integer.`,
    });
  }
  return number;
}
