import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BadRequestError } from 'openai';
import { startOpenAIStack } from './support/start-stack';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('Responses API: an input_image by http(s) URL', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dot.png`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const input = (image: string) => [
    { role: 'user' as const, content: 'context' },
    {
      role: 'user' as const,
      content: [
        { type: 'input_text' as const, text: 'What is this?' },
        { type: 'input_image' as const, image_url: image, detail: 'auto' as const },
      ],
    },
  ];

  it('is fetched by the gateway and sent inline when private networks are allowed', async () => {
    const { stack, client } = await startOpenAIStack({
      env: { REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true' },
    });
    try {
      const response = await client.responses.create({
        model: 'gemini-2.5-flash',
        input: input(url),
      });
      expect(response.output_text).toBe('Echo: context\nWhat is this?\n[image/png]');
    } finally {
      await stack.close();
    }
  });

  it('is refused on a loopback address by default, naming the input item', async () => {
    const { stack, client } = await startOpenAIStack();
    try {
      const error = await client.responses
        .create({ model: 'gemini-2.5-flash', input: input(url) })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).param).toBe('input[1]');
      expect((error as BadRequestError).message).toContain('REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS');
    } finally {
      await stack.close();
    }
  });
});
