import type OpenAI from 'openai';
import { BadRequestError } from 'openai';
import { isBlockedAddress } from '../src/media/is-blocked-address';
import { startImageServer, type ImageServer } from './support/image-server';
import { startOpenAIStack, type Stack } from './support/start-stack';

const ask = (client: OpenAI, url: string) =>
  client.chat.completions.create({
    model: 'gemini-2.5-flash',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url } },
        ],
      },
    ],
  });

describe('remote image fetching (SSRF guard)', () => {
  let images: ImageServer;
  beforeAll(async () => {
    images = await startImageServer();
  });
  afterAll(() => images.close());

  describe('by default', () => {
    let stack: Stack;
    let client: OpenAI;
    beforeAll(async () => {
      ({ stack, client } = await startOpenAIStack());
    });
    afterAll(() => stack.close());

    it.each([
      ['a loopback IP', (base: string) => `${base}/dot.png`],
      [
        'localhost (blocked after DNS resolution)',
        (base: string) => `${base.replace('127.0.0.1', 'localhost')}/dot.png`,
      ],
      [
        'an IPv4-mapped IPv6 loopback',
        (base: string) => `${base.replace('127.0.0.1', '[::ffff:127.0.0.1]')}/dot.png`,
      ],
    ])('refuses %s with 400 naming the part, without contacting it', async (_label, build) => {
      const before = images.hits.length;
      const error = await ask(client, build(images.url)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).param).toBe('messages[0].content[1].image_url.url');
      expect((error as BadRequestError).message).toMatch(
        /private network address.*REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS/,
      );
      expect(images.hits.length).toBe(before);
      expect(
        stack.emulator.requests.filter((r) => r.path.includes('generateContent')),
      ).toHaveLength(0);
    });
  });

  describe('with REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS=true', () => {
    let stack: Stack;
    let client: OpenAI;
    beforeAll(async () => {
      ({ stack, client } = await startOpenAIStack({
        env: { REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true' },
      }));
    });
    afterAll(() => stack.close());

    it('fetches a loopback image and the model sees it', async () => {
      const completion = await ask(client, `${images.url}/dot.png`);
      expect(completion.choices[0]?.message.content).toBe('Echo: What is this?\n[image/png]');
    });

    it('follows up to three redirects and no more', async () => {
      const completion = await ask(client, `${images.url}/hop/2`);
      expect(completion.choices[0]?.message.content).toBe('Echo: What is this?\n[image/png]');
      const error = await ask(client, `${images.url}/hop/3`).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).param).toBe('messages[0].content[1].image_url.url');
    });
  });
});

describe('isBlockedAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['100.64.0.1', true],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fc00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:a00:1', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['172.15.255.255', false],
    ['192.169.0.1', false],
    ['2001:4860:4860::8888', false],
    ['::ffff:8.8.8.8', false],
    ['not-an-ip', true],
  ])('%s → %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});
