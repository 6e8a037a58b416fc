import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { startGateway, type RunningGateway } from './support/start-gateway';
import { postJson, startStack, type Stack } from './support/start-stack';

const KEY = 'AIzaEmbeddingsKey00000000000000000000001';

function norm(values: readonly number[]): number {
  return Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
}

describe('embeddings on the Gemini API backend', () => {
  let emulator: Emulator;
  let gateway: RunningGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator({ apiKeys: [KEY], accounts: [] });
    gateway = await startGateway({ GEMINI_API_KEY: KEY, GOOGLE_GEMINI_BASE_URL: emulator.url });
    openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.close();
  });

  it('openai embeddings.create: 150 inputs → 150 vectors of the asked dimension, in order, in two batches', async () => {
    emulator.clearRequests();
    const inputs = Array.from({ length: 150 }, (_, index) => `sentence number ${index}`);
    const result = await openai.embeddings.create({
      model: 'gemini-embedding-001',
      input: inputs,
      dimensions: 64,
    });
    expect(result.data).toHaveLength(150);
    expect(result.data.map((entry) => entry.index)).toEqual(inputs.map((_, index) => index));
    for (const entry of result.data) expect(entry.embedding).toHaveLength(64);
    expect(result.model).toBe('gemini-embedding-001');
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    const batches = emulator.requests.filter((request) =>
      request.path.endsWith(':batchEmbedContents'),
    );
    expect(
      batches.map((request) => (request.body as { requests: unknown[] }).requests.length),
    ).toEqual([100, 50]);
    // In order: the 120th vector is the one the same text gets alone.
    const single = await openai.embeddings.create({
      model: 'gemini-embedding-001',
      input: inputs[120] ?? '',
      dimensions: 64,
      encoding_format: 'float',
    });
    const alone = single.data[0]?.embedding ?? [];
    const inBatch = result.data[120]?.embedding ?? [];
    // The SDK asked for base64 (float32) the first time: equal to float32 precision.
    alone.forEach((value, index) => expect(inBatch[index]).toBeCloseTo(value, 6));
    expect(norm(alone)).toBeCloseTo(1, 4);
  });

  it('accepts OpenAI embedding model ids through the built-in aliases, and answers floats when asked', async () => {
    const result = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      encoding_format: 'float',
    });
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.data[0]?.embedding).toHaveLength(3072);
  });

  it('encoding_format base64 puts little-endian float32 bytes on the wire, the same vector as float', async () => {
    const ask = async (encoding_format: string) =>
      (await (
        await postJson(gateway, '/v1/embeddings', {
          model: 'gemini-embedding-001',
          input: 'wire format',
          dimensions: 12,
          encoding_format,
        })
      ).json()) as { data: { embedding: unknown }[]; usage: { prompt_tokens: number } };
    const base64 = await ask('base64');
    const floats = (await ask('float')).data[0]?.embedding as number[];
    expect(typeof base64.data[0]?.embedding).toBe('string');
    const bytes = Buffer.from(base64.data[0]?.embedding as string, 'base64');
    expect(bytes).toHaveLength(12 * 4);
    const decoded = Array.from({ length: 12 }, (_, index) => bytes.readFloatLE(index * 4));
    decoded.forEach((value, index) => expect(value).toBeCloseTo(floats[index] ?? NaN, 6));
    expect(base64.usage).toMatchObject({ prompt_tokens: expect.any(Number) as number });
    expect(base64.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('refuses a chat model, token arrays and empty input with a 400 in OpenAI shape', async () => {
    await expect(
      openai.embeddings.create({ model: 'gemini-2.5-flash', input: 'x' }),
    ).rejects.toMatchObject({ status: 400, param: 'model' });
    await expect(
      openai.embeddings.create({ model: 'gemini-embedding-001', input: [[1, 2, 3]] }),
    ).rejects.toMatchObject({ status: 400, param: 'input' });
    const empty = await postJson(gateway, '/v1/embeddings', {
      model: 'gemini-embedding-001',
      input: [],
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { type: string } }).error.type).toBe(
      'invalid_request_error',
    );
  });

  it('@google/genai models.embedContent: several contents with outputDimensionality', async () => {
    const ai = new GoogleGenAI({ apiKey: gateway.password, httpOptions: { baseUrl: gateway.url } });
    const response = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['first text', 'second text'],
      config: { outputDimensionality: 16, taskType: 'RETRIEVAL_DOCUMENT' },
    });
    expect(response.embeddings).toHaveLength(2);
    expect(response.embeddings?.[0]?.values).toHaveLength(16);
    expect(response.embeddings?.[0]?.values).not.toEqual(response.embeddings?.[1]?.values);
    const upstream = emulator.requests.at(-1)?.body as {
      requests: { taskType?: string; model: string }[];
    };
    expect(upstream.requests[0]).toMatchObject({
      model: 'models/gemini-embedding-001',
      taskType: 'RETRIEVAL_DOCUMENT',
    });
  });

  it('refuses a chat with an embedding model with a 400 pointing at the embeddings endpoints', async () => {
    const error = (await openai.chat.completions
      .create({ model: 'gemini-embedding-001', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught)) as { status: number; message: string };
    expect(error.status).toBe(400);
    expect(error.message).toContain('POST /v1/embeddings');
  });

  it('native :embedContent answers one embedding', async () => {
    const response = await postJson(gateway, '/v1beta/models/gemini-embedding-001:embedContent', {
      content: { parts: [{ text: 'one' }] },
      outputDimensionality: 8,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { embedding: { values: number[] } };
    expect(body.embedding.values).toHaveLength(8);
  });

  it('native :batchEmbedContents with 150 requests: split into 100 + 50, 150 embeddings in order', async () => {
    emulator.clearRequests();
    const texts = Array.from({ length: 150 }, (_, index) => `native sentence ${index}`);
    const response = await postJson(
      gateway,
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      {
        requests: texts.map((text) => ({
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text }] },
          outputDimensionality: 16,
        })),
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { embeddings: { values: number[] }[] };
    expect(body.embeddings).toHaveLength(150);
    for (const entry of body.embeddings) expect(entry.values).toHaveLength(16);
    const batches = emulator.requests.filter((request) =>
      request.path.endsWith(':batchEmbedContents'),
    );
    expect(
      batches.map((request) => (request.body as { requests: unknown[] }).requests.length),
    ).toEqual([100, 50]);
    const alone = await postJson(gateway, '/v1beta/models/gemini-embedding-001:embedContent', {
      content: { parts: [{ text: texts[130] }] },
      outputDimensionality: 16,
    });
    const single = (await alone.json()) as { embedding: { values: number[] } };
    expect(body.embeddings[130]?.values).toEqual(single.embedding.values);
  });
});

describe('embeddings on Code Assist', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('answers 501 naming the backends that serve embeddings, on both surfaces', async () => {
    const openai = new OpenAI({
      baseURL: `${stack.url}/v1`,
      apiKey: stack.password,
      maxRetries: 0,
    });
    const error = (await openai.embeddings
      .create({ model: 'gemini-embedding-001', input: 'x' })
      .catch((caught: unknown) => caught)) as { status: number; message: string };
    expect(error.status).toBe(501);
    expect(error.message).toContain('GEMINI_API_KEY');
    expect(error.message).toContain('GOOGLE_GENAI_USE_VERTEXAI=true');
    const native = await postJson(stack, '/v1beta/models/gemini-embedding-001:embedContent', {
      content: { parts: [{ text: 'x' }] },
    });
    expect(native.status).toBe(501);
    const body = (await native.json()) as { error: { status: string; message: string } };
    expect(body.error.message).toContain('Vertex AI');
  });
});
