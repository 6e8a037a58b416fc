import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';

/** Gemini answers the Anthropic translation specs share. */

export const usageMetadata = {
  promptTokenCount: 20,
  candidatesTokenCount: 5,
  thoughtsTokenCount: 7,
  cachedContentTokenCount: 4,
  totalTokenCount: 32,
};

export const toolAnswer: GenerateContentResponse = {
  candidates: [
    {
      content: {
        role: 'model',
        parts: [
          { text: 'Plan: read the file.', thought: true },
          {
            functionCall: { name: 'Read', args: { file_path: '/tmp/a' } },
            thoughtSignature: 'U0lHMQ==',
          },
          { functionCall: { name: 'Read', args: { file_path: '/tmp/b' } } },
        ],
      },
      finishReason: 'STOP',
    },
  ],
  usageMetadata,
};

/** Grounded with Google Search: two queries, a source twice, one without a title, a non-web chunk. */
export const groundedAnswer: GenerateContentResponse = {
  candidates: [
    {
      content: { role: 'model', parts: [{ text: 'Nx 22 shipped.' }] },
      finishReason: 'STOP',
      groundingMetadata: {
        webSearchQueries: ['nx release', 'nx 22'],
        groundingChunks: [
          { web: { uri: 'https://nx.dev/blog', title: 'nx.dev' } },
          { web: { uri: 'https://nx.dev/blog', title: 'nx.dev' } },
          { web: { uri: 'https://github.com/nrwl/nx' } },
          { retrievedContext: { uri: 'gs://bucket/doc' } },
        ],
      },
    },
  ],
  usageMetadata,
};
