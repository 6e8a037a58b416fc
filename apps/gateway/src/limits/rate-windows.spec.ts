import { admitCall, formatReset } from './enforce-limits';
import { compileModelGlobs } from './model-allow-list';
import { dayOf, MemoryRateWindows } from './rate-windows';
import { keyContext as contextFor } from '../../test/support/key-context';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);

describe('model allow-lists', () => {
  it('match globs case-insensitively, with or without the models/ prefix, and nothing else', () => {
    const allows = compileModelGlobs(['gemini-2.5-*', 'claude-?-opus']);
    expect(allows('gemini-2.5-flash')).toBe(true);
    expect(allows('models/Gemini-2.5-PRO')).toBe(true);
    expect(allows('claude-4-opus')).toBe(true);
    expect(allows('claude-45-opus')).toBe(false);
    expect(allows('gemini-2.0-flash')).toBe(false);
    expect(allows('xgemini-2.5-flash')).toBe(false);
  });
});

describe('memory rate windows', () => {
  it('admit rpm requests per sliding minute, then refuse until the oldest leaves it', async () => {
    const windows = new MemoryRateWindows();
    const limits = { rpm: 3, tpm: null, dailyTokens: null };
    for (let index = 0; index < 3; index++)
      expect(windows.admit('k', limits, T0 + index * 1000).verdict).toBe('ok');
    const refused = windows.admit('k', limits, T0 + 30_000);
    expect(refused).toMatchObject({ verdict: 'rpm', requests: 3, requestsFreeAt: T0 + 60_000 });
    expect(windows.admit('k', limits, T0 + 60_001).verdict).toBe('ok');
    expect(windows.admit('other', limits, T0 + 30_000).verdict).toBe('ok');
  });

  it('count tokens per minute and per UTC day', () => {
    const windows = new MemoryRateWindows();
    const limits = { rpm: null, tpm: 100, dailyTokens: 250 };
    windows.record('k', 100, T0);
    expect(windows.admit('k', limits, T0 + 1).verdict).toBe('tpm');
    windows.record('k', 100, T0 + 61_000);
    windows.record('k', 60, T0 + 125_000);
    expect(windows.admit('k', limits, T0 + 190_000).verdict).toBe('daily');
    // The next UTC day starts at 0.
    expect(windows.admit('k', limits, Date.UTC(2030, 0, 2, 0, 0, 1)).verdict).toBe('ok');
  });
});

describe('admitCall', () => {
  it('sets OpenAI rate-limit headers on admitted calls and throws a 429 with Retry-After past the limit', async () => {
    const windows = new MemoryRateWindows();
    const { context, headers } = contextFor({
      id: 'k',
      models: null,
      rpm: 2,
      tpm: 1000,
      dailyTokens: null,
    });
    await admitCall(windows, context, 'gemini-2.5-flash', T0);
    expect(headers).toEqual({
      'x-ratelimit-limit-requests': '2',
      'x-ratelimit-remaining-requests': '1',
      'x-ratelimit-reset-requests': '1m0s',
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '1000',
      'x-ratelimit-reset-tokens': '0s',
    });
    await admitCall(windows, context, 'gemini-2.5-flash', T0 + 10_000);
    const error = await admitCall(windows, context, 'gemini-2.5-flash', T0 + 20_000).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((error as { headers: Record<string, string> }).headers).toMatchObject({
      'retry-after': '40',
      'x-ratelimit-remaining-requests': '0',
    });
  });

  it('refuses a model outside the allow-list with a 403 naming the allowed ones', async () => {
    const { context } = contextFor({
      id: 'k',
      models: ['gemini-2.5-flash'],
      rpm: null,
      tpm: null,
      dailyTokens: null,
    });
    await expect(
      admitCall(new MemoryRateWindows(), context, 'gemini-2.5-pro', T0),
    ).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Allowed models: gemini-2.5-flash.'),
    });
  });

  it('formats resets like OpenAI', () => {
    expect(formatReset(0)).toBe('0s');
    expect(formatReset(1500)).toBe('2s');
    expect(formatReset(61_000)).toBe('1m1s');
    expect(formatReset(3_726_000)).toBe('1h2m6s');
  });
});

describe('dayOf', () => {
  it('names the UTC day of an instant, on both sides of midnight and back again', () => {
    const midnight = Date.UTC(2030, 0, 2);
    expect(dayOf(midnight - 1)).toBe('20300101');
    expect(dayOf(midnight)).toBe('20300102');
    expect(dayOf(midnight - 1)).toBe('20300101');
    expect(dayOf(Date.UTC(2031, 11, 31, 23, 59, 59))).toBe('20311231');
  });
});
