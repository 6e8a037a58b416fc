import { countPartTokens, countPromptTokens } from './count-tokens';
import type {
  GeminiContent,
  GeminiFunctionDeclaration,
  GeminiGenerateRequest,
  GeminiPart,
} from './gemini-types';
import type { AnswerCandidate, ModelAnswer } from './model-answer';
import { fakeGrounding, usesGoogleSearch } from './fake-grounding';
import { imageCandidate, isImageModel } from './fake-image';
import { sampleFromSchema } from './sample-from-schema';
import { createThoughtSignature } from './thought-signature';
import { isGemini3Model } from './validate-thought-signatures';

/** The thought summary the fake model emits when `includeThoughts` is on. */
export const FAKE_THOUGHT_TEXT = '**Thinking**\n\nConsidering the request.';

/** Context of one fake-model call. */
export interface FakeModelContext {
  model: string;
  /** Streaming answers carry a Gemini 3 text signature on a trailing empty part. */
  stream: boolean;
}

/**
 * The emulator's deterministic model: echoes the last user text, calls declared functions named in
 * it, summarises function results, fills JSON schemas, and honours `candidateCount`,
 * `maxOutputTokens`, `stopSequences`, `includeThoughts`, Gemini 3 thought signatures and Google
 * Search grounding (made-up sources, see fake-grounding.ts).
 */
export function generateFakeAnswer(
  request: GeminiGenerateRequest,
  context: FakeModelContext,
): ModelAnswer {
  const config = request.generationConfig ?? {};
  const count = config.candidateCount ?? 1;
  const calls = chooseFunctionCalls(request);
  const candidates: AnswerCandidate[] = [];
  for (let index = 0; index < count; index++) {
    candidates.push(
      calls.length > 0
        ? callCandidate(calls, context)
        : isImageModel(context.model)
          ? imageCandidate(request, index)
          : textCandidate(request, index, context),
    );
  }
  if (config.thinkingConfig?.includeThoughts === true) {
    for (const candidate of candidates)
      candidate.parts.unshift({ text: FAKE_THOUGHT_TEXT, thought: true });
  }
  return { candidates, usageMetadata: computeUsage(request, candidates) };
}

/** Full usage of an answer: prompt, candidate and thought tokens, and their sum. */
export function computeUsage(
  request: GeminiGenerateRequest,
  candidates: readonly AnswerCandidate[],
) {
  const promptTokenCount = countPromptTokens(request);
  let candidatesTokenCount = 0;
  let thoughtsTokenCount = 0;
  for (const candidate of candidates) {
    for (const part of candidate.parts) {
      if (part.thought === true) thoughtsTokenCount += countPartTokens(part);
      else candidatesTokenCount += countPartTokens(part);
    }
  }
  return {
    promptTokenCount,
    candidatesTokenCount,
    ...(thoughtsTokenCount > 0 ? { thoughtsTokenCount } : {}),
    totalTokenCount: promptTokenCount + candidatesTokenCount + thoughtsTokenCount,
    trafficType: 'ON_DEMAND',
  };
}

function callCandidate(calls: readonly GeminiPart[], context: FakeModelContext): AnswerCandidate {
  const parts = calls.map((part) => ({ ...part }));
  const first = parts[0];
  if (first !== undefined && isGemini3Model(context.model))
    first.thoughtSignature = createThoughtSignature(context.model);
  return { parts, finishReason: 'STOP' };
}

function textCandidate(
  request: GeminiGenerateRequest,
  index: number,
  context: FakeModelContext,
): AnswerCandidate {
  const config = request.generationConfig ?? {};
  const isJson = config.responseMimeType === 'application/json';
  let text = baseText(request, isJson);
  if (index > 0 && !isJson) text += ` #${index}`;
  let finishReason = 'STOP';
  for (const stop of config.stopSequences ?? []) {
    const at = stop === '' ? -1 : text.indexOf(stop);
    if (at >= 0) text = text.slice(0, at);
  }
  const maxTokens = config.maxOutputTokens;
  if (maxTokens !== undefined && Math.ceil(text.length / 4) > maxTokens) {
    text = text.slice(0, maxTokens * 4);
    finishReason = 'MAX_TOKENS';
  }
  const parts: GeminiPart[] = [{ text }];
  if (isGemini3Model(context.model)) {
    const thoughtSignature = createThoughtSignature(context.model);
    if (context.stream) parts.push({ text: '', thoughtSignature });
    else parts[0] = { text, thoughtSignature };
  }
  if (usesGoogleSearch(request))
    return { parts, finishReason, extra: { groundingMetadata: fakeGrounding(text) } };
  return { parts, finishReason };
}

function baseText(request: GeminiGenerateRequest, isJson: boolean): string {
  const last = request.contents[request.contents.length - 1];
  const responses = (last?.parts ?? []).filter((part) => part.functionResponse !== undefined);
  if (responses.length > 0) {
    const items = responses.map(
      (part) =>
        `${part.functionResponse?.name ?? ''}=${JSON.stringify(part.functionResponse?.response ?? {})}`,
    );
    return `Results: ${items.join('; ')}`;
  }
  const userText = lastUserText(request.contents);
  if (!isJson) return `Echo: ${userText}`;
  const schema =
    request.generationConfig?.responseJsonSchema ?? request.generationConfig?.responseSchema;
  return JSON.stringify(schema === undefined ? { echo: userText } : sampleFromSchema(schema));
}

/** The text of the last user content (text parts joined by newlines; media described). */
export function lastUserText(contents: readonly GeminiContent[]): string {
  const last = [...contents].reverse().find((content) => content.role === 'user');
  if (last === undefined) return '';
  return last.parts
    .filter((part) => part.thought !== true && part.functionResponse === undefined)
    .map(
      (part) => part.text ?? `[${part.inlineData?.mimeType ?? part.fileData?.mimeType ?? 'part'}]`,
    )
    .join('\n');
}

function chooseFunctionCalls(request: GeminiGenerateRequest): GeminiPart[] {
  const calling = request.toolConfig?.functionCallingConfig;
  const mode = (calling?.mode ?? 'AUTO').toUpperCase();
  if (mode === 'NONE') return [];
  const last = request.contents[request.contents.length - 1];
  if (last?.role !== 'user' || last.parts.some((part) => part.functionResponse !== undefined))
    return [];
  const text = last.parts.map((part) => part.text ?? '').join('\n');
  let declarations: GeminiFunctionDeclaration[] = (request.tools ?? []).flatMap(
    (tool) => tool.functionDeclarations ?? [],
  );
  const allowed = calling?.allowedFunctionNames;
  if (mode === 'ANY' && allowed !== undefined && allowed.length > 0) {
    declarations = declarations.filter((declaration) => allowed.includes(declaration.name));
  }
  const scripted = scriptedCalls(text, declarations);
  if (scripted.length > 0) return scripted;
  let chosen = declarations.filter((declaration) => text.includes(declaration.name));
  const first = declarations[0];
  if (chosen.length === 0 && mode === 'ANY' && first !== undefined) chosen = [first];
  return chosen.map((declaration) => ({
    functionCall: { name: declaration.name, args: sampleArgs(declaration) },
  }));
}

const CALL_DIRECTIVE = /\[\[call ([A-Za-z_][\w.:-]*)(?: (\{.*?\}))?\]\]/gs;

/**
 * `[[call NAME {"json":"args"}]]` in the user's text makes the model call the declared function
 * NAME with exactly those arguments (tests drive real agents' own tools this way); directives
 * override the name-matching heuristic, and one naming an undeclared function is ignored.
 */
export function scriptedCalls(
  text: string,
  declarations: readonly GeminiFunctionDeclaration[],
): GeminiPart[] {
  const calls: GeminiPart[] = [];
  for (const match of text.matchAll(CALL_DIRECTIVE)) {
    const name = match[1] ?? '';
    if (!declarations.some((declaration) => declaration.name === name)) continue;
    let args: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(match[2] ?? '{}');
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        args = parsed as Record<string, unknown>;
    } catch {
      args = {};
    }
    calls.push({ functionCall: { name, args } });
  }
  return calls;
}

function sampleArgs(declaration: GeminiFunctionDeclaration): Record<string, unknown> {
  const schema = declaration.parametersJsonSchema ?? declaration.parameters;
  const value = schema === undefined ? {} : sampleFromSchema(schema);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
