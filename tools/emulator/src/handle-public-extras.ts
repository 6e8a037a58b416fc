import { countTextTokens } from './count-tokens';
import { DEFAULT_EMBEDDING_MODELS } from './emulator-options';
import { defaultDimensions, fakeEmbedding } from './fake-embedding';
import { createGoogleError, googleErrorBody, UNAUTHENTICATED_ERROR } from './google-error';
import { sendJson } from './http-io';
import { isJsonObject } from './json-object';
import { publicModels } from './handle-public-api';
import { bodyValue, type RequestContext } from './request-context';
import { describeEmulatorModel } from './describe-emulator-model';

/** Model lists and embeddings of the Gemini API and Vertex AI. */
export interface PublicExtraRoute {
  kind: 'public-extra';
  flavour: 'gemini-api' | 'vertex';
  action: 'list' | 'embedContent' | 'batchEmbedContents' | 'predict';
  model?: string;
}

/** Google's limit on one `batchEmbedContents` call. */
export const MAX_EMBED_BATCH = 100;
/** Vertex's limit on one `predict` call (one input for gemini-embedding models). */
const MAX_PREDICT_INSTANCES = 250;

/** Recognises `GET /v1beta/models`, `GET /v1beta1/publishers/google/models` and the embed methods. */
export function resolvePublicExtraRoute(
  method: string,
  path: string,
): PublicExtraRoute | undefined {
  if (method === 'GET' && path === '/v1beta/models')
    return { kind: 'public-extra', flavour: 'gemini-api', action: 'list' };
  if (method === 'GET' && path === '/v1beta1/publishers/google/models')
    return { kind: 'public-extra', flavour: 'vertex', action: 'list' };
  if (method !== 'POST') return undefined;
  const gemini = /^\/v1beta\/models\/([^/:]+):(embedContent|batchEmbedContents)$/.exec(path);
  const vertex =
    /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/publishers\/google\/models\/([^/:]+):(predict|embedContent)$/.exec(
      path,
    );
  const match = gemini ?? vertex;
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return {
    kind: 'public-extra',
    flavour: gemini ? 'gemini-api' : 'vertex',
    action: match[2] as PublicExtraRoute['action'],
    model: decodeURIComponent(match[1]),
  };
}

function fail(context: RequestContext, code: number, message: string): void {
  sendJson(context.response, code, googleErrorBody(createGoogleError({ code, message })));
}

function authorised(context: RequestContext, flavour: PublicExtraRoute['flavour']): boolean {
  const { request, state } = context;
  if (flavour === 'vertex') {
    const account = state.accountForAuthorization(request.headers.authorization);
    if (context.record !== undefined && account) context.record.account = account.refreshToken;
    if (account !== undefined) return true;
    sendJson(context.response, 401, { error: UNAUTHENTICATED_ERROR });
    return false;
  }
  const header = request.headers['x-goog-api-key'];
  const key = (Array.isArray(header) ? header[0] : header) ?? context.query.key;
  if (key !== undefined && state.options.apiKeys.includes(key)) {
    if (context.record !== undefined) context.record.account = `api-key:${key}`;
    return true;
  }
  fail(
    context,
    key ? 400 : 403,
    key
      ? 'API key not valid. Please pass a valid API key.'
      : "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
  return false;
}

/** Answers a model list or an embedding call. */
export function handlePublicExtra(context: RequestContext, route: PublicExtraRoute): void {
  if (!authorised(context, route.flavour)) return;
  if (route.action === 'list') return listModels(context, route.flavour);
  const model = route.model ?? '';
  if (!DEFAULT_EMBEDDING_MODELS.includes(model)) {
    const known = publicModels(context.state).includes(model);
    return fail(
      context,
      known ? 400 : 404,
      known
        ? `models/${model} does not support ${route.action}.`
        : `models/${model} is not found for API version v1beta, or is not supported for ${route.action}.`,
    );
  }
  const body = bodyValue(context);
  if (!isJsonObject(body)) return fail(context, 400, 'Invalid JSON payload received.');
  if (route.action === 'predict') return predict(context, model, body);
  const requests =
    route.action === 'batchEmbedContents' ? body.requests : [{ ...body, model: `models/${model}` }];
  if (!Array.isArray(requests) || requests.length === 0)
    return fail(context, 400, '* BatchEmbedContentsRequest.requests: requests is required.');
  if (requests.length > MAX_EMBED_BATCH)
    return fail(
      context,
      400,
      `* BatchEmbedContentsRequest.requests: at most ${MAX_EMBED_BATCH} requests can be in one batch`,
    );
  const embeddings = [];
  for (const [index, entry] of requests.entries()) {
    const text = textOf(isJsonObject(entry) ? entry.content : undefined);
    const dimensions = isJsonObject(entry) ? entry.outputDimensionality : undefined;
    if (text === undefined)
      return fail(
        context,
        400,
        `* BatchEmbedContentsRequest.requests[${index}].content: contents must have parts with text.`,
      );
    const size = dimensions === undefined ? defaultDimensions(model) : dimensions;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 3072)
      return fail(
        context,
        400,
        `* BatchEmbedContentsRequest.requests[${index}].output_dimensionality: must be between 1 and 3072.`,
      );
    embeddings.push({ values: fakeEmbedding(text, size) });
  }
  if (route.action === 'embedContent')
    sendJson(context.response, 200, { embedding: embeddings[0] });
  else sendJson(context.response, 200, { embeddings });
}

function predict(context: RequestContext, model: string, body: Record<string, unknown>): void {
  const instances = body.instances;
  const limit = model.startsWith('gemini-embedding') ? 1 : MAX_PREDICT_INSTANCES;
  if (!Array.isArray(instances) || instances.length === 0)
    return fail(context, 400, 'instances is required.');
  if (instances.length > limit)
    return fail(
      context,
      400,
      `Unable to submit request because ${model} supports up to ${limit} instances per request.`,
    );
  const parameters = isJsonObject(body.parameters) ? body.parameters : {};
  const size = parameters.outputDimensionality ?? defaultDimensions(model);
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 3072)
    return fail(context, 400, 'outputDimensionality must be between 1 and 3072.');
  const predictions = [];
  for (const instance of instances) {
    const text = isJsonObject(instance) ? instance.content : undefined;
    if (typeof text !== 'string')
      return fail(context, 400, 'Each instance needs a content string.');
    predictions.push({
      embeddings: {
        values: fakeEmbedding(text, size),
        statistics: { token_count: countTextTokens(text), truncated: false },
      },
    });
  }
  sendJson(context.response, 200, { predictions, metadata: { billableCharacterCount: 0 } });
}

function textOf(content: unknown): string | undefined {
  if (!isJsonObject(content) || !Array.isArray(content.parts)) return undefined;
  const texts = content.parts
    .map((part) => (isJsonObject(part) && typeof part.text === 'string' ? part.text : undefined))
    .filter((text): text is string => text !== undefined);
  return texts.length === 0 ? undefined : texts.join('\n');
}

/** One page (`pageSize`, default 50; `pageToken`) of every model, in Google's or Vertex's shape. */
function listModels(context: RequestContext, flavour: PublicExtraRoute['flavour']): void {
  const ids = [...publicModels(context.state), ...DEFAULT_EMBEDDING_MODELS];
  const size = Math.min(1000, Math.max(1, Number(context.query.pageSize ?? 50) || 50));
  const start = Number(context.query.pageToken ?? 0) || 0;
  const page = ids.slice(start, start + size);
  const next = start + size < ids.length ? { nextPageToken: String(start + size) } : {};
  if (flavour === 'gemini-api') {
    sendJson(context.response, 200, { models: page.map(describeEmulatorModel), ...next });
    return;
  }
  sendJson(context.response, 200, {
    publisherModels: page.map((id) => ({
      name: `publishers/google/models/${id}`,
      versionId: 'default',
      openSourceCategory: 'PROPRIETARY',
      launchStage: id.includes('preview') ? 'PUBLIC_PREVIEW' : 'GA',
      publisherModelTemplate: `projects/{project}/locations/{location}/publishers/google/models/${id}`,
    })),
    ...next,
  });
}
