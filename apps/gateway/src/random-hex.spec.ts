import { randomHex } from './random-hex';

describe('randomHex', () => {
  it('gives ids of the asked length that do not repeat across many pool refills', () => {
    const ids = Array.from({ length: 2_000 }, () => randomHex(24));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{48}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves sizes larger than its pool', () => {
    expect(randomHex(5_000)).toMatch(/^[0-9a-f]{10000}$/);
  });
});
