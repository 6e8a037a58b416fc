import { formatSpread, percentOf, spread, truncated } from './stats';

describe('figures compared with a target', () => {
  it('never show the target they missed', () => {
    // 1 215.7 req/s of an ideal 1 280 is 94.98 %: rounded, it read "95.0 %" next to "NOT met".
    expect(percentOf(1215.7, 1280)).toBe('94.9 %');
    expect(percentOf(1216, 1280)).toBe('95.0 %');
    expect(truncated(0.4972, 2)).toBe('0.49');
    expect(formatSpread(spread([255.6, 240.2, 251]), 0)).toBe('240 / 251 / 255');
  });

  it('keep values that are exact at their precision', () => {
    expect(truncated(0.57, 2)).toBe('0.57');
    expect(truncated(0.5, 2)).toBe('0.50');
    expect(percentOf(0.95, 1)).toBe('95.0 %');
    expect(truncated(2479, 0)).toBe('2479');
    expect(truncated(Number.NaN, 1)).toBe('NaN');
  });
});

describe('spread', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even one', () => {
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
  });
});
