import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type OpenAI from 'openai';
import { APIError } from 'openai';
import { postJson, startOpenAIStack, type Stack } from './support/start-stack';

/**
 * A loopback image server: /img/N serves N bytes as image/png (with Content-Length), /chunked/N
 * the same without it, /slow/N holds each answer 150 ms (counting how many are in flight at
 * once), /page.html serves HTML, /never accepts the request and never answers.
 */
async function startImageServer() {
  const state = { hits: 0, inFlight: 0, maxInFlight: 0, neverOpen: 0, maxNeverOpen: 0 };
  const server: Server = createServer((request, response) => {
    state.hits++;
    const [, kind = '', size = '0'] = /^\/([a-z.]+)(?:\/(\d+))?/.exec(request.url ?? '') ?? [];
    const bytes = Buffer.alloc(Number(size), 7);
    if (kind === 'page.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>hi</p>');
    } else if (kind === 'chunked') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(bytes.subarray(0, bytes.length / 2));
      response.end(bytes.subarray(bytes.length / 2));
    } else if (kind === 'never') {
      state.neverOpen++; // accepts the request and never answers (until the gateway gives up)
      state.maxNeverOpen = Math.max(state.maxNeverOpen, state.neverOpen);
      request.socket.once('close', () => state.neverOpen--);
    } else if (kind === 'slow') {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      setTimeout(() => {
        state.inFlight--;
        response.writeHead(200, { 'content-type': 'image/png' }).end(bytes);
      }, 150);
    } else {
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length });
      response.end(bytes);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const ask = (client: OpenAI, urls: string[]) =>
  client.chat.completions
    .create({
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What are these?' },
            ...urls.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
          ],
        },
      ],
    })
    .then(
      (completion) => ({ status: 200, text: completion.choices[0]?.message.content ?? '' }),
      (error: unknown) => {
        if (!(error instanceof APIError)) throw error;
        return { status: error.status ?? 0, text: error.message, param: error.param };
      },
    );

describe('image URLs per request', () => {
  let images: Awaited<ReturnType<typeof startImageServer>>;
  let stack: Stack;
  let client: OpenAI;
  beforeAll(async () => {
    images = await startImageServer();
    ({ stack, client } = await startOpenAIStack({
      env: {
        REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true',
        REMOTE_MEDIA_MAX_URLS: '8',
        REMOTE_MEDIA_MAX_TOTAL_BYTES: '1000',
      },
    }));
  });
  afterAll(async () => {
    await stack.close();
    await images.close();
  });

  it('refuses more URLs than REMOTE_MEDIA_MAX_URLS with 400 naming the limit, fetching none', async () => {
    const before = images.state.hits;
    const urls = Array.from({ length: 9 }, (_, i) => `${images.url}/img/10?n=${i}`);
    const answer = await ask(client, urls);
    expect(answer).toMatchObject({ status: 400, param: 'messages[0].content[9].image_url.url' });
    expect(answer.text).toMatch(/9 image URLs.*at most 8.*REMOTE_MEDIA_MAX_URLS/);
    expect(images.state.hits).toBe(before);
  });

  it('answers 413 naming REMOTE_MEDIA_MAX_TOTAL_BYTES when the images together are too big', async () => {
    expect(await ask(client, [`${images.url}/img/600`])).toMatchObject({ status: 200 });
    for (const second of [`${images.url}/img/600?b`, `${images.url}/chunked/600`]) {
      const answer = await ask(client, [`${images.url}/img/600?a`, second]);
      expect(answer.status).toBe(413);
      expect(answer.text).toMatch(/more than 1000 bytes.*REMOTE_MEDIA_MAX_TOTAL_BYTES/);
    }
  });

  it('refuses a URL that does not answer with an image, naming the part and the type', async () => {
    const answer = await ask(client, [`${images.url}/img/10`, `${images.url}/page.html`]);
    expect(answer).toMatchObject({ status: 400, param: 'messages[0].content[2].image_url.url' });
    expect(answer.text).toMatch(/text\/html.*not an image/);
  });

  it('1 500 never-answering URLs in one request: 400 at once, no connection opened (the file-descriptor attack)', async () => {
    const before = images.state.hits;
    const urls = Array.from({ length: 1500 }, (_, i) => `${images.url}/never?n=${i}`);
    const started = Date.now();
    const answer = await ask(client, urls);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/1500 image URLs.*at most 8.*REMOTE_MEDIA_MAX_URLS/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(images.state.hits).toBe(before);
  });

  it('never-answering URLs up to the limit hold at most 4 connections, /health answers meanwhile, and the request ends', async () => {
    const urls = Array.from({ length: 8 }, (_, i) => `${images.url}/never?held=${i}`);
    const pending = ask(client, urls);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(images.state.neverOpen).toBe(4);
    const health = await fetch(`${stack.url}/health`);
    expect(health.status).toBe(200);
    const answer = await pending; // the images' 10 s deadline, then the parts that were not fetched
    expect(answer.status).toBe(400);
    expect(images.state.maxNeverOpen).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(images.state.neverOpen).toBe(0); // every held connection was closed by the gateway
  }, 20_000);

  it.each([
    [
      '/v1/messages',
      (urls: string[]) => ({
        model: 'gemini-2.5-flash',
        max_tokens: 64,
        messages: [
          {
            role: 'user',
            content: urls.map((url) => ({ type: 'image', source: { type: 'url', url } })),
          },
        ],
      }),
    ],
    [
      '/v1/responses',
      (urls: string[]) => ({
        model: 'gemini-2.5-flash',
        store: false,
        input: [
          {
            role: 'user',
            content: urls.map((url) => ({ type: 'input_image', image_url: url })),
          },
        ],
      }),
    ],
  ])(
    '%s: the same limits (400 over the count before any fetch, 413 over the bytes)',
    async (path, body) => {
      const before = images.state.hits;
      const many = Array.from({ length: 9 }, (_, i) => `${images.url}/img/10?m=${i}`);
      const refused = await postJson(stack, path, body(many));
      expect(refused.status).toBe(400);
      expect(await refused.text()).toMatch(/9 image URLs.*at most 8.*REMOTE_MEDIA_MAX_URLS/);
      expect(images.state.hits).toBe(before);
      const big = [`${images.url}/img/600?x`, `${images.url}/img/600?y`];
      const tooBig = await postJson(stack, path, body(big));
      expect(tooBig.status).toBe(413);
      expect(await tooBig.text()).toMatch(/more than 1000 bytes.*REMOTE_MEDIA_MAX_TOTAL_BYTES/);
    },
  );

  it('fetches at most 4 URLs at a time', async () => {
    images.state.maxInFlight = 0;
    const urls = Array.from({ length: 8 }, (_, i) => `${images.url}/slow/10?n=${i}`);
    const answer = await ask(client, urls);
    expect(answer.status).toBe(200);
    expect(answer.text.match(/\[image\/png\]/g)).toHaveLength(8);
    expect(images.state.maxInFlight).toBe(4);
  });
});
