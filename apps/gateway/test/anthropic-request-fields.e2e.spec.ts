import Anthropic, { NotFoundError } from '@anthropic-ai/sdk';
import { PNG, startImageServer, type ImageServer } from './support/image-server';
import { postJson, startStack, type Stack } from './support/start-stack';

/**
 * Request fields of issue 20 over real HTTP with @anthropic-ai/sdk, checked in what reaches
 * Google: image URLs through the media fetcher, documents, web_search, sampling settings.
 */
describe('/v1/messages request fields, as Google receives them', () => {
  let stack: Stack;
  let client: Anthropic;
  let images: ImageServer;

  beforeAll(async () => {
    images = await startImageServer();
    // The image server is on loopback: allow it, as a deployment with an internal CDN would.
    stack = await startStack({ env: { REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true' } });
    client = new Anthropic({ baseURL: stack.url, apiKey: stack.password, maxRetries: 0 });
  });
  afterAll(async () => {
    await stack.close();
    await images.close();
  });

  const lastUpstream = () =>
    stack.emulator.requests
      .filter((request) => request.path === '/v1internal:generateContent')
      .at(-1)?.body as { request: Record<string, unknown> } | undefined;

  it('fetches an image URL through the media fetcher and sends the bytes inline', async () => {
    const before = images.hits.length;
    const message = await client.messages.create({
      model: 'gemini-2.5-flash',
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'url', url: `${images.url}/dot.png` } },
          ],
        },
      ],
    });
    expect(images.hits.length).toBe(before + 1);
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: What is this?\n[image/png]' }]);
    expect(lastUpstream()?.request).toMatchObject({
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'What is this?' },
            { inlineData: { mimeType: 'image/png', data: PNG.toString('base64') } },
          ],
        },
      ],
    });
  });

  it('sends a base64 PDF inline and a plain-text document as text', async () => {
    const pdf = Buffer.from('%PDF-1.4 tiny').toString('base64');
    const message = await client.messages.create({
      model: 'gemini-2.5-flash',
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: pdf },
            },
            {
              type: 'document',
              title: 'Notes',
              source: { type: 'text', media_type: 'text/plain', data: 'the notes' },
            },
            { type: 'text', text: 'Summarise' },
          ],
        },
      ],
    });
    expect(message.stop_reason).toBe('end_turn');
    expect(lastUpstream()?.request).toMatchObject({
      contents: [
        {
          parts: [
            { inlineData: { mimeType: 'application/pdf', data: pdf } },
            { text: 'Notes\n\nthe notes' },
            { text: 'Summarise' },
          ],
        },
      ],
    });
  });

  it('turns the web_search server tool into Google Search grounding', async () => {
    const message = await client.messages.create({
      model: 'gemini-2.5-flash',
      max_tokens: 100,
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 8 }],
      messages: [{ role: 'user', content: 'Perform a web search for the query: gateway news' }],
    });
    expect(lastUpstream()?.request['tools']).toEqual([{ googleSearch: {} }]);
    // What Google searched and found comes back as the server tool reports it.
    const [text, use, result] = message.content;
    expect(text).toMatchObject({ type: 'text' });
    expect(use).toMatchObject({ type: 'server_tool_use', name: 'web_search' });
    expect(result).toMatchObject({
      type: 'web_search_tool_result',
      tool_use_id: use?.type === 'server_tool_use' ? use.id : 'missing',
      content: [
        { type: 'web_search_result', url: expect.stringMatching(/^https:\/\/example\.com\//) },
        { type: 'web_search_result', url: expect.stringMatching(/^https:\/\/example\.org\//) },
      ],
    });
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1 });
  });

  it('streams the web search the same way (the SDK assembles the same blocks)', async () => {
    const message = await client.messages
      .stream({
        model: 'gemini-2.5-flash',
        max_tokens: 100,
        tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 8 }],
        messages: [{ role: 'user', content: 'Perform a web search for the query: gateway news' }],
      })
      .finalMessage();
    expect(message.content.map((block) => block.type)).toEqual([
      'text',
      'server_tool_use',
      'web_search_tool_result',
    ]);
    expect(message.content[1]).toMatchObject({ input: { query: expect.any(String) } });
  });

  it('passes stop_sequences, temperature, top_p and top_k on, and the stop sequence ends the text', async () => {
    // Raw HTTP: the SDK's types no longer list temperature (newer Claude models dropped it).
    const response = await postJson(
      stack,
      '/v1/messages',
      {
        model: 'gemini-2.5-flash',
        max_tokens: 100,
        stop_sequences: ['three'],
        temperature: 0.2,
        top_p: 0.8,
        top_k: 20,
        messages: [{ role: 'user', content: 'one two three four' }],
      },
      { authorization: '', 'x-api-key': stack.password },
    );
    const message = (await response.json()) as { content: unknown };
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: one two ' }]);
    expect(lastUpstream()?.request['generationConfig']).toMatchObject({
      stopSequences: ['three'],
      temperature: 0.2,
      topP: 0.8,
      topK: 20,
    });
  });

  it('counts tokens through the beta endpoint Claude Code uses (?beta=true, anthropic-beta header)', async () => {
    const counted = await client.beta.messages.countTokens({
      model: 'claude-sonnet-4-5',
      betas: ['token-counting-2024-11-01'],
      messages: [{ role: 'user', content: 'count me through beta' }],
    });
    expect(counted.input_tokens).toBeGreaterThan(0);
    const counts = stack.emulator.requests.filter((r) => r.path === '/v1internal:countTokens');
    const sent = counts.at(-1)?.body as { request: { model: string } } | undefined;
    expect(sent?.request.model).toMatch(/^models\/gemini-/); // the claude id, through the alias table
  });

  it('tells a client whose base URL ends in /v1 (it calls /v1/v1/messages) to drop it', async () => {
    const misconfigured = new Anthropic({
      baseURL: `${stack.url}/v1`,
      apiKey: stack.password,
      maxRetries: 0,
    });
    const error = await misconfigured.messages
      .create({
        model: 'gemini-2.5-flash',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toMatch(/Did you mean \/v1\/messages\?.*without \/v1/);
  });
});
