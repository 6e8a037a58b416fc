// Type-checked by `tsc --noEmit` in the consumer (module nodenext, strict): the CommonJS types.
import {
  chatCompletionRequestSchema,
  type ChatCompletionRequest,
} from '@geminicli2api/protocol-openai';
import type { GenerateContentRequest } from '@geminicli2api/protocol-gemini';
import {
  convertChatRequestToGemini,
  TranslationError,
  type ConvertedChatRequest,
} from '@geminicli2api/translator';
import type { OAuthCredentials } from '@geminicli2api/oauth-store';

const body: ChatCompletionRequest = chatCompletionRequestSchema.parse({
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user', content: 'Hi' }],
});
const converted: ConvertedChatRequest = convertChatRequestToGemini(body, {
  model: 'gemini-2.5-flash',
});
const request: GenerateContentRequest = converted.request;
export const firstText: string | undefined = request.contents[0]?.parts[0]?.text;
export const param: string | null = new TranslationError({ message: 'x', param: 'p' }).param;
export const token = (credentials: OAuthCredentials): string => credentials.refreshToken;
