import type { GeminiContent, GeminiGenerateRequest, GeminiPart } from './gemini-types';

/** Tokens the emulator charges for one media part (Gemini's flat rate for an image). */
export const MEDIA_PART_TOKENS = 258;

/** ceil(chars / 4), at least 1 for non-empty text. */
export function countTextTokens(text: string): number {
  return text === '' ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/** Tokens of one part: text by length, calls/responses by their JSON, media at a flat rate. */
export function countPartTokens(part: GeminiPart): number {
  if (typeof part.text === 'string') return countTextTokens(part.text);
  if (part.inlineData !== undefined || part.fileData !== undefined) return MEDIA_PART_TOKENS;
  const structured =
    part.functionCall ?? part.functionResponse ?? part.executableCode ?? part.codeExecutionResult;
  return structured === undefined ? 0 : countTextTokens(JSON.stringify(structured));
}

/** Tokens of a list of contents. */
export function countContentsTokens(contents: readonly GeminiContent[]): number {
  let total = 0;
  for (const content of contents) for (const part of content.parts) total += countPartTokens(part);
  return total;
}

/** Prompt tokens of a generate request: contents, system instruction and tool declarations. */
export function countPromptTokens(request: GeminiGenerateRequest): number {
  let total = countContentsTokens(request.contents);
  if (request.systemInstruction !== undefined)
    total += countContentsTokens([request.systemInstruction]);
  if (request.tools !== undefined && request.tools.length > 0) {
    total += countTextTokens(JSON.stringify(request.tools));
  }
  return total;
}
