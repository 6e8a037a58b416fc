import type { GeminiPart } from '@geminicli2api/protocol-gemini';
import type { OpenAIContentPart, OpenAIToolCall } from '@geminicli2api/protocol-openai';
import type { ModelTraits } from '../model-traits';
import type { SignatureCache } from '../signature/signature-cache';
import { splitThoughtId } from '../signature/signature-cache';
import { isRecord } from '../translation-options';
import { TranslationError } from '../translator-error';
import { convertContentParts, type PartContext } from './convert-content-parts';

/** Parses tool-call `arguments` into Gemini `args`: `""` → `{}`, non-object JSON → `{value}`. */
export function parseToolArguments(text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TranslationError({ message: 'Tool call arguments are not valid JSON.', param });
  }
  return isRecord(value) ? value : { value };
}

/**
 * Finds the thought signature of a replayed tool call (translation.md §6.5): `extra_content`,
 * `function.extra_content`, `provider_specific_fields`, a LiteLLM `__thought__` id, then the cache.
 * A cached signature from another model family is not used.
 */
export function recoverSignature(
  call: OpenAIToolCall,
  traits: ModelTraits,
  cache: SignatureCache | undefined,
): string | undefined {
  const { id, signature: fromId } = splitThoughtId(call.id);
  const cached = cache?.get(id);
  const explicit =
    call.extra_content?.google?.thought_signature ??
    call.function.extra_content?.google?.thought_signature ??
    call.provider_specific_fields?.thought_signature ??
    call.function.provider_specific_fields?.thought_signature ??
    fromId ??
    undefined;
  if (cached && familyOf(cached.model) !== traits.family) return undefined;
  return explicit ?? cached?.signature;
}

function familyOf(model: string): string {
  const version = /^(?:models\/)?gemini-(\d+(?:\.\d+)?)/.exec(model)?.[1];
  if (version === undefined) return model;
  return Number.parseFloat(version) >= 3 ? 'gemini-3' : `gemini-${version}`;
}

/**
 * Builds the functionResponse part (plus sibling media parts on Gemini 2.x) for a tool result.
 * A JSON-object string is sent as the object; anything else as `{output: text}`.
 */
export function convertToolResult(
  name: string,
  content: string | readonly OpenAIContentPart[] | null | undefined,
  param: string,
  traits: ModelTraits,
  context: PartContext,
): GeminiPart[] {
  let text = '';
  const media: GeminiPart[] = [];
  if (typeof content === 'string') text = content;
  else if (content) {
    const texts: string[] = [];
    for (const part of convertContentParts(content, param, { ...context, markdownImages: false })) {
      if (typeof part.text === 'string') texts.push(part.text);
      else media.push(part);
    }
    text = texts.join('\n');
  }
  const response = toResponseObject(text);
  const inline = media.filter((part) => part.inlineData !== undefined);
  if (traits.gemini3 && inline.length === media.length && inline.length > 0) {
    return [
      {
        functionResponse: {
          name,
          response,
          parts: inline.map((part) => ({ inlineData: part.inlineData })),
        },
      },
    ];
  }
  return [{ functionResponse: { name, response } }, ...media];
}

function toResponseObject(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (isRecord(value)) return value;
    } catch {
      // not JSON: sent as output text
    }
  }
  return { output: text };
}
