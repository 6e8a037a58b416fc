/** A model in the Gemini API's `models` list shape, as the emulator describes its ids. */
export function describeEmulatorModel(id: string): Record<string, unknown> {
  const embedding = id.includes('embedding');
  const image = /-image(-|$)/.test(id);
  return {
    name: `models/${id}`,
    version: '001',
    displayName: id,
    description: `${id} (emulator)`,
    inputTokenLimit: embedding ? 2048 : image ? 65_536 : 1_048_576,
    outputTokenLimit: embedding ? 1 : image ? 32_768 : 65_536,
    supportedGenerationMethods: embedding
      ? ['embedContent', 'batchEmbedContents', 'countTextTokens']
      : ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    ...(embedding || image
      ? {}
      : { temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true }),
  };
}
