import { applyFault, type FaultEffects } from './apply-fault';
import type { EmulatorAccountState } from './emulator-account';
import { createForbiddenError } from './forbidden-error';
import { createGoogleError, googleErrorBody, UNAUTHENTICATED_ERROR } from './google-error';
import { handleGenerate } from './handle-generate';
import { delay, sendJson } from './http-io';
import { isJsonObject } from './json-object';
import { buildLoadCodeAssistResponse } from './load-code-assist';
import { pollOperation, startOnboarding, type EndpointResult } from './onboard-user';
import { bodyValue, type RequestContext } from './request-context';
import { faultMethodOf, type Route } from './resolve-route';
import { buildUserQuotaResponse } from './retrieve-user-quota';
import { validateCountTokensRequest } from './validate-count-tokens-request';
import { countContentsTokens } from './count-tokens';

/**
 * Handles a `v1internal` call: latency, bearer check (401), scripted faults, the account's 403,
 * then the method itself.
 */
export async function handleV1Internal(
  context: RequestContext,
  route: Extract<Route, { kind: 'method' | 'operation' }>,
): Promise<void> {
  const { state, response, signal } = context;
  await delay(state.options.latencyMs, signal);
  if (signal.aborted) return;
  const account = state.accountForAuthorization(context.request.headers.authorization);
  if (account === undefined) {
    sendJson(
      response,
      401,
      { error: UNAUTHENTICATED_ERROR },
      { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
    );
    return;
  }
  if (context.record !== undefined) context.record.account = account.refreshToken;
  const name = route.kind === 'method' ? route.name : 'operations';
  const stream = name === 'streamGenerateContent';
  if (context.body.kind === 'invalid') {
    const error = createGoogleError({
      code: 400,
      message: 'Invalid JSON payload received. Unexpected token.',
    });
    sendJson(response, 400, googleErrorBody(error, stream && state.options.arrayWrapStreamErrors));
    return;
  }
  const model = modelOf(name, bodyValue(context));
  const fault = state.faults.take({
    method: faultMethodOf(name),
    account: account.refreshToken,
    ...(model === undefined ? {} : { model }),
  });
  let effects: FaultEffects = {};
  if (fault !== undefined) {
    const outcome = await applyFault(context, fault, {
      stream,
      token: false,
      ...(model === undefined ? {} : { model }),
    });
    if (outcome === 'handled' || signal.aborted) return;
    effects = outcome;
  }
  if (account.forbidden !== undefined) {
    const error = createForbiddenError(account.forbidden, account.project ?? 'default');
    sendJson(response, 403, googleErrorBody(error, stream && state.options.arrayWrapStreamErrors));
    return;
  }
  if (name === 'generateContent' || stream) {
    const sse = context.query.alt === 'sse' || context.query.$alt === 'sse';
    await handleGenerate(context, { account, stream, sse, effects });
    return;
  }
  if (effects.resetAfterEvents !== undefined) {
    response.destroy();
    return;
  }
  if (effects.errorEvent !== undefined) {
    sendJson(response, effects.errorEvent.error.code, googleErrorBody(effects.errorEvent.error));
    return;
  }
  const result =
    route.kind === 'operation'
      ? pollOperation(state, account, route.id)
      : answerSetupMethod(context, name, account);
  if ('error' in result) sendJson(response, result.status, googleErrorBody(result.error));
  else sendJson(response, 200, result.body);
}

function answerSetupMethod(
  context: RequestContext,
  name: string,
  account: EmulatorAccountState,
): EndpointResult {
  const { state } = context;
  const body = bodyValue(context);
  switch (name) {
    case 'countTokens': {
      const validation = validateCountTokensRequest(body, state.options.models);
      if (!validation.ok)
        return { status: validation.failure.code, error: createGoogleError(validation.failure) };
      return { status: 200, body: { totalTokens: countContentsTokens(validation.value.contents) } };
    }
    case 'loadCodeAssist':
      return { status: 200, body: buildLoadCodeAssistResponse(account, body) };
    case 'onboardUser':
      return startOnboarding(state, account, body);
    case 'retrieveUserQuota':
      return { status: 200, body: buildUserQuotaResponse(account, state.options.models) };
    case 'listExperiments':
      return { status: 200, body: { experimentIds: [], flags: [] } };
    case 'getCodeAssistGlobalUserSetting':
      return {
        status: 200,
        body: { cloudaicompanionProject: account.project, freeTierDataCollectionOptin: false },
      };
    case 'setCodeAssistGlobalUserSetting':
      return { status: 200, body: isJsonObject(body) ? body : {} };
    default:
      // recordCodeAssistMetrics, fetchAdminControls: accepted and ignored.
      return { status: 200, body: {} };
  }
}

function modelOf(name: string, body: unknown): string | undefined {
  if (!isJsonObject(body)) return undefined;
  if (name === 'countTokens') {
    const request = body.request;
    return isJsonObject(request) && typeof request.model === 'string'
      ? request.model.replace(/^models\//, '')
      : undefined;
  }
  return typeof body.model === 'string' ? body.model : undefined;
}
