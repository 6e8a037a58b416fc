// A CommonJS consumer of the published packages: converts a request, and checks an error class.
'use strict';
const { chatCompletionRequestSchema } = require('@geminicli2api/protocol-openai');
const { convertChatRequestToGemini, TranslationError } = require('@geminicli2api/translator');
const { parseCredentialsJson } = require('@geminicli2api/oauth-store');

const body = chatCompletionRequestSchema.parse({
  model: 'gemini-2.5-flash',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'Name a prime number.' },
  ],
  temperature: 0.2,
});
const { request } = convertChatRequestToGemini(body, { model: 'gemini-2.5-flash' });

let rejected = null;
try {
  convertChatRequestToGemini(chatCompletionRequestSchema.parse({ ...body, top_logprobs: 2 }), {
    model: 'gemini-2.5-flash',
  });
} catch (error) {
  rejected = { isTranslationError: error instanceof TranslationError, param: error.param };
}
const credentials = parseCredentialsJson('{"refresh_token":"r","client_id":"c"}', 'inline');

console.log(JSON.stringify({ request, rejected, refreshToken: credentials.refreshToken }));
