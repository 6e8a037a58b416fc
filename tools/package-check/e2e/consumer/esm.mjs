// An ES module consumer: the forward and the reverse conversion, and `./internal` sharing the
// error class with `.`.
import { generateContentRequestSchema } from '@geminicli2api/protocol-gemini';
import { chatCompletionRequestSchema } from '@geminicli2api/protocol-openai';
import {
  convertChatRequestToGemini,
  convertGeminiRequestToOpenAI,
  convertGeminiResponseToChatCompletion,
} from '@geminicli2api/translator';
import { sanitizeFunctionName } from '@geminicli2api/translator/internal';

const body = chatCompletionRequestSchema.parse({
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user', content: 'Name a prime number.' }],
});
const { request, toolNames } = convertChatRequestToGemini(body, { model: 'gemini-2.5-flash' });
const completion = convertGeminiResponseToChatCompletion(
  {
    candidates: [
      { content: { role: 'model', parts: [{ text: '7' }] }, finishReason: 'STOP', index: 0 },
    ],
    usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 1, totalTokenCount: 6 },
  },
  { model: body.model, toolNames },
);
const reverse = convertGeminiRequestToOpenAI(
  generateContentRequestSchema.parse({ contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] }),
  'gpt-4o-mini',
);

console.log(
  JSON.stringify({
    request,
    answer: completion.choices[0].message.content,
    totalTokens: completion.usage.total_tokens,
    reverse: reverse.request,
    sanitized: sanitizeFunctionName('my tool!'),
  }),
);
