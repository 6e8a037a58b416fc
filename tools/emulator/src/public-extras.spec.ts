import { inflateSync } from 'node:zlib';
import { createFakePng, fakeImageSize } from './fake-png';
import { startEmulator } from './start-emulator';
import type { Emulator } from './emulator-options';

const KEY = 'AIzaEmulatorExtrasKey0000000000000001';

describe('the public API extras: model lists, embeddings, image models', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ apiKeys: [KEY] });
  });
  afterAll(() => emulator.close());

  const call = (path: string, body?: unknown) =>
    fetch(`${emulator.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('lists models page by page, with embedding models and their methods', async () => {
    const first = (await (await call('/v1beta/models?pageSize=5')).json()) as {
      models: { name: string }[];
      nextPageToken?: string;
    };
    expect(first.models).toHaveLength(5);
    const names = first.models.map((model) => model.name);
    let token = first.nextPageToken;
    while (token !== undefined) {
      const page = (await (await call(`/v1beta/models?pageSize=5&pageToken=${token}`)).json()) as {
        models: { name: string; supportedGenerationMethods: string[] }[];
        nextPageToken?: string;
      };
      names.push(...page.models.map((model) => model.name));
      token = page.nextPageToken;
    }
    expect(names).toEqual(
      expect.arrayContaining([
        'models/gemini-3.7-flash-preview',
        'models/gemini-3.5-flash',
        'models/gemini-embedding-001',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses a list without a key', async () => {
    expect((await fetch(`${emulator.url}/v1beta/models`)).status).toBe(403);
  });

  it('embeds deterministically at the asked dimension, and batches up to 100', async () => {
    const one = (await (
      await call('/v1beta/models/gemini-embedding-001:embedContent', {
        content: { parts: [{ text: 'hello' }] },
        outputDimensionality: 8,
      })
    ).json()) as { embedding: { values: number[] } };
    expect(one.embedding.values).toHaveLength(8);
    const batch = (await (
      await call('/v1beta/models/gemini-embedding-001:batchEmbedContents', {
        requests: ['other', 'hello'].map((text) => ({
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text }] },
          outputDimensionality: 8,
        })),
      })
    ).json()) as { embeddings: { values: number[] }[] };
    expect(batch.embeddings[1]?.values).toEqual(one.embedding.values);
    expect(batch.embeddings[0]?.values).not.toEqual(one.embedding.values);
    const tooMany = await call('/v1beta/models/gemini-embedding-001:batchEmbedContents', {
      requests: Array.from({ length: 101 }, () => ({ content: { parts: [{ text: 'x' }] } })),
    });
    expect(tooMany.status).toBe(400);
    expect((await call('/v1beta/models/gemini-2.5-flash:embedContent', {})).status).toBe(400);
  });

  it('draws a real PNG with an image model, sized by the aspect ratio', async () => {
    const answer = (await (
      await call('/v1beta/models/gemini-3-pro-image:generateContent', {
        contents: [{ role: 'user', parts: [{ text: 'a red fox' }] }],
        generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } },
      })
    ).json()) as {
      candidates: { content: { parts: { inlineData?: { mimeType: string; data: string } }[] } }[];
    };
    const image = answer.candidates[0]?.content.parts.find((part) => part.inlineData)?.inlineData;
    expect(image?.mimeType).toBe('image/png');
    const png = Buffer.from(image?.data ?? '', 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(fakeImageSize('16:9'));
  });

  it('encodes pixel rows that inflate back to width × height × 3 + filter bytes', () => {
    const png = createFakePng(4, 3, 7);
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength))).toHaveLength(3 * (1 + 4 * 3));
  });
});
