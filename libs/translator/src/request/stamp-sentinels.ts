import type { GeminiContent } from '@geminicli2api/protocol-gemini';
import type { TranslationWarning } from '../translation-options';

/** Gemini 3: a model turn whose calls carry no signature at all gets the bypass value on each. */
export function stampSentinels(
  contents: GeminiContent[],
  sentinel: string,
  warnings: TranslationWarning[],
): void {
  contents.forEach((content) => {
    if (content.role !== 'model') return;
    const calls = content.parts.filter((part) => part.functionCall);
    if (calls.length === 0 || calls.some((part) => part.thoughtSignature)) return;
    for (const part of calls) part.thoughtSignature = sentinel;
    warnings.push({
      param: 'messages',
      message:
        'A Gemini 3 tool-call turn had no recoverable thought signature; replayed with the validator bypass (reasoning state lost).',
    });
  });
}
