import { createModelCatalog, fitRequestToModel } from '@geminicli2api/protocol-gemini';
import { parseGeminiApiModels, parseVertexModels, readAllPages } from './direct-model-list';

/** A page of the Gemini API's `GET /v1beta/models`, as Google answers it. */
const PAGE = {
  models: [
    {
      name: 'models/gemini-4-flash',
      displayName: 'Gemini 4 Flash',
      inputTokenLimit: 2_097_152,
      outputTokenLimit: 8_192,
      supportedGenerationMethods: ['generateContent', 'countTokens'],
      thinking: true,
    },
    {
      name: 'models/gemini-embedding-002',
      inputTokenLimit: 8_192,
      outputTokenLimit: 1,
      supportedGenerationMethods: ['embedContent', 'batchEmbedContents'],
    },
    { name: 'models/aqa', supportedGenerationMethods: ['generateAnswer'] },
    { name: 'models/imagen-4.0-generate-001', supportedGenerationMethods: ['predict'] },
  ],
};

describe('reading Google model lists (discovery)', () => {
  it("describes a new model with Google's limits and name and the catalog's thinking rules", () => {
    const [flash, embedding, ...rest] = parseGeminiApiModels(PAGE);
    expect(rest).toEqual([]); // neither generates nor embeds: not listed
    expect(flash).toMatchObject({
      id: 'gemini-4-flash',
      displayName: 'Gemini 4 Flash',
      inputTokenLimit: 2_097_152,
      outputTokenLimit: 8_192,
      thinking: 'level',
      thinkingLevels: ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'],
    });
    expect(embedding).toMatchObject({ id: 'gemini-embedding-002', kind: 'embedding' });
  });

  it("fits a request to the discovered model's own output limit", () => {
    const catalog = createModelCatalog({ discovered: parseGeminiApiModels(PAGE) });
    const model = catalog.resolve('gemini-4-flash')?.model;
    if (!model) throw new Error('gemini-4-flash not in the catalog');
    const fitted = fitRequestToModel(
      { contents: [], generationConfig: { maxOutputTokens: 65_536 } },
      model,
    );
    expect(fitted.request.generationConfig?.maxOutputTokens).toBe(8_192);
    expect(fitted.warnings).toEqual(['generationConfig.maxOutputTokens']);
  });

  it('keeps Gemini and text embedding models of a Vertex publisher list, nothing else', () => {
    const ids = parseVertexModels({
      publisherModels: [
        { name: 'publishers/google/models/gemini-4-flash' },
        { name: 'publishers/google/models/text-embedding-005' },
        { name: 'publishers/google/models/imagen-4.0-generate-001' },
        { name: 'publishers/google/models/chirp-2' },
      ],
    }).map((model) => model.id);
    expect(ids).toEqual(['gemini-4-flash', 'text-embedding-005']);
  });

  it('follows nextPageToken through every page', async () => {
    const tokens: (string | undefined)[] = [];
    const pages: Record<string, unknown> = {
      '': { models: [PAGE.models[0]], nextPageToken: 'b' },
      b: { models: [PAGE.models[1]] },
    };
    const models = await readAllPages(async (token) => {
      tokens.push(token);
      return pages[token ?? ''];
    }, parseGeminiApiModels);
    expect(tokens).toEqual([undefined, 'b']);
    expect(models.map((model) => model.id)).toEqual(['gemini-4-flash', 'gemini-embedding-002']);
  });
});
