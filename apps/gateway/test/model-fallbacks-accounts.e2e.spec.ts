import OpenAI from 'openai';
import { startEmulator } from '@geminicli2api/emulator';
import { writeAccountDir } from './support/account-files';
import { startGateway } from './support/start-gateway';

describe('MODEL_FALLBACKS with two accounts: the next model only once every account is exhausted', () => {
  it('serves the primary from the account with quota left, then falls back when both are out', async () => {
    const emulator = await startEmulator({
      accounts: [
        { refreshToken: 'acct-a', project: 'project-a' },
        { refreshToken: 'acct-b', project: 'project-b' },
      ],
    });
    const gateway = await startGateway({
      GEMINI_CREDENTIALS_DIR: await writeAccountDir(emulator.tokenUrl, ['acct-a', 'acct-b']),
      CODE_ASSIST_ENDPOINT: emulator.url,
      GEMINI_ACCOUNT_SELECTION: 'fill-first',
      MODEL_FALLBACKS: 'gemini-3.1-pro-preview>gemini-2.5-pro',
      UPSTREAM_RETRY_BASE_DELAY_MS: '0',
    });
    try {
      const openai = new OpenAI({
        baseURL: `${gateway.url}/v1`,
        apiKey: gateway.password,
        maxRetries: 0,
      });
      const ask = () =>
        openai.chat.completions
          .create({ model: 'gemini-3.1-pro-preview', messages: [{ role: 'user', content: 'x' }] })
          .withResponse();
      const exhausted = { 'gemini-3.1-pro-preview': { remainingFraction: 0 } };
      emulator.account('acct-a').quota = exhausted;
      const first = await ask();
      expect(first.data.model).toBe('gemini-3.1-pro-preview');
      expect(first.response.headers.get('x-geminicli2api-fallback')).toBeNull();
      const served = emulator.requests.filter((entry) => /generateContent$/i.test(entry.path));
      expect(served.at(-1)?.account).toBe('acct-b');
      emulator.account('acct-b').quota = exhausted;
      const second = await ask();
      expect(second.data.model).toBe('gemini-2.5-pro');
      expect(second.response.headers.get('x-geminicli2api-fallback')).toBe(
        'gemini-3.1-pro-preview>gemini-2.5-pro',
      );
    } finally {
      await gateway.close();
      await emulator.close();
    }
  });
});

describe('MODEL_FALLBACKS on the Gemini API backend: the next model once the key is exhausted', () => {
  it('serves the second model when Google answers 429 QUOTA_EXHAUSTED for the primary on the key', async () => {
    const KEY = 'AIzaFallbackKey0000000000000000000000001';
    const emulator = await startEmulator({ apiKeys: [KEY], accounts: [] });
    const gateway = await startGateway({
      GEMINI_API_KEY: KEY,
      GOOGLE_GEMINI_BASE_URL: emulator.url,
      MODEL_FALLBACKS: 'gemini-3.1-pro-preview>gemini-2.5-pro',
      UPSTREAM_RETRY_BASE_DELAY_MS: '0',
    });
    try {
      emulator.script({
        kind: 'rate-limit',
        reason: 'QUOTA_EXHAUSTED',
        retryDelaySeconds: 3600,
        match: { model: 'gemini-3.1-pro-preview' },
        times: Infinity,
      });
      const openai = new OpenAI({
        baseURL: `${gateway.url}/v1`,
        apiKey: gateway.password,
        maxRetries: 0,
      });
      const { data, response } = await openai.chat.completions
        .create({ model: 'gemini-3.1-pro-preview', messages: [{ role: 'user', content: 'key' }] })
        .withResponse();
      expect(data.choices[0]?.message.content).toBe('Echo: key');
      expect(data.model).toBe('gemini-2.5-pro');
      expect(response.headers.get('x-geminicli2api-fallback')).toBe(
        'gemini-3.1-pro-preview>gemini-2.5-pro',
      );
      expect(emulator.requests.at(-1)?.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
    } finally {
      await gateway.close();
      await emulator.close();
    }
  });
});
