import OpenAI, { InternalServerError } from 'openai';
import { startStack, type Stack } from './support/start-stack';

describe('a gateway started without any credentials', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ withoutCredentials: true });
  });
  afterAll(() => stack.close());

  it('still starts: /health answers and says why API calls will fail', async () => {
    const response = await fetch(`${stack.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', backend: 'no-credentials' });
  });

  it('answers OpenAI calls with a 503 that says exactly how to provide credentials', async () => {
    const client = new OpenAI({
      baseURL: `${stack.url}/v1`,
      apiKey: stack.password,
      maxRetries: 0,
    });
    const error = await client.chat.completions
      .create({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    const apiError = error as InternalServerError;
    expect(apiError.status).toBe(503);
    for (const hint of [
      'GEMINI_CREDENTIALS',
      'GOOGLE_APPLICATION_CREDENTIALS',
      'oauth_creds.json',
      'GEMINI_API_KEY',
    ]) {
      expect(apiError.message).toContain(hint);
    }
  });

  it('answers native Gemini calls with the same advice in Google’s error shape', async () => {
    const response = await fetch(`${stack.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': stack.password, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      error: { code: number; status: string; message: string };
    };
    expect(body.error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
    expect(body.error.message).toContain('GEMINI_CREDENTIALS');
  });
});
