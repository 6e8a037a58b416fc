import type { GenerateContentResponse } from '@geminicli2api/protocol-gemini';
import { keyContext } from '../../test/support/key-context';
import { AbortFlag } from '../upstream/abort-flag';
import type { GeminiBackend, GenerateCall } from '../upstream/gemini-backend';
import { limitBackend } from './limited-backend';
import type { AdmitResult, RateWindows } from './rate-windows';

const ANSWER: GenerateContentResponse = {
  candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP' }],
};
const LIMITS = { id: 'key-1', models: null, rpm: 100, tpm: null, dailyTokens: null };

/** Windows whose admissions the test decides, one by one, as a slow Redis would answer. */
function slowWindows(likely: boolean) {
  const pending: ((result: AdmitResult) => void)[] = [];
  const windows: RateWindows = {
    admit: () => new Promise<AdmitResult>((resolve) => pending.push(resolve)),
    likelyAdmits: () => likely,
    record: () => undefined,
    seedDay: () => undefined,
    close: async () => undefined,
  };
  const answer = (verdict: AdmitResult['verdict']) =>
    pending.shift()?.({
      verdict,
      requests: verdict === 'ok' ? 1 : 100,
      minuteTokens: 0,
      dayTokens: 0,
      requestsFreeAt: Date.now() + 30_000,
      tokensFreeAt: 0,
    });
  return { windows, answer };
}

/** A backend that records its calls and answers when the test says. */
function slowBackend() {
  const calls: GenerateCall[] = [];
  const finish: (() => void)[] = [];
  const backend = {
    name: 'test',
    generateContent: (call: GenerateCall) => {
      calls.push(call);
      return new Promise<GenerateContentResponse>((resolve) => finish.push(() => resolve(ANSWER)));
    },
  } as unknown as GeminiBackend;
  return { backend, calls, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('limitBackend', () => {
  it('starts the upstream call while a likely admission is decided, and answers once admitted', async () => {
    const { windows, answer } = slowWindows(true);
    const { backend, calls, finish } = slowBackend();
    const { context, headers } = keyContext(LIMITS);
    const result = limitBackend(backend, windows).generateContent({
      model: 'gemini-2.5-flash',
      request: { contents: [] },
      context,
    });
    await tick();
    expect(calls).toHaveLength(1);
    finish.shift()?.();
    answer('ok');
    await expect(result).resolves.toEqual(ANSWER);
    expect(headers['x-ratelimit-remaining-requests']).toBe('99');
  });

  it('cancels the upstream call it started when the admission is refused, and answers 429', async () => {
    const { windows, answer } = slowWindows(true);
    const { backend, calls } = slowBackend();
    const result = limitBackend(backend, windows).generateContent({
      model: 'gemini-2.5-flash',
      request: { contents: [] },
      context: keyContext(LIMITS).context,
    });
    await tick();
    expect(calls[0]?.signal?.aborted).toBe(false);
    answer('rpm');
    await expect(result).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it('near a limit, calls upstream only once admitted (and never when refused)', async () => {
    const { windows, answer } = slowWindows(false);
    const { backend, calls, finish } = slowBackend();
    const limited = limitBackend(backend, windows);
    const call = { model: 'gemini-2.5-flash', request: { contents: [] } };
    const admitted = limited.generateContent({ ...call, context: keyContext(LIMITS).context });
    await tick();
    expect(calls).toHaveLength(0);
    answer('ok');
    await tick();
    expect(calls).toHaveLength(1);
    finish.shift()?.();
    await expect(admitted).resolves.toEqual(ANSWER);

    const refused = limited.generateContent({ ...call, context: keyContext(LIMITS).context });
    await tick();
    answer('rpm');
    await expect(refused).rejects.toMatchObject({ status: 429 });
    expect(calls).toHaveLength(1);
  });

  it('passes the client leaving on to an upstream call it started early', async () => {
    const { windows } = slowWindows(true);
    const { backend, calls } = slowBackend();
    const client = new AbortFlag();
    void limitBackend(backend, windows)
      .generateContent({
        model: 'gemini-2.5-flash',
        request: { contents: [] },
        context: keyContext(LIMITS).context,
        signal: client,
      })
      .catch(() => undefined);
    await tick();
    client.abort();
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it('refuses a model outside the allow-list before anything goes upstream', async () => {
    const { windows } = slowWindows(true);
    const { backend, calls } = slowBackend();
    const { context } = keyContext({ ...LIMITS, models: ['gemini-2.5-pro'] });
    await expect(
      limitBackend(backend, windows).generateContent({
        model: 'gemini-2.5-flash',
        request: { contents: [] },
        context,
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(calls).toHaveLength(0);
  });
});
