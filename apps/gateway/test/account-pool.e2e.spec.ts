import OpenAI from 'openai';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { writeAccountDir } from './support/account-files';
import { startGateway, type RunningGateway } from './support/start-gateway';
import { streamedChatText } from './support/start-stack';

interface StatusBody {
  backend: string;
  accounts: {
    label: string;
    state: string;
    project: string | null;
    tier: string | null;
    cooldowns: { model: string; terminal: boolean }[];
    counters: Record<string, number>;
  }[];
}

async function chat(
  client: OpenAI,
  model: string,
  content: string,
  stream: boolean,
): Promise<string> {
  if (!stream)
    return (
      (await client.chat.completions.create({ model, messages: [{ role: 'user', content }] }))
        .choices[0]?.message.content ?? ''
    );
  return streamedChatText(client, model, content);
}

describe('several Code Assist accounts (GEMINI_CREDENTIALS_DIR)', () => {
  let emulator: Emulator;
  let gateway: RunningGateway;
  let client: OpenAI;
  const generateCalls = (account: string) =>
    emulator.requests.filter(
      (request) => request.account === account && /generateContent/i.test(request.path),
    ).length;

  beforeEach(async () => {
    emulator = await startEmulator({
      accounts: [
        { refreshToken: 'acct-a', project: 'project-a', tier: 'standard-tier' },
        { refreshToken: 'acct-b', project: 'project-b', tier: 'free-tier' },
      ],
    });
    const dir = await writeAccountDir(emulator.tokenUrl, ['acct-a', 'acct-b']);
    gateway = await startGateway({
      GEMINI_CREDENTIALS_DIR: dir,
      CODE_ASSIST_ENDPOINT: emulator.url,
      GEMINI_ACCOUNT_SELECTION: 'fill-first',
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 });
  });
  afterEach(async () => {
    await gateway.close();
    await emulator.close();
  });

  it.each([false, true])(
    'moves a request hit by a 429 QUOTA_EXHAUSTED to the next account (stream: %s)',
    async (stream) => {
      emulator.script({
        kind: 'rate-limit',
        reason: 'QUOTA_EXHAUSTED',
        retryDelaySeconds: 3600,
        match: { account: 'acct-a', method: stream ? 'streamGenerateContent' : 'generateContent' },
      });
      expect(await chat(client, 'gemini-2.5-pro', 'survive the quota', stream)).toBe(
        'Echo: survive the quota',
      );
      expect(generateCalls('acct-a')).toBe(1);
      expect(generateCalls('acct-b')).toBe(1);
      // The exhausted account is parked for that model: the next request goes straight to B.
      expect(await chat(client, 'gemini-2.5-pro', 'again', stream)).toBe('Echo: again');
      expect(generateCalls('acct-a')).toBe(1);
      const { body } = await gateway.getJson('/status');
      const status = body as StatusBody;
      expect(
        status.accounts.map(({ label, state, project, tier }) => ({ label, state, project, tier })),
      ).toEqual([
        { label: 'account-1.json', state: 'ready', project: 'project-a', tier: 'standard-tier' },
        { label: 'account-2.json', state: 'ready', project: 'project-b', tier: 'free-tier' },
      ]);
      expect(status.accounts[0]?.cooldowns).toEqual([
        expect.objectContaining({ model: 'gemini-2.5-pro', terminal: true }),
      ]);
      expect(status.accounts[0]?.counters).toMatchObject({ rateLimited: 1 });
      expect(status.accounts[1]?.counters).toMatchObject({ successes: 2 });
      expect(JSON.stringify(body)).not.toMatch(
        /emu-at-|expired-access-token|emulator-secret|acct-a"|acct-b"/,
      );
    },
  );

  it.each([false, true])(
    'skips an account retrieveUserQuota shows exhausted without wasting a request (stream: %s)',
    async (stream) => {
      emulator.account('acct-a').quota = { 'gemini-2.5-flash': { remainingFraction: 0 } };
      expect(await chat(client, 'gemini-2.5-flash', 'skip the empty one', stream)).toBe(
        'Echo: skip the empty one',
      );
      expect(generateCalls('acct-a')).toBe(0);
      expect(generateCalls('acct-b')).toBe(1);
      // Other models still use the first account.
      expect(await chat(client, 'gemini-2.5-pro', 'pro is fine', stream)).toBe('Echo: pro is fine');
      expect(generateCalls('acct-a')).toBe(1);
    },
  );

  it('spreads requests round-robin when asked', async () => {
    await gateway.close();
    const dir = await writeAccountDir(emulator.tokenUrl, ['acct-a', 'acct-b']);
    gateway = await startGateway({
      GEMINI_CREDENTIALS_DIR: dir,
      CODE_ASSIST_ENDPOINT: emulator.url,
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.password, maxRetries: 0 });
    for (const word of ['one', 'two', 'three', 'four'])
      await chat(client, 'gemini-2.5-flash', word, false);
    expect([generateCalls('acct-a'), generateCalls('acct-b')]).toEqual([2, 2]);
  });
});
