import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  codeAssistGenerateResponseSchema,
  createSseDecoder,
  generateContentResponseSchema,
  parseGoogleError,
  type GenerateContentResponse,
} from '@geminicli2api/protocol-gemini';
import {
  chatCompletionChunkSchema,
  type ChatCompletionChunk,
} from '@geminicli2api/protocol-openai';
import { mapGeminiErrorToOpenAIError } from './map-gemini-error-to-openai-error';
import { createChatCompletionChunkTranslator } from './stream/create-chat-completion-chunk-translator';

// The upstream transcripts of protocol-gemini (libs/protocol-gemini/transcripts/README.md): what
// Google sends, and what an OpenAI client must get from it per translation.md.
interface Transcript {
  api: 'code-assist' | 'gemini-api';
  request: { body: { model?: string } };
  response: { status: number; body: string };
  openai: {
    content?: string;
    reasoning?: string;
    toolCalls?: { name: string; arguments: unknown }[];
    finishReason?: string;
    usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    status?: number;
    code?: string;
  };
}
const folder = join(__dirname, '..', '..', 'protocol-gemini', 'transcripts');
const transcripts = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map(
    (file) => [file, JSON.parse(readFileSync(join(folder, file), 'utf8')) as Transcript] as const,
  );

/** The inner Gemini responses of a stream body, unwrapped from the Code Assist envelope. */
function events(t: Transcript): GenerateContentResponse[] {
  const decoder = createSseDecoder();
  return [...decoder.push(t.response.body), ...decoder.end()].map((data) => {
    const value = JSON.parse(data) as unknown;
    return t.api === 'code-assist'
      ? (codeAssistGenerateResponseSchema.parse(value).response ?? {})
      : generateContentResponseSchema.parse(value);
  });
}

function collect(chunks: ChatCompletionChunk[]) {
  const deltas = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));
  const calls = new Map<number, { name: string; arguments: string }>();
  for (const delta of deltas)
    for (const call of delta.tool_calls ?? []) {
      const seen = calls.get(call.index) ?? { name: '', arguments: '' };
      calls.set(call.index, {
        name: seen.name + (call.function?.name ?? ''),
        arguments: seen.arguments + (call.function?.arguments ?? ''),
      });
    }
  const usage = chunks.at(-1)?.usage;
  return {
    content: deltas.map((delta) => delta.content ?? '').join(''),
    reasoning: deltas.map((delta) => delta.reasoning_content ?? '').join(''),
    toolCalls: [...calls.values()].map((call) => ({
      name: call.name,
      arguments: JSON.parse(call.arguments) as unknown,
    })),
    finishReason: chunks
      .flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason))
      .find((reason) => reason != null),
    usage: usage && {
      prompt_tokens: usage.prompt_tokens,
      completion_tokens: usage.completion_tokens,
      total_tokens: usage.total_tokens,
    },
  };
}

describe('upstream transcripts through the stream translator', () => {
  const streams = transcripts.filter(([, t]) => t.response.status === 200);
  it.each(streams)('%s: the OpenAI client gets what translation.md says', (_file, t) => {
    const translator = createChatCompletionChunkTranslator({
      model: t.request.body.model ?? 'gemini-2.5-flash',
      includeUsage: true,
    });
    const chunks = [...events(t).flatMap((event) => translator.push(event)), ...translator.end()];
    for (const chunk of chunks)
      expect(chatCompletionChunkSchema.safeParse(chunk).success).toBe(true);
    expect(collect(chunks)).toEqual(t.openai);
  });

  const errors = transcripts.filter(([, t]) => t.response.status !== 200);
  it.each(errors)('%s: the OpenAI client gets the mapped error', (_file, t) => {
    const mapped = mapGeminiErrorToOpenAIError(
      parseGoogleError(t.response.body, t.response.status),
    );
    expect({ status: mapped.status, code: mapped.body.error.code }).toEqual(t.openai);
  });
});
