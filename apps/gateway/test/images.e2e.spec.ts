import { inflateSync } from 'node:zlib';
import type OpenAI from 'openai';
import { toFile } from 'openai';
import { postJson, startOpenAIStack, type Stack } from './support/start-stack';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes the PNG as a viewer would (signature, chunks up to IEND, IHDR, the inflated IDAT holding
 * exactly one filtered row of 8-bit pixels per line) and answers its width and height.
 */
function pngSize(base64: string | undefined): [number, number] {
  const png = Buffer.from(base64 ?? '', 'base64');
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  const [width, height, depth, colour] = [
    png.readUInt32BE(16),
    png.readUInt32BE(20),
    png[24],
    png[25] ?? -1,
  ];
  const data: Buffer[] = [];
  let at = 8;
  let last = '';
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    last = png.toString('ascii', at + 4, at + 8);
    if (last === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  expect([at, last]).toEqual([png.length, 'IEND']);
  expect(depth).toBe(8);
  const rows = inflateSync(Buffer.concat(data));
  const stride = 1 + width * (CHANNELS[colour] ?? NaN);
  expect(rows.length).toBe(height * stride);
  for (let y = 0; y < height; y++) expect(rows[y * stride]).toBeLessThanOrEqual(4); // filter type
  return [width, height];
}

function lastGenerationConfig(stack: Stack): Record<string, unknown> | undefined {
  const body = stack.emulator.requests.at(-1)?.body as {
    model: string;
    request: { generationConfig?: Record<string, unknown> };
  };
  return { model: body.model, ...body.request.generationConfig };
}

describe('images: generations, edits and image output in chat', () => {
  let stack: Stack;
  let client: OpenAI;

  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack());
  });
  afterAll(() => stack.close());

  it('images.generate returns n PNGs that decode, size mapped to aspect ratio and image size', async () => {
    const result = await client.images.generate({
      model: 'gemini-3-pro-image',
      prompt: 'a red fox in the snow',
      n: 2,
      size: '1792x1024',
      response_format: 'b64_json',
    });
    expect(result.data).toHaveLength(2);
    for (const image of result.data ?? []) expect(pngSize(image.b64_json)).toEqual([64, 36]);
    expect(result.data?.[0]?.revised_prompt).toBe('Image: a red fox in the snow');
    expect(lastGenerationConfig(stack)).toEqual({
      model: 'gemini-3-pro-image',
      responseModalities: ['TEXT', 'IMAGE'],
      imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
    });
  });

  it('uses gemini-2.5-flash-image by default and for OpenAI image ids, with no image size', async () => {
    const plain = await client.images.generate({ prompt: 'a square', size: '1024x1024' });
    expect(pngSize(plain.data?.[0]?.b64_json)).toEqual([32, 32]);
    expect(lastGenerationConfig(stack)).toMatchObject({
      model: 'gemini-2.5-flash-image',
      imageConfig: { aspectRatio: '1:1' },
    });
    const dalle = await client.images.generate({
      model: 'dall-e-3',
      prompt: 'tall',
      size: '1024x1792',
    });
    expect(pngSize(dalle.data?.[0]?.b64_json)).toEqual([18, 32]);
  });

  it('refuses response_format url, a chat model and a bad size with 400s naming the field', async () => {
    await expect(
      client.images.generate({ prompt: 'x', response_format: 'url' }),
    ).rejects.toMatchObject({ status: 400, param: 'response_format' });
    await expect(
      client.images.generate({ prompt: 'x', model: 'gemini-2.5-flash' }),
    ).rejects.toMatchObject({ status: 400, param: 'model' });
    const bad = await postJson(stack, '/v1/images/generations', { prompt: 'x', size: 'huge' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('size');
  });

  it('images.edit sends the uploaded image inline with the prompt and returns a PNG', async () => {
    const original = Buffer.from(
      (await client.images.generate({ prompt: 'source', size: '1024x1024' })).data?.[0]?.b64_json ??
        '',
      'base64',
    );
    const result = await client.images.edit({
      model: 'gemini-3.1-flash-image',
      image: await toFile(original, 'source.png', { type: 'image/png' }),
      prompt: 'make it blue',
      size: '1536x1024',
    });
    expect(pngSize(result.data?.[0]?.b64_json)).toEqual([64, 43]); // 3:2 at 2K
    const sent = stack.emulator.requests.at(-1)?.body as {
      request: {
        contents: { parts: { inlineData?: { mimeType: string; data: string }; text?: string }[] }[];
      };
    };
    const parts = sent.request.contents[0]?.parts ?? [];
    expect(parts[0]?.inlineData).toEqual({
      mimeType: 'image/png',
      data: original.toString('base64'),
    });
    expect(parts[1]?.text).toBe('make it blue');
  });

  it('takes an edit as JSON with the image as a data URL, sent inline', async () => {
    const source = (await client.images.generate({ prompt: 'json source', size: '1024x1024' }))
      .data?.[0]?.b64_json;
    const response = await postJson(stack, '/v1/images/edits', {
      prompt: 'add a hat',
      image: `data:image/png;base64,${source ?? ''}`,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { b64_json: string }[] };
    pngSize(body.data[0]?.b64_json);
    const sent = stack.emulator.requests.at(-1)?.body as {
      request: { contents: { parts: { inlineData?: { data: string }; text?: string }[] }[] };
    };
    const parts = sent.request.contents[0]?.parts ?? [];
    expect(parts[0]?.inlineData?.data).toBe(source);
    expect(parts[1]?.text).toBe('add a hat');
  });

  it('answers an edit without an image with a 400', async () => {
    const response = await postJson(stack, '/v1/images/edits', { prompt: 'x' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('image');
  });

  it('returns the image of a chat with an image model in message.images', async () => {
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash-image',
      messages: [{ role: 'user', content: 'draw a cat' }],
    });
    const message = completion.choices[0]?.message as unknown as {
      content: string;
      images?: { image_url: { url: string } }[];
    };
    expect(message.content).toBe('Image: draw a cat');
    const url = message.images?.[0]?.image_url.url ?? '';
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    pngSize(url.slice('data:image/png;base64,'.length));
  });

  it('streams the image of a chat with an image model as a delta.images chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'gemini-3.1-flash-image',
      messages: [{ role: 'user', content: 'draw a dog' }],
      stream: true,
    });
    const urls: string[] = [];
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { images?: { image_url: { url: string } }[] };
      for (const image of delta.images ?? []) urls.push(image.image_url.url);
    }
    expect(urls).toHaveLength(1);
    pngSize(urls[0]?.replace(/^data:image\/png;base64,/, ''));
  });
});
