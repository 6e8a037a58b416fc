import type { FaultEffects } from './apply-fault';
import { quotaForModel, type EmulatorAccountState } from './emulator-account';
import { generateFakeAnswer } from './fake-model';
import { createResponseMeta, frameStreamAnswer, frameUnaryAnswer } from './frame-answer';
import { createGoogleError, googleErrorBody } from './google-error';
import { sendJson } from './http-io';
import type { ModelAnswer } from './model-answer';
import { createRateLimitError } from './rate-limit-error';
import { bodyValue, type RequestContext } from './request-context';
import { answerFromResponder } from './responder';
import { nextMidnightUtc } from './retrieve-user-quota';
import { validateGenerateRequest, type ValidGenerateEnvelope } from './validate-generate-request';
import { writeStream } from './write-stream';

/** How the generate call was made. */
export interface GenerateCall {
  account: EmulatorAccountState;
  /** streamGenerateContent (SSE or JSON array) vs generateContent. */
  stream: boolean;
  /** `alt=sse` was given (streams only). */
  sse: boolean;
  effects: FaultEffects;
}

/**
 * `POST :generateContent` and `:streamGenerateContent`: validates the envelope strictly, enforces
 * the account's quota, asks the responder or the fake model, and writes a unary body, an SSE
 * stream or a JSON-array stream.
 */
export async function handleGenerate(context: RequestContext, call: GenerateCall): Promise<void> {
  const { response, state, signal } = context;
  const wrap = call.stream && state.options.arrayWrapStreamErrors;
  const validation = validateGenerateRequest(bodyValue(context), state.options.models);
  if (!validation.ok) {
    const { code, status, message } = validation.failure;
    sendJson(response, code, googleErrorBody(createGoogleError({ code, status, message }), wrap));
    return;
  }
  const envelope = validation.value;
  const quota = quotaForModel(call.account, envelope.model);
  if (quota.remainingFraction <= 0) {
    const resetAt = Date.parse(quota.resetTime ?? nextMidnightUtc());
    const retryDelaySeconds = Math.max(1, Math.round((resetAt - Date.now()) / 1000));
    const error = createRateLimitError({
      reason: 'QUOTA_EXHAUSTED',
      retryDelaySeconds,
      model: envelope.model,
    });
    sendJson(response, 429, googleErrorBody(error, wrap));
    return;
  }
  const answer = await produceAnswer(context, envelope, call);
  if (signal.aborted) return;
  const meta = createResponseMeta(envelope.model);
  const omitFinishReason = call.effects.omitFinishReason === true;
  if (call.stream) {
    const events = frameStreamAnswer(answer, meta, {
      chunkCount: state.options.streamChunkCount,
      omitFinishReason,
    });
    const chunkDelayMs = call.effects.chunkDelayMs ?? state.options.chunkDelayMs;
    await writeStream(response, events, {
      sse: call.sse,
      chunkDelayMs,
      effects: call.effects,
      signal,
    });
    return;
  }
  if (call.effects.resetAfterEvents !== undefined) {
    response.destroy();
    return;
  }
  const errorEvent = call.effects.errorEvent;
  if (errorEvent !== undefined) {
    sendJson(response, errorEvent.error.code, googleErrorBody(errorEvent.error));
    return;
  }
  sendJson(response, 200, frameUnaryAnswer(answer, meta, { omitFinishReason }));
}

async function produceAnswer(
  context: RequestContext,
  envelope: ValidGenerateEnvelope,
  call: GenerateCall,
): Promise<ModelAnswer> {
  const { request, model } = envelope;
  const respond = context.state.options.respond;
  if (respond !== undefined) {
    const result = await respond(request, { model, account: call.account, stream: call.stream });
    if (result !== undefined) return answerFromResponder(result, request);
  }
  return generateFakeAnswer(request, { model, stream: call.stream });
}
