import type { GeminiPart } from '@geminicli2api/protocol-gemini';
import type { OpenAIResponseToolCall } from '@geminicli2api/protocol-openai';
import { restoreFunctionName } from '../tools/function-names';
import { defaultGenerateId, type ResponseTranslationOptions } from '../translation-options';

/**
 * A Gemini `functionCall` part → an OpenAI tool call: Gemini's id or `call_<random>`, the
 * client's original function name, arguments always valid JSON (`"{}"` when absent), and a
 * Gemini 3 thought signature in `extra_content.google.thought_signature` (also remembered in the
 * signature cache, when one is supplied).
 */
export function buildToolCall(
  part: GeminiPart,
  options: ResponseTranslationOptions,
): OpenAIResponseToolCall | undefined {
  const call = part.functionCall;
  if (!call) return undefined;
  const id =
    call.id && call.id !== '' ? call.id : `call_${(options.generateId ?? defaultGenerateId)()}`;
  const toolCall: OpenAIResponseToolCall = {
    id,
    type: 'function',
    function: {
      name: restoreFunctionName(call.name, options.toolNames),
      arguments: JSON.stringify(call.args ?? {}),
    },
  };
  if (part.thoughtSignature) {
    toolCall.extra_content = { google: { thought_signature: part.thoughtSignature } };
    options.signatureCache?.set(id, {
      signature: part.thoughtSignature,
      model: options.upstreamModel ?? options.model,
    });
  }
  return toolCall;
}

/** Renders server-side code execution parts as fenced blocks; `undefined` for other parts. */
export function renderCodePart(part: GeminiPart): string | undefined {
  if (part.executableCode) {
    const language = (part.executableCode.language ?? '').toLowerCase();
    return `\n\`\`\`${language === 'language_unspecified' ? '' : language}\n${part.executableCode.code}\n\`\`\`\n`;
  }
  if (part.codeExecutionResult) {
    const outcome = part.codeExecutionResult.outcome;
    const prefix = outcome && outcome !== 'OUTCOME_OK' ? `${outcome}\n` : '';
    return `\n\`\`\`output\n${prefix}${part.codeExecutionResult.output ?? ''}\n\`\`\`\n`;
  }
  return undefined;
}

/** An image `inlineData` part as a data URL; `undefined` for anything else. */
export function imageDataUrl(part: GeminiPart): string | undefined {
  const data = part.inlineData;
  if (!data || !data.mimeType.startsWith('image/')) return undefined;
  return `data:${data.mimeType};base64,${data.data}`;
}
