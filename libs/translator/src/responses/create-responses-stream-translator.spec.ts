import {
  responsesRequestSchema,
  responsesResponseSchema,
  responsesStreamEventSchema,
  type ResponsesStreamEvent,
} from '@geminicli2api/protocol-openai';
import { convertGeminiResponseToResponses } from './convert-gemini-response-to-responses';
import { createResponsesStreamTranslator } from './create-responses-stream-translator';
import { decodeReasoningSignatures } from './encrypted-content';
import { createResponsesEnvelope } from './responses-envelope';

let counter = 0;
const generateId = () => String(++counter);

function translator(options: { includeEncrypted?: boolean; customTools?: Set<string> } = {}) {
  counter = 0;
  const request = responsesRequestSchema.parse({ model: 'gemini-3-pro-preview', input: 'x' });
  return createResponsesStreamTranslator({
    model: 'gemini-3-pro-preview',
    envelope: createResponsesEnvelope(request, { id: 'resp_1', createdAt: 1 }),
    generateId,
    ...options,
  });
}

const types = (events: ResponsesStreamEvent[]) => events.map((event) => event.type);

describe('createResponsesStreamTranslator', () => {
  it('streams thoughts as a reasoning summary, then text, numbering every event', () => {
    const t = translator();
    const events = [
      ...t.start(),
      ...t.push({
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hmm', thought: true }] } }],
      }),
      ...t.push({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] } }] }),
      ...t.push({
        candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] }, finishReason: 'STOP' }],
        usageMetadata: {
          promptTokenCount: 5,
          candidatesTokenCount: 2,
          thoughtsTokenCount: 3,
          totalTokenCount: 10,
          cachedContentTokenCount: 4,
        },
      }),
      ...t.end(),
    ];
    expect(types(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    for (const event of events)
      expect(responsesStreamEventSchema.safeParse(event).success).toBe(true);
    const completed = events.at(-1);
    if (completed?.type !== 'response.completed') throw new Error('no completion');
    expect(completed.response.status).toBe('completed');
    expect(completed.response.output).toEqual([
      {
        id: 'rs_1',
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 'Hmm' }],
        status: 'completed',
      },
      {
        id: 'msg_2',
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
      },
    ]);
    expect(completed.response.usage).toEqual({
      input_tokens: 5,
      input_tokens_details: { cached_tokens: 4 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 3 },
      total_tokens: 10,
    });
  });

  it('leaves events already emitted as they were when later parts change the response', () => {
    const t = translator();
    const [created] = t.start();
    const added = t.push({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] } }] });
    const call = {
      functionCall: { name: 'f', args: { a: 1 }, id: 'call_1' },
      thoughtSignature: 'SIG',
    };
    t.push({ candidates: [{ content: { role: 'model', parts: [call] }, finishReason: 'STOP' }] });
    const completed = t.end().at(-1);

    if (created?.type !== 'response.created') throw new Error('no created event');
    expect(created.response).toMatchObject({ status: 'in_progress', output: [], usage: null });
    const message = added.find((event) => event.type === 'response.output_item.added');
    if (message?.type !== 'response.output_item.added') throw new Error('no message item');
    expect(message.item).toMatchObject({ type: 'message', status: 'in_progress', content: [] });
    if (completed?.type !== 'response.completed') throw new Error('no completion');
    expect(completed.response.output.map((item) => item.type)).toEqual([
      'message',
      'reasoning',
      'function_call',
    ]);
    expect(completed.response.output[0]).toMatchObject({ status: 'completed' });
  });

  it('puts the thought signature of a call into the reasoning item before it, shown only when included', () => {
    for (const includeEncrypted of [true, false]) {
      const t = translator({ includeEncrypted });
      t.start();
      const events = [
        ...t.push({
          candidates: [
            {
              content: {
                role: 'model',
                parts: [
                  {
                    functionCall: { name: 'f', args: { a: 1 }, id: 'call_9' },
                    thoughtSignature: 'SIG',
                  },
                ],
              },
              finishReason: 'STOP',
            },
          ],
        }),
        ...t.end(),
      ];
      const done = events.filter((event) => event.type === 'response.output_item.done');
      expect(
        done.map((event) => event.type === 'response.output_item.done' && event.item.type),
      ).toEqual(['reasoning', 'function_call']);
      const reasoning = t.response.output[0];
      if (reasoning?.type !== 'reasoning' || !reasoning.encrypted_content)
        throw new Error('no signature');
      expect(decodeReasoningSignatures(reasoning.encrypted_content)).toEqual({
        model: 'gemini-3-pro-preview',
        calls: { call_9: 'SIG' },
      });
      const shown = done[0]?.type === 'response.output_item.done' ? done[0].item : undefined;
      expect(shown && 'encrypted_content' in shown).toBe(includeEncrypted);
      expect(t.response.output[1]).toEqual({
        id: 'fc_2',
        type: 'function_call',
        call_id: 'call_9',
        name: 'f',
        arguments: '{"a":1}',
        status: 'completed',
      });
      expect(events.map((event) => event.type)).toContain('response.function_call_arguments.done');
    }
  });

  it('answers a custom tool call with its raw input', () => {
    const t = translator({ customTools: new Set(['apply_patch']) });
    t.start();
    const events = t.push({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ functionCall: { name: 'apply_patch', args: { input: '*** Begin' } } }],
          },
          finishReason: 'STOP',
        },
      ],
    });
    expect(types(events)).toEqual([
      'response.output_item.added',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.output_item.done',
    ]);
    expect(t.response.output[0]).toMatchObject({
      type: 'custom_tool_call',
      name: 'apply_patch',
      input: '*** Begin',
    });
  });

  it('answers a local_shell call with its exec action', () => {
    const t = createResponsesStreamTranslator({
      model: 'gemini-2.5-flash',
      envelope: createResponsesEnvelope(
        responsesRequestSchema.parse({ model: 'gemini-2.5-flash', input: 'x' }),
        { id: 'resp_1', createdAt: 1 },
      ),
      generateId: () => 'id',
      localShell: true,
    });
    t.start();
    const events = t.push({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              {
                functionCall: {
                  id: 'c1',
                  name: 'local_shell',
                  args: { command: ['ls'], timeout_ms: 500 },
                },
              },
            ],
          },
          finishReason: 'STOP',
        },
      ],
    });
    expect(types(events)).toEqual(['response.output_item.added', 'response.output_item.done']);
    expect(t.response.output[0]).toEqual({
      id: 'lsh_id',
      type: 'local_shell_call',
      call_id: 'c1',
      action: { type: 'exec', command: ['ls'], timeout_ms: 500, env: {} },
      status: 'completed',
    });
  });

  it.each([
    ['MAX_TOKENS', 'max_output_tokens'],
    ['SAFETY', 'content_filter'],
  ])('ends %s as response.incomplete (%s)', (finishReason, reason) => {
    const t = translator();
    t.start();
    t.push({
      candidates: [{ content: { role: 'model', parts: [{ text: 'cut' }] }, finishReason }],
    });
    expect(t.sawFinishReason).toBe(true);
    const last = t.end().at(-1);
    expect(last?.type).toBe('response.incomplete');
    expect(t.response.incomplete_details).toEqual({ reason });
  });

  it('ends a failure with an error event and response.failed, then stops emitting', () => {
    const t = translator();
    t.start();
    t.push({ candidates: [{ content: { role: 'model', parts: [{ text: 'par' }] } }] });
    expect(t.sawFinishReason).toBe(false);
    const failed = t.fail({ code: 'server_error', message: 'cut' });
    expect(types(failed)).toEqual(['error', 'response.failed']);
    expect(failed[0]).toMatchObject({ code: 'server_error', message: 'cut', param: null });
    expect(t.response.status).toBe('failed');
    expect(t.end()).toEqual([]);
  });
});

describe('convertGeminiResponseToResponses', () => {
  it('builds a whole response that the response schema accepts', () => {
    counter = 0;
    const request = responsesRequestSchema.parse({
      model: 'gemini-2.5-flash',
      input: 'x',
      metadata: { a: 'b' },
    });
    const { response, stored } = convertGeminiResponseToResponses(
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'STOP' }],
      },
      {
        model: 'gemini-2.5-flash',
        envelope: createResponsesEnvelope(request, { id: 'resp_x', createdAt: 7 }),
        generateId,
      },
    );
    expect(responsesResponseSchema.parse(response)).toEqual(response);
    expect(response).toMatchObject({
      id: 'resp_x',
      status: 'completed',
      metadata: { a: 'b' },
      store: true,
    });
    expect(stored.output).toEqual(response.output);
  });
});

describe('Google Search grounding', () => {
  it('becomes url_citation annotations on the output text (character offsets)', () => {
    const t = translator();
    t.start();
    t.push({ candidates: [{ content: { role: 'model', parts: [{ text: 'Café ' }] } }] });
    t.push({
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'is open.' }] },
          finishReason: 'STOP',
          groundingMetadata: {
            groundingChunks: [{ web: { uri: 'https://example.com/cafe', title: 'example.com' } }],
            groundingSupports: [
              { segment: { startIndex: 0, endIndex: 14 }, groundingChunkIndices: [0] },
            ],
          },
        },
      ],
    });
    t.end();
    const message = t.response.output[0];
    expect(message?.type === 'message' && message.content[0]?.annotations).toEqual([
      {
        type: 'url_citation',
        url: 'https://example.com/cafe',
        title: 'example.com',
        start_index: 0,
        end_index: 13,
      },
    ]);
  });
});
