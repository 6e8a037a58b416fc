import { convertGeminiResponseToAnthropic } from './convert-gemini-response-to-anthropic';
import { createAnthropicStreamTranslator } from './create-anthropic-stream-translator';
import { groundedAnswer } from './__fixtures__/gemini-answers';
import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';

let ids = 0;
const options = {
  model: 'claude-sonnet-4',
  upstreamModel: 'gemini-3-pro-preview',
  generateId: () => `id${++ids}`,
};

describe('Google Search grounding on the Anthropic surface', () => {
  beforeEach(() => (ids = 0));

  it('reports the web_search server tool: the query, then each source once, and counts it in usage', () => {
    const message = convertGeminiResponseToAnthropic(groundedAnswer, options);
    expect(message.content).toEqual([
      { type: 'text', text: 'Nx 22 shipped.' },
      {
        type: 'server_tool_use',
        id: 'srvtoolu_id2',
        name: 'web_search',
        input: { query: 'nx release | nx 22' },
      },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_id2',
        content: [
          {
            type: 'web_search_result',
            url: 'https://nx.dev/blog',
            title: 'nx.dev',
            encrypted_content: '',
            page_age: null,
          },
          {
            type: 'web_search_result',
            url: 'https://github.com/nrwl/nx',
            title: 'https://github.com/nrwl/nx',
            encrypted_content: '',
            page_age: null,
          },
        ],
      },
    ]);
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 2 });
    expect(message.stop_reason).toBe('end_turn');
  });

  it('streams the query as input_json_delta and the sources whole in content_block_start', () => {
    const translator = createAnthropicStreamTranslator(options);
    const events = [...translator.push(groundedAnswer), ...translator.end()];
    const search = events.filter(
      (event) =>
        (event.type === 'content_block_start' && event.content_block.type !== 'text') ||
        (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta'),
    );
    expect(search.map((event) => event.type)).toEqual([
      'content_block_start',
      'content_block_delta',
      'content_block_start',
    ]);
    expect(search[1]).toMatchObject({
      delta: { type: 'input_json_delta', partial_json: '{"query":"nx release | nx 22"}' },
    });
  });

  it('adds nothing when the grounding names no query and no web source', () => {
    const answer: GenerateContentResponse = {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'ok' }] },
          finishReason: 'STOP',
          groundingMetadata: { groundingChunks: [{ retrievedContext: { uri: 'gs://b/d' } }] },
        },
      ],
    };
    const message = convertGeminiResponseToAnthropic(answer, options);
    expect(message.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(message.usage).not.toHaveProperty('server_tool_use');
  });
});
