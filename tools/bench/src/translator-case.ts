import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import {
  chatCompletionRequestSchema,
  type ChatCompletionRequestInput,
} from '@geminicli2api/protocol-openai';
import {
  convertChatRequestToGemini,
  convertGeminiResponseToAnthropic,
  convertGeminiResponseToChatCompletion,
  convertGeminiResponseToResponses,
  createChatCompletionChunkTranslator,
  createResponsesEnvelope,
  LruSignatureCache,
} from '@geminicli2api/translator';
import type { BenchSettings, CaseResult } from './case-result';
import { formatSpread, spread } from './stats';

const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'search',
      parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
    },
  },
];

/**
 * A ~`bytes` tool-calling conversation on a Gemini 3 model: parallel calls answered out of
 * order, so the §1.4 message assembly, tool schemas and signature lookups all run. Each turn's
 * text differs, so nothing is shared between messages.
 */
function bigConversation(bytes: number) {
  const messages: ChatCompletionRequestInput['messages'] = [
    { role: 'system', content: 'Be brief.' },
  ];
  for (let turn = 0; JSON.stringify(messages).length < bytes; turn++) {
    const filler = `turn ${turn}: ${'lorem ipsum dolor sit amet '.repeat(150)}`;
    messages.push({ role: 'user', content: filler });
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: `c${turn}a`,
          type: 'function',
          function: { name: 'search', arguments: `{"q":"a${turn}"}` },
        },
        {
          id: `c${turn}b`,
          type: 'function',
          function: { name: 'search', arguments: `{"q":"b${turn}"}` },
        },
      ],
    });
    messages.push({ role: 'tool', tool_call_id: `c${turn}b`, content: filler });
    messages.push({ role: 'tool', tool_call_id: `c${turn}a`, content: '{"hits":3}' });
    messages.push({ role: 'assistant', content: filler });
  }
  messages.push({ role: 'user', content: 'last question' });
  return chatCompletionRequestSchema.parse({ model: 'gemini-3-pro-preview', messages, tools });
}

function seconds(runs: number, work: () => void): number {
  for (let i = 0; i < Math.min(runs, 20); i++) work(); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) work();
  return (performance.now() - started) / 1000;
}

/**
 * Translator throughput, in-process: a 1 MB conversation to a Gemini request (MB/s), small
 * requests with their tool-call response, small streams, and the same tool-call answer as an
 * Anthropic message and as a Responses response (ops/s).
 */
export function translatorCase(settings: BenchSettings): CaseResult {
  const cache = new LruSignatureCache(10_000);
  const big = bigConversation(1_048_576);
  const megabytes = JSON.stringify(big).length / 1_048_576;
  const small = chatCompletionRequestSchema.parse({
    model: 'gemini-2.5-flash',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is the weather in Paris?' },
    ],
    tools,
    temperature: 0.3,
    reasoning_effort: 'low',
  });
  const answer: GenerateContentResponse = {
    candidates: [
      {
        content: {
          role: 'model',
          parts: [
            { functionCall: { name: 'search', args: { q: 'paris' } }, thoughtSignature: 'SIG' },
          ],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 20, candidatesTokenCount: 5, totalTokenCount: 25 },
    responseId: 'r',
  };
  const count = settings.translatorSmallRequests;
  const bigRates: number[] = [];
  const smallRates: number[] = [];
  const streamRates: number[] = [];
  const anthropicRates: number[] = [];
  const responsesRates: number[] = [];
  const envelope = createResponsesEnvelope(
    { model: 'gemini-2.5-flash', input: 'What is the weather in Paris?' },
    { id: 'resp_bench', createdAt: 0 },
  );
  for (let i = 0; i < settings.repeats; i++) {
    const runs = settings.smoke ? 5 : 50;
    bigRates.push(
      (megabytes * runs) /
        seconds(runs, () => convertChatRequestToGemini(big, { signatureCache: cache })),
    );
    smallRates.push(
      count /
        seconds(count, () => {
          const { toolNames } = convertChatRequestToGemini(small);
          convertGeminiResponseToChatCompletion(answer, {
            model: 'gemini-2.5-flash',
            toolNames,
            signatureCache: cache,
          });
        }),
    );
    streamRates.push(
      count /
        seconds(count, () => {
          const translator = createChatCompletionChunkTranslator({
            model: 'gemini-2.5-flash',
            includeUsage: true,
          });
          translator.push({ candidates: [{ content: { parts: [{ text: 'Hello ' }] }, index: 0 }] });
          translator.push(answer);
          translator.end();
        }),
    );
    anthropicRates.push(
      count /
        seconds(count, () =>
          convertGeminiResponseToAnthropic(answer, { model: 'gemini-2.5-flash' }),
        ),
    );
    responsesRates.push(
      count /
        seconds(count, () =>
          convertGeminiResponseToResponses(answer, { model: 'gemini-2.5-flash', envelope }),
        ),
    );
  }
  return {
    name: `translator: ${megabytes.toFixed(2)} MB tool-calling conversation (MB/s); ${count} small request+response pairs, ${count} small streams, ${count} Anthropic and ${count} Responses answers (ops/s)`,
    target: 'report MB/s and ops/s',
    gateway: `${formatSpread(spread(bigRates), 0)} MB/s; ${formatSpread(spread(smallRates), 0)} req/s; ${formatSpread(spread(streamRates), 0)} streams/s; Anthropic ${formatSpread(spread(anthropicRates), 0)}/s; Responses ${formatSpread(spread(responsesRates), 0)}/s`,
    floor: '—',
    ratio: '—',
    met: undefined,
  };
}
