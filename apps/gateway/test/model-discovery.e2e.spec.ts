import OpenAI from 'openai';
import { DEFAULT_EMULATOR_MODELS, startEmulator, type Emulator } from '@geminicli2api/emulator';
import { startGateway, type RunningGateway } from './support/start-gateway';
import { startOpenAIStack, type Stack } from './support/start-stack';
import { startVertexGateway, type VertexGateway } from './support/vertex-gateway';

const KEY = 'AIzaDiscoveryKey000000000000000000000001';
/** A model the emulator serves and the gateway's built-in catalog does not know. */
const NEW_MODEL = 'gemini-3.7-flash-preview';

async function openAIIds(client: OpenAI): Promise<string[]> {
  const ids: string[] = [];
  for await (const model of client.models.list()) ids.push(model.id);
  return ids;
}

async function geminiNames(gateway: { url: string; password: string }): Promise<string[]> {
  const names: string[] = [];
  let token = '';
  do {
    const answer = (await (
      await fetch(`${gateway.url}/v1beta/models?pageSize=100&pageToken=${token}`, {
        headers: { 'x-goog-api-key': gateway.password },
      })
    ).json()) as { models: { name: string }[]; nextPageToken?: string };
    names.push(...answer.models.map((model) => model.name.replace(/^models\//, '')));
    token = answer.nextPageToken ?? '';
  } while (token !== '');
  return names;
}

describe('model discovery on the Gemini API backend', () => {
  let emulator: Emulator;
  let gateway: RunningGateway;
  let client: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator({ apiKeys: [KEY], accounts: [] });
    gateway = await startGateway({
      GEMINI_API_KEY: KEY,
      GOOGLE_GEMINI_BASE_URL: emulator.url,
      MODEL_DISCOVERY_INTERVAL_MS: '60000',
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.close();
  });

  it('lists a model Google lists and the catalog does not know, and chats with it', async () => {
    const ids = await openAIIds(client);
    expect(ids).toEqual(expect.arrayContaining([NEW_MODEL, `${NEW_MODEL}-nothinking`]));
    expect(ids).toEqual(expect.arrayContaining(['gemini-2.5-pro', 'gemini-embedding-001']));
    const list = emulator.requests.find((request) => request.path === '/v1beta/models');
    expect(list?.headers['x-goog-api-key']).toBe(KEY);
    const completion = await client.chat.completions.create({
      model: NEW_MODEL,
      messages: [{ role: 'user', content: 'hello new model' }],
    });
    expect(completion.model).toBe(NEW_MODEL);
    expect(completion.choices[0]?.message.content).toBe('Echo: hello new model');
    expect(emulator.requests.at(-1)?.path).toBe(`/v1beta/models/${NEW_MODEL}:generateContent`);
  });

  it('shows the same models on the OpenAI and the Gemini lists', async () => {
    const ids = await openAIIds(client);
    const names = await geminiNames(gateway);
    expect(new Set(names)).toEqual(new Set(ids));
  });

  it('describes a discovered model with Google limits and the catalog thinking rules', async () => {
    const { status, body } = await gateway.getJson(`/v1beta/models/${NEW_MODEL}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: `models/${NEW_MODEL}`, thinking: true });
  });
});

describe('model discovery: the list is read again every MODEL_DISCOVERY_INTERVAL_MS', () => {
  /** The emulator's model list; the test adds to it as Google launches a model. */
  const upstreamModels = [...DEFAULT_EMULATOR_MODELS];
  const LAUNCHED = 'gemini-3.9-flash-preview';
  let emulator: Emulator;
  let gateway: RunningGateway;
  let client: OpenAI;

  beforeAll(async () => {
    emulator = await startEmulator({ apiKeys: [KEY], accounts: [], models: upstreamModels });
    gateway = await startGateway({
      GEMINI_API_KEY: KEY,
      GOOGLE_GEMINI_BASE_URL: emulator.url,
      MODEL_DISCOVERY_INTERVAL_MS: '200',
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.close();
  });

  it('lists a model Google launches while the gateway runs, on every list, and serves it', async () => {
    expect(await openAIIds(client)).not.toContain(LAUNCHED);
    upstreamModels.push(LAUNCHED);
    const deadline = Date.now() + 5_000;
    while (!(await openAIIds(client)).includes(LAUNCHED) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const ids = await openAIIds(client);
    expect(ids).toContain(LAUNCHED);
    expect(new Set(await geminiNames(gateway))).toEqual(new Set(ids));
    const anthropic = (await (
      await fetch(`${gateway.url}/v1/models?limit=1000`, {
        headers: { authorization: `Bearer ${gateway.password}`, 'anthropic-version': '2023-06-01' },
      })
    ).json()) as { data: { id: string }[]; has_more: boolean };
    expect(anthropic.has_more).toBe(false);
    expect(anthropic.data.map((model) => model.id)).toEqual(ids);
    const completion = await client.chat.completions.create({
      model: LAUNCHED,
      messages: [{ role: 'user', content: 'just launched' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: just launched');
    const reads = emulator.requests.filter((request) => request.path === '/v1beta/models');
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });
});

describe('model discovery on Vertex AI', () => {
  let vertex: VertexGateway;
  let emulator: Emulator;
  let gateway: RunningGateway;
  let client: OpenAI;

  beforeAll(async () => {
    vertex = await startVertexGateway('adc-discovery', {
      MODEL_DISCOVERY_INTERVAL_MS: '60000',
    });
    ({ emulator, gateway } = vertex);
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 });
  });
  afterAll(() => vertex.close());

  it('lists the publisher models and serves the one the catalog did not know', async () => {
    expect(await openAIIds(client)).toContain(NEW_MODEL);
    const list = emulator.requests.find(
      (request) => request.path === '/v1beta1/publishers/google/models',
    );
    expect(list?.headers['authorization']).toMatch(/^Bearer /);
    const completion = await client.chat.completions.create({
      model: NEW_MODEL,
      messages: [{ role: 'user', content: 'vertex new' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: vertex new');
  });
});

describe('Code Assist: current CLI models, and unknown gemini-* ids tried upstream', () => {
  let stack: Stack;
  let client: OpenAI;

  beforeAll(async () => {
    ({ stack, client } = await startOpenAIStack());
  });
  afterAll(() => stack.close());

  it('lists and serves gemini-3.5-flash-lite, which the Gemini CLI router asks for', async () => {
    expect(await openAIIds(client)).toContain('gemini-3.5-flash-lite');
    const completion = await client.chat.completions.create({
      model: 'gemini-3.5-flash-lite',
      messages: [{ role: 'user', content: 'route me' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: route me');
  });

  it('tries an unknown gemini-* id upstream instead of refusing it', async () => {
    const completion = await client.chat.completions.create({
      model: NEW_MODEL,
      messages: [{ role: 'user', content: 'unknown but real' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: unknown but real');
    expect((stack.emulator.requests.at(-1)?.body as { model: string }).model).toBe(NEW_MODEL);
  });

  it("turns Google's 404 for an unknown id into a 404 on model with suggestions", async () => {
    const error = (await client.chat.completions
      .create({ model: 'gemini-9.9-flash', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught)) as { status: number; param: string; message: string };
    expect(error.status).toBe(404);
    expect(error.param).toBe('model');
    expect(error.message).toMatch(/The model "gemini-9.9-flash" does not exist\. Did you mean: /);
    expect(error.message).toContain('Google answered:');
    expect(error.message).toContain('; image models: gemini-3.1-flash-image, ');
    expect(error.message).toContain('; embedding models: gemini-embedding-001.');
  });

  it('still refuses a near-typo of a listed model without asking Google', async () => {
    stack.emulator.clearRequests();
    const error = (await client.chat.completions
      .create({ model: 'gemini-2.5-flsh', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught)) as { status: number; message: string };
    expect(error.status).toBe(404);
    expect(error.message).toContain('Did you mean: gemini-2.5-flash');
    expect(stack.emulator.requests).toHaveLength(0);
  });
});
