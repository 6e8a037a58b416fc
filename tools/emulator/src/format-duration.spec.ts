import { formatGoDuration, formatProtoDuration } from './format-duration';

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [0.539477544, '539.477544ms'],
    [12, '12s'],
    [61, '1m1s'],
    [3600, '1h0m0s'],
    [581981.3, '161h39m41.3s'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatGoDuration(seconds)).toBe(text);
  });
});

describe('formatProtoDuration', () => {
  it.each([
    [12, '12s'],
    [0.5, '0.5s'],
    [-3, '0s'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatProtoDuration(seconds)).toBe(text);
  });
});
