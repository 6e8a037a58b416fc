import type { GeminiPart } from '@geminicli2api/protocol-gemini';
import type { OpenAIAnnotation } from '@geminicli2api/protocol-openai';
import { isRecord } from '../translation-options';

/** UTF-8 bytes of a string (no runtime-specific encoder needed). */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000)
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
  }
  return bytes;
}

/** Converts a UTF-8 byte offset in `text` to a UTF-16 character offset. */
export function byteOffsetToCharOffset(text: string, byteOffset: number): number {
  let bytes = 0;
  let index = 0;
  for (const char of text) {
    if (bytes >= byteOffset) return index;
    bytes += utf8Bytes(char).length;
    index += char.length;
  }
  return index;
}

/**
 * `groundingMetadata` (Google Search) → `url_citation` annotations. Gemini segment indices are
 * UTF-8 byte offsets within a part; OpenAI wants character offsets in `content`.
 */
export function convertGrounding(
  metadata: unknown,
  parts: readonly GeminiPart[],
): OpenAIAnnotation[] {
  if (!isRecord(metadata)) return [];
  const chunks = Array.isArray(metadata['groundingChunks']) ? metadata['groundingChunks'] : [];
  const supports = Array.isArray(metadata['groundingSupports'])
    ? metadata['groundingSupports']
    : [];
  const texts: { start: number; text: string }[] = [];
  let offset = 0;
  for (const part of parts) {
    if (typeof part.text !== 'string' || part.thought) continue;
    texts.push({ start: offset, text: part.text });
    offset += part.text.length;
  }
  const whole = texts.map((entry) => entry.text).join('');
  const annotations: OpenAIAnnotation[] = [];
  for (const support of supports) {
    if (!isRecord(support) || !isRecord(support['segment'])) continue;
    const segment = support['segment'];
    const indices = Array.isArray(support['groundingChunkIndices'])
      ? support['groundingChunkIndices']
      : [];
    const chunk: unknown = chunks[typeof indices[0] === 'number' ? indices[0] : -1];
    const web = isRecord(chunk) && isRecord(chunk['web']) ? chunk['web'] : undefined;
    if (!web || typeof web['uri'] !== 'string') continue;
    const partIndex = typeof segment['partIndex'] === 'number' ? segment['partIndex'] : undefined;
    const target =
      partIndex === undefined
        ? { start: 0, text: whole }
        : (texts[partIndex] ?? { start: 0, text: whole });
    const startByte = typeof segment['startIndex'] === 'number' ? segment['startIndex'] : 0;
    const endByte = typeof segment['endIndex'] === 'number' ? segment['endIndex'] : 0;
    const citation: OpenAIAnnotation['url_citation'] = {
      url: web['uri'],
      start_index: target.start + byteOffsetToCharOffset(target.text, startByte),
      end_index: target.start + byteOffsetToCharOffset(target.text, endByte),
    };
    if (typeof web['title'] === 'string') citation.title = web['title'];
    annotations.push({ type: 'url_citation', url_citation: citation });
  }
  return annotations;
}

/** OpenAI logprobs content entry. */
export interface OpenAILogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
}

/** `candidate.logprobsResult` → `choices[i].logprobs` (`null` when absent). */
export function convertLogprobs(
  result: unknown,
): { content: OpenAILogprob[]; refusal: null } | null {
  if (!isRecord(result) || !Array.isArray(result['chosenCandidates'])) return null;
  const top = Array.isArray(result['topCandidates']) ? result['topCandidates'] : [];
  const entry = (value: unknown) => {
    const token = isRecord(value) && typeof value['token'] === 'string' ? value['token'] : '';
    const logprob =
      isRecord(value) && typeof value['logProbability'] === 'number' ? value['logProbability'] : 0;
    return { token, logprob, bytes: utf8Bytes(token) };
  };
  return {
    content: result['chosenCandidates'].map((chosen, index) => {
      const alternatives: unknown = top[index];
      const list =
        isRecord(alternatives) && Array.isArray(alternatives['candidates'])
          ? alternatives['candidates']
          : [];
      return { ...entry(chosen), top_logprobs: list.map(entry) };
    }),
    refusal: null,
  };
}
