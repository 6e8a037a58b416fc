import { BadRequestError } from 'openai';
import { startImageServer, type ImageServer } from './support/image-server';
import { startOpenAIStack } from './support/start-stack';

describe('Responses API: an input_image by http(s) URL', () => {
  let images: ImageServer;
  let url: string;
  beforeAll(async () => {
    images = await startImageServer();
    url = `${images.url}/dot.png`;
  });
  afterAll(() => images.close());

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
