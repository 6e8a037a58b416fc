/** Default dimensions of the emulator's embedding models. */
export function defaultDimensions(model: string): number {
  return model.startsWith('gemini-embedding') ? 3072 : 768;
}

/**
 * A deterministic unit vector for a text: the same text always gives the same vector, different
 * texts different ones (a seeded xorshift generator, normalised).
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  let seed = 2166136261;
  for (const char of text) seed = Math.imul(seed ^ char.charCodeAt(0), 16777619) >>> 0;
  if (seed === 0) seed = 1;
  const values: number[] = [];
  let norm = 0;
  for (let index = 0; index < dimensions; index++) {
    seed ^= seed << 13;
    seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    const value = seed / 0xffffffff - 0.5;
    values.push(value);
    norm += value * value;
  }
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  return values.map((value) => Math.round(value * scale * 1e6) / 1e6);
}
