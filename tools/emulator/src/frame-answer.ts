import { randomBytes } from 'node:crypto';
import type {
  GeminiCandidate,
  GeminiPart,
  GeminiResponse,
  GeminiUsageMetadata,
} from './gemini-types';
import type { AnswerCandidate, ModelAnswer } from './model-answer';

/** The Code Assist envelope around every generate body and stream event. */
export interface CodeAssistEnvelope {
  response: GeminiResponse;
  traceId: string;
}

/** Ids and timestamps shared by all events of one answer. */
export interface ResponseMeta {
  modelVersion: string;
  createTime: string;
  responseId: string;
  traceId: string;
}

/** Fresh metadata for an answer of `model`. */
export function createResponseMeta(model: string, now = Date.now()): ResponseMeta {
  const micros = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  return {
    modelVersion: model,
    createTime: new Date(now).toISOString().replace('Z', `${micros}Z`),
    responseId: randomBytes(12).toString('base64url'),
    traceId: randomBytes(8).toString('hex'),
  };
}

/** Framing switches. */
export interface FrameOptions {
  /** Drop every `finishReason` (the `no-finish-reason` fault). */
  omitFinishReason?: boolean;
}

/** The unary `generateContent` body for an answer. */
export function frameUnaryAnswer(
  answer: ModelAnswer,
  meta: ResponseMeta,
  options: FrameOptions = {},
): CodeAssistEnvelope {
  const candidates = answer.candidates.map((candidate, index) =>
    wireCandidate(candidate, candidate.parts, index, options.omitFinishReason !== true),
  );
  const response: GeminiResponse = { candidates };
  if (answer.promptFeedback !== undefined) response.promptFeedback = answer.promptFeedback;
  response.usageMetadata = answer.usageMetadata;
  Object.assign(response, {
    modelVersion: meta.modelVersion,
    createTime: meta.createTime,
    responseId: meta.responseId,
  });
  return { response, traceId: meta.traceId };
}

/**
 * Splits an answer into stream events: each thought part and each text chunk (word-aligned, up
 * to `chunkCount` per text part) gets an event, parallel function calls share one, an empty
 * signature part gets its own. Only the last event carries `finishReason` and the full usage;
 * earlier ones carry partial usage, and only the first carries `createTime`.
 */
export function frameStreamAnswer(
  answer: ModelAnswer,
  meta: ResponseMeta,
  options: FrameOptions & { chunkCount: number },
): CodeAssistEnvelope[] {
  const plans = answer.candidates.map((candidate) =>
    planCandidateEvents(candidate.parts, options.chunkCount),
  );
  const eventCount = Math.max(1, ...plans.map((plan) => plan.length));
  const prompt = answer.usageMetadata.promptTokenCount ?? 0;
  const events: CodeAssistEnvelope[] = [];
  for (let event = 0; event < eventCount; event++) {
    const final = event === eventCount - 1;
    const candidates: GeminiCandidate[] = [];
    answer.candidates.forEach((candidate, index) => {
      const parts = plans[index]?.[event];
      if (parts === undefined && !final) return;
      candidates.push(
        wireCandidate(candidate, parts ?? [], index, final && options.omitFinishReason !== true),
      );
    });
    const response: GeminiResponse = { candidates };
    if (event === 0 && answer.promptFeedback !== undefined)
      response.promptFeedback = answer.promptFeedback;
    response.usageMetadata = final ? answer.usageMetadata : partialUsage(event, prompt);
    response.modelVersion = meta.modelVersion;
    if (event === 0) response.createTime = meta.createTime;
    response.responseId = meta.responseId;
    events.push({ response, traceId: meta.traceId });
  }
  return events;
}

function partialUsage(event: number, prompt: number): GeminiUsageMetadata {
  if (event === 0) return { trafficType: 'ON_DEMAND' };
  return { promptTokenCount: prompt, totalTokenCount: prompt, trafficType: 'ON_DEMAND' };
}

function wireCandidate(
  candidate: AnswerCandidate,
  parts: GeminiPart[],
  index: number,
  withFinish: boolean,
): GeminiCandidate {
  const wire: GeminiCandidate = {};
  if (parts.length > 0) wire.content = { role: 'model', parts };
  if (withFinish && candidate.finishReason !== undefined)
    wire.finishReason = candidate.finishReason;
  wire.index = index;
  if (withFinish && candidate.extra !== undefined) Object.assign(wire, candidate.extra);
  return wire;
}

/** Groups a candidate's parts into per-event part lists. */
export function planCandidateEvents(
  parts: readonly GeminiPart[],
  chunkCount: number,
): GeminiPart[][] {
  const events: GeminiPart[][] = [];
  let calls: GeminiPart[] | undefined;
  for (const part of parts) {
    if (part.functionCall !== undefined) {
      if (calls === undefined) {
        calls = [];
        events.push(calls);
      }
      calls.push(part);
      continue;
    }
    calls = undefined;
    if (typeof part.text !== 'string' || part.text === '' || part.thought === true) {
      events.push([part]);
      continue;
    }
    const chunks = splitText(part.text, chunkCount);
    chunks.forEach((text, index) => {
      const last = index === chunks.length - 1;
      events.push([last ? { ...part, text } : { ...withoutSignature(part), text }]);
    });
  }
  return events;
}

function withoutSignature(part: GeminiPart): GeminiPart {
  const { thoughtSignature: _signature, ...rest } = part;
  return rest;
}

/** Splits text at word boundaries into at most `count` chunks of similar length. */
export function splitText(text: string, count: number): string[] {
  if (count <= 1 || text.length === 0) return [text];
  const words = text.split(/(?<=\s)/);
  const target = Math.ceil(text.length / count);
  const chunks: string[] = [];
  let current = '';
  for (const word of words) {
    current += word;
    if (current.length >= target && chunks.length < count - 1) {
      chunks.push(current);
      current = '';
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
