import { startOpenAIStack, type Stack } from './support/start-stack';
import type OpenAI from 'openai';

interface AnthropicPage {
  data: { type: string; id: string; display_name: string; created_at: string }[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

describe('every model list shows the same models: OpenAI, Gemini and Anthropic shapes', () => {
  let stack: Stack;
  let client: OpenAI;

  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack());
  });
  afterAll(() => stack.close());

  const anthropicPage = async (query: string): Promise<AnthropicPage> =>
    (await (
      await fetch(`${stack.url}/v1/models${query}`, {
        headers: { authorization: `Bearer ${stack.password}`, 'anthropic-version': '2023-06-01' },
      })
    ).json()) as AnthropicPage;

  it('pages the Anthropic list with after_id and ends with the same ids as the OpenAI list', async () => {
    const openAIIds: string[] = [];
    for await (const model of client.models.list()) openAIIds.push(model.id);
    const ids: string[] = [];
    let page = await anthropicPage('?limit=25');
    expect(page.data[0]).toMatchObject({ type: 'model', id: 'gemini-2.5-pro' });
    ids.push(...page.data.map((model) => model.id));
    while (page.has_more) {
      page = await anthropicPage(`?limit=25&after_id=${page.last_id ?? ''}`);
      ids.push(...page.data.map((model) => model.id));
    }
    expect(ids).toEqual(openAIIds);
    const native = (await (
      await fetch(`${stack.url}/v1beta/models?pageSize=1000`, {
        headers: { 'x-goog-api-key': stack.password },
      })
    ).json()) as { models: { name: string }[] };
    expect(native.models.map((model) => model.name.replace(/^models\//, ''))).toEqual(openAIIds);
  });

  it('retrieves one model in Anthropic shape, an alias under the asked id', async () => {
    const response = await fetch(`${stack.url}/v1/models/gemini-2.5-flash-nothinking`, {
      headers: { authorization: `Bearer ${stack.password}`, 'anthropic-version': '2023-06-01' },
    });
    expect(await response.json()).toEqual({
      type: 'model',
      id: 'gemini-2.5-flash-nothinking',
      display_name: 'Gemini 2.5 Flash (nothinking)',
      created_at: '2026-01-01T00:00:00Z',
    });
  });

  it('refuses a limit out of range with a 400', async () => {
    const response = await fetch(`${stack.url}/v1/models?limit=0`, {
      headers: { authorization: `Bearer ${stack.password}`, 'anthropic-version': '2023-06-01' },
    });
    expect(response.status).toBe(400);
  });
});
