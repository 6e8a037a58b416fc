import { findAccounts, summarizeAccount } from './account-summary';

describe('account summaries from /status', () => {
  it.each([
    ['a top-level accounts array', { accounts: [{ id: 'a' }] }, 1],
    ['a nested accounts array', { codeAssist: { accounts: [{ id: 'a' }, { id: 'b' }] } }, 2],
    ['a bare array', [{ id: 'a' }], 1],
    ['no accounts', { backend: 'gemini-api' }, 0],
  ])('finds %s', (_name, body, count) => {
    expect(findAccounts(body)).toHaveLength(count);
  });

  it.each([
    [
      'a ready account',
      { id: 'a', state: 'ready', tier: 'standard-tier', project: 'p', cooldowns: [] },
      { label: 'a', tier: 'standard-tier', project: 'p', problem: undefined, cooldown: undefined },
    ],
    [
      'an ineligible account',
      {
        id: 'a',
        state: 'ineligible',
        problem: 'Account a cannot use Code Assist',
        eligibility: { reason: 'UNSUPPORTED_CLIENT' },
      },
      { problem: 'UNSUPPORTED_CLIENT; Account a cannot use Code Assist' },
    ],
    [
      'an account needing a new login',
      { id: 'a', state: 'relogin-required' },
      { problem: 'state relogin-required' },
    ],
    [
      'a cooling-down account',
      {
        id: 'a',
        state: 'ready',
        cooldowns: [{ model: 'gemini-2.5-pro', until: '2099-01-01T00:00:00Z' }],
      },
      {
        problem: undefined,
        cooldown: 'cooling down for gemini-2.5-pro until 2099-01-01T00:00:00Z',
      },
    ],
    [
      'an exhausted quota',
      { id: 'a', quota: { buckets: [{ model: 'gemini-2.5-pro', remainingFraction: 0 }] } },
      { cooldown: 'quota exhausted for gemini-2.5-pro' },
    ],
    [
      'a transiently failing account',
      { id: 'a', state: 'failing', problem: 'token endpoint unreachable' },
      { problem: undefined, cooldown: 'state failing: token endpoint unreachable' },
    ],
  ])('reads %s', (_name, entry, expected) => {
    expect(summarizeAccount(entry, 0)).toMatchObject(expected);
  });
});
