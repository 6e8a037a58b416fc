import { matchGeminiPath } from '@geminicli2api/protocol-gemini';
import { applyFault, type FaultEffects } from './apply-fault';
import { countContentsTokens } from './count-tokens';
import { DEFAULT_EMULATOR_MODELS, PUBLIC_ONLY_MODELS } from './emulator-options';
import { createAccountState, quotaForModel, type EmulatorAccountState } from './emulator-account';
import { generateFakeAnswer } from './fake-model';
import {
  createResponseMeta,
  frameStreamAnswer,
  frameUnaryAnswer,
  type CodeAssistEnvelope,
} from './frame-answer';
import type { GeminiContent } from './gemini-types';
import { createGoogleError, googleErrorBody, UNAUTHENTICATED_ERROR } from './google-error';
import { delay, sendJson } from './http-io';
import { isJsonObject } from './json-object';
import type { ModelAnswer } from './model-answer';
import { createRateLimitError } from './rate-limit-error';
import { bodyValue, type RequestContext } from './request-context';
import { answerFromResponder } from './responder';
import { nextMidnightUtc } from './retrieve-user-quota';
import { validateContents } from './validate-contents';
import { validateGenerateRequest } from './validate-generate-request';
import { writeStream } from './write-stream';

/** A public-shape call: the Gemini API (API key) or Vertex AI (bearer token). */
export interface PublicApiRoute {
  kind: 'public';
  flavour: 'gemini-api' | 'vertex';
  model: string;
  method: 'generateContent' | 'streamGenerateContent' | 'countTokens';
}

const API_KEY_ACCOUNT = createAccountState(
  { refreshToken: 'api-key', onboarded: false },
  () => 'api-key-project',
);

/**
 * `POST /v1beta/models/{m}:…` (Gemini API, `x-goog-api-key` or `?key=` checked against the
 * configured keys) and `POST /v1/projects/{p}/locations/{l}/publishers/google/models/{m}:…`
 * (Vertex AI, bearer token of an account). Bodies are the bare `GenerateContentRequest`; answers
 * are not wrapped in the Code Assist envelope. Validation, fake model and faults are shared.
 */
export async function handlePublicApi(
  context: RequestContext,
  route: PublicApiRoute,
): Promise<void> {
  const { state, response, signal, request } = context;
  await delay(state.options.latencyMs, signal);
  if (signal.aborted) return;
  const stream = route.method === 'streamGenerateContent';
  let account: EmulatorAccountState | undefined;
  let accountId: string;
  if (route.flavour === 'gemini-api') {
    const header = request.headers['x-goog-api-key'];
    const key = (Array.isArray(header) ? header[0] : header) ?? context.query.key;
    if (key === undefined || key === '') {
      const error = createGoogleError({
        code: 403,
        message:
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      });
      sendJson(response, 403, googleErrorBody(error));
      return;
    }
    if (!state.options.apiKeys.includes(key)) {
      const error = createGoogleError({
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
        ],
      });
      sendJson(response, 400, googleErrorBody(error));
      return;
    }
    account = API_KEY_ACCOUNT;
    accountId = `api-key:${key}`;
  } else {
    account = state.accountForAuthorization(request.headers.authorization);
    if (account === undefined) {
      sendJson(response, 401, { error: UNAUTHENTICATED_ERROR });
      return;
    }
    accountId = account.refreshToken;
  }
  if (context.record !== undefined) context.record.account = accountId;
  const fault = state.faults.take({ method: route.method, account: accountId, model: route.model });
  let effects: FaultEffects = {};
  if (fault !== undefined) {
    const outcome = await applyFault(context, fault, {
      stream: false,
      token: false,
      model: route.model,
    });
    if (outcome === 'handled' || signal.aborted) return;
    effects = outcome;
  }
  const body = bodyValue(context);
  if (route.method === 'countTokens') {
    const contents = isJsonObject(body)
      ? (body.contents ??
        (isJsonObject(body.generateContentRequest)
          ? body.generateContentRequest.contents
          : undefined))
      : undefined;
    const failure = publicModels(state).includes(route.model)
      ? validateContents(contents)
      : { code: 404, status: 'NOT_FOUND', message: `models/${route.model} is not found.` };
    if (failure !== undefined) {
      sendJson(response, failure.code, googleErrorBody(createGoogleError(failure)));
      return;
    }
    sendJson(response, 200, { totalTokens: countContentsTokens(contents as GeminiContent[]) });
    return;
  }
  const validation = validateGenerateRequest(
    { model: route.model, project: 'public-api', request: body },
    publicModels(state),
  );
  if (!validation.ok) {
    sendJson(
      response,
      validation.failure.code,
      googleErrorBody(createGoogleError(validation.failure)),
    );
    return;
  }
  const quota = quotaForModel(account, route.model);
  if (quota.remainingFraction <= 0) {
    const resetAt = Date.parse(quota.resetTime ?? nextMidnightUtc());
    const error = createRateLimitError({
      reason: 'QUOTA_EXHAUSTED',
      retryDelaySeconds: Math.max(1, Math.round((resetAt - Date.now()) / 1000)),
      model: route.model,
    });
    sendJson(response, 429, googleErrorBody(error));
    return;
  }
  const inner = validation.value.request;
  const respond = state.options.respond;
  const custom =
    respond === undefined
      ? undefined
      : await respond(inner, { model: route.model, account, stream });
  const answer: ModelAnswer =
    custom !== undefined
      ? answerFromResponder(custom, inner)
      : generateFakeAnswer(inner, { model: route.model, stream });
  if (signal.aborted) return;
  const meta = createResponseMeta(route.model);
  if (!stream) {
    sendJson(
      response,
      200,
      frameUnaryAnswer(answer, meta, { omitFinishReason: effects.omitFinishReason === true })
        .response,
    );
    return;
  }
  const events = frameStreamAnswer(answer, meta, {
    chunkCount: state.options.streamChunkCount,
    omitFinishReason: effects.omitFinishReason === true,
  });
  // The public API streams bare responses: unwrap the envelope, keep the framing and faults.
  const bare = events.map((event) => event.response) as unknown as CodeAssistEnvelope[];
  await writeStream(response, bare, {
    sse: context.query.alt === 'sse',
    chunkDelayMs: effects.chunkDelayMs ?? state.options.chunkDelayMs,
    effects,
    signal,
  });
}

/** The generate models of the public APIs: the emulator's models plus the public-only ids. */
export function publicModels(state: RequestContext['state']): readonly string[] {
  return state.options.models === DEFAULT_EMULATOR_MODELS
    ? [...DEFAULT_EMULATOR_MODELS, ...PUBLIC_ONLY_MODELS]
    : state.options.models;
}
const PUBLIC_METHODS = new Set(['generateContent', 'streamGenerateContent', 'countTokens']);

/** Recognises the Gemini API and Vertex AI paths. */
export function resolvePublicApiRoute(
  httpMethod: string,
  path: string,
): PublicApiRoute | undefined {
  if (httpMethod !== 'POST') return undefined;
  const match = matchGeminiPath(path);
  if (!match?.model || !match.method || !PUBLIC_METHODS.has(match.method)) return undefined;
  // Google's Gemini API answers on v1beta with a bare model id; Vertex AI on v1.
  if (match.vertex ? match.version !== 'v1' : match.version !== 'v1beta') return undefined;
  if (match.model.includes('/') || match.model.includes(':')) return undefined;
  return {
    kind: 'public',
    flavour: match.vertex ? 'vertex' : 'gemini-api',
    model: decodeURIComponent(match.model),
    method: match.method as PublicApiRoute['method'],
  };
}
