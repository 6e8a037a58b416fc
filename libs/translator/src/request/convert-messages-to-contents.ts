import type { GeminiContent, GeminiPart } from '@geminicli2api/protocol-gemini';
import type { OpenAIChatMessage, OpenAIContentPart } from '@geminicli2api/protocol-openai';
import { TranslationError } from '../translator-error';

/** The Gemini side of a conversation: the turns and the hoisted system instruction. */
export interface ConvertedMessages {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
}

/**
 * Converts OpenAI messages to Gemini contents. System and developer messages (wherever they
 * appear) become `systemInstruction`; consecutive same-role turns are merged, because Gemini
 * rejects them; empty text is skipped and a turn never ends up with no parts.
 */
export function convertMessagesToContents(messages: readonly OpenAIChatMessage[]): ConvertedMessages {
  const systemParts: GeminiPart[] = [];
  const contents: GeminiContent[] = [];

  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        systemParts.push(...convertContent(message.content, param));
        return;
      case 'user':
        appendTurn(contents, 'user', convertContent(message.content, param));
        return;
      case 'assistant':
        appendTurn(contents, 'model', convertContent(message.content ?? null, param));
        return;
      case 'tool':
      case 'function':
        throw new TranslationError({
          message: `Messages with role "${message.role}" are not supported yet.`,
          code: 'UNSUPPORTED_FEATURE',
          param: `${param}.role`,
        });
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  });

  const nonEmpty = contents.filter((content) => content.parts.length > 0);
  if (nonEmpty.length === 0) {
    // Gemini requires at least one turn: a system-only request becomes the user's turn.
    if (systemParts.length > 0) return { contents: [{ role: 'user', parts: systemParts }] };
    return { contents: [{ role: 'user', parts: [{ text: ' ' }] }] };
  }
  return systemParts.length > 0
    ? { contents: nonEmpty, systemInstruction: { role: 'user', parts: systemParts } }
    : { contents: nonEmpty };
}

function appendTurn(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  const last = contents[contents.length - 1];
  if (last && last.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

function convertContent(
  content: string | readonly OpenAIContentPart[] | null,
  param: string,
): GeminiPart[] {
  if (content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  const parts: GeminiPart[] = [];
  content.forEach((part, index) => {
    const partParam = `${param}.content[${index}]`;
    switch (part.type) {
      case 'text':
        if (part.text !== '') parts.push({ text: part.text });
        return;
      case 'refusal':
        if (part.refusal !== '') parts.push({ text: part.refusal });
        return;
      case 'image_url':
        parts.push(convertDataUrl(part.image_url.url, `${partParam}.image_url.url`));
        return;
      case 'input_audio':
      case 'file':
        throw new TranslationError({
          message: `Content parts of type "${part.type}" are not supported yet.`,
          code: 'UNSUPPORTED_FEATURE',
          param: `${partParam}.type`,
        });
      default: {
        const exhaustive: never = part;
        return exhaustive;
      }
    }
  });
  return parts;
}

/** Parses `data:<mime>[;param…][;base64],<data>`; anything else is rejected with its path. */
function convertDataUrl(url: string, param: string): GeminiPart {
  const match = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/is.exec(url);
  const mimeType = match?.[1];
  const data = match?.[3];
  const isBase64 = match?.[2]?.toLowerCase().split(';').includes('base64');
  if (!mimeType || data === undefined || !isBase64) {
    throw new TranslationError({
      message: 'Only base64 data URLs are supported for images so far.',
      code: 'UNSUPPORTED_FEATURE',
      param,
    });
  }
  return { inlineData: { mimeType: mimeType.toLowerCase(), data } };
}
