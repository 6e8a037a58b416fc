import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { Emulator } from '@geminicli2api/emulator';
import type { RunningGateway } from './support/start-gateway';
import { postJson } from './support/start-stack';
import { startVertexGateway, type VertexGateway } from './support/vertex-gateway';

describe('embeddings on Vertex AI', () => {
  let vertex: VertexGateway;
  let emulator: Emulator;
  let gateway: RunningGateway;

  beforeAll(async () => {
    vertex = await startVertexGateway('adc-embed', {
      // Lists text-embedding-004, which the built-in catalog does not know.
      MODEL_DISCOVERY_INTERVAL_MS: '3600000',
    });
    ({ emulator, gateway } = vertex);
  });
  afterAll(() => vertex.close());

  it('sends gemini-embedding inputs to :predict one per call and keeps their order', async () => {
    const openai = new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: gateway.password,
      maxRetries: 0,
    });
    const inputs = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
    const result = await openai.embeddings.create({
      model: 'gemini-embedding-001',
      input: inputs,
      dimensions: 32,
      encoding_format: 'float',
    });
    expect(result.data.map((entry) => entry.embedding.length)).toEqual([32, 32, 32, 32, 32]);
    const predicts = emulator.requests.filter((request) => request.path.endsWith(':predict'));
    expect(predicts).toHaveLength(5);
    const alone = await openai.embeddings.create({
      model: 'gemini-embedding-001',
      input: 'delta',
      dimensions: 32,
      encoding_format: 'float',
    });
    expect(result.data[3]?.embedding).toEqual(alone.data[0]?.embedding);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('native :batchEmbedContents of 150 on a text-embedding model: predict calls of 100 + 50, in order', async () => {
    emulator.clearRequests();
    const texts = Array.from({ length: 150 }, (_, index) => `vertex text ${index}`);
    const response = await postJson(
      gateway,
      '/v1beta/models/text-embedding-004:batchEmbedContents',
      {
        requests: texts.map((text) => ({
          content: { parts: [{ text }] },
          outputDimensionality: 8,
        })),
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { embeddings: { values: number[] }[] };
    expect(body.embeddings).toHaveLength(150);
    const predicts = emulator.requests.filter((request) => request.path.endsWith(':predict'));
    expect(
      predicts.map((request) => (request.body as { instances: unknown[] }).instances.length),
    ).toEqual([100, 50]);
    const alone = await postJson(gateway, '/v1beta/models/text-embedding-004:embedContent', {
      content: { parts: [{ text: texts[140] }] },
      outputDimensionality: 8,
    });
    const single = (await alone.json()) as { embedding: { values: number[] } };
    expect(body.embeddings[140]?.values).toEqual(single.embedding.values);
  });

  it('keeps the outputDimensionality of each request in a native batch', async () => {
    for (const model of ['gemini-embedding-001', 'text-embedding-004']) {
      const response = await postJson(gateway, `/v1beta/models/${model}:batchEmbedContents`, {
        requests: [8, 8, 16, 4].map((outputDimensionality, index) => ({
          content: { parts: [{ text: `text ${index}` }] },
          outputDimensionality,
        })),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { embeddings: { values: number[] }[] };
      expect(body.embeddings.map((entry) => entry.values.length)).toEqual([8, 8, 16, 4]);
    }
  });

  it('native :embedContent and :batchEmbedContents are served through :predict too', async () => {
    const ai = new GoogleGenAI({ apiKey: gateway.password, httpOptions: { baseUrl: gateway.url } });
    emulator.clearRequests();
    const batch = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['one', 'two', 'three'],
      config: { outputDimensionality: 8 },
    });
    expect(batch.embeddings?.map((entry) => entry.values?.length)).toEqual([8, 8, 8]);
    expect(emulator.requests.filter((request) => request.path.endsWith(':predict'))).toHaveLength(
      3,
    );
    const single = await postJson(gateway, '/v1beta/models/gemini-embedding-001:embedContent', {
      content: { parts: [{ text: 'three' }] },
      outputDimensionality: 8,
    });
    expect(single.status).toBe(200);
    const body = (await single.json()) as { embedding: { values: number[] } };
    expect(body.embedding.values).toEqual(batch.embeddings?.[2]?.values);
  });
});
