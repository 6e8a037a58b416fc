import { createModelCatalog } from './create-model-catalog';
import { describeGeminiModel, modelKindOf } from './model-catalog';

describe('model kinds, discovered and unlisted models', () => {
  it.each([
    ['gemini-embedding-001', 'embedding'],
    ['text-embedding-004', 'embedding'],
    ['gemini-3-pro-image', 'image'],
    ['gemini-2.5-flash-image-preview', 'image'],
    ['gemini-3.5-flash-lite', 'text'],
  ])('%s is a %s model', (id, kind) => {
    expect(modelKindOf(id)).toBe(kind);
  });

  it('lists the current Gemini CLI, image and embedding models, variants only for text models', () => {
    const names = createModelCatalog()
      .list()
      .map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'gemini-3.5-flash-lite',
        'gemini-3.5-flash-lite-nothinking',
        'gemini-3.1-flash-image',
        'gemini-3-pro-image',
        'gemini-2.5-flash-image',
        'gemini-embedding-001',
      ]),
    );
    expect(names.filter((name) => name.startsWith('gemini-embedding-001'))).toEqual([
      'gemini-embedding-001',
    ]);
    expect(names.filter((name) => name.startsWith('gemini-3-pro-image'))).toEqual([
      'gemini-3-pro-image',
    ]);
  });

  it('adds discovered models after the built-in ones, keeping the catalog entry of a known id', () => {
    const catalog = createModelCatalog({
      discovered: [
        { ...describeGeminiModel('gemini-3.7-flash'), inputTokenLimit: 2_000_000 },
        { ...describeGeminiModel('gemini-2.5-pro'), outputTokenLimit: 1 },
      ],
    });
    expect(catalog.models.at(-1)).toMatchObject({ id: 'gemini-3.7-flash', thinking: 'level' });
    expect(catalog.resolve('gemini-3.7-flash-nothinking')?.variant.thinking).toBe('off');
    expect(catalog.resolve('gemini-2.5-pro')?.model.outputTokenLimit).toBe(65_536);
  });

  it('resolves an unlisted id only when accepted, flagged as such', () => {
    const strict = createModelCatalog();
    const open = createModelCatalog({ acceptUnlisted: (id) => id.startsWith('gemini-') });
    expect(strict.resolve('gemini-9-ultra')).toBeUndefined();
    expect(open.resolve('gemini-9-ultra-search')).toMatchObject({
      name: 'gemini-9-ultra-search',
      model: { id: 'gemini-9-ultra', thinking: 'level' },
      variant: { search: true },
      unlisted: true,
    });
    expect(open.resolve('gemini-2.5-pro')?.unlisted).toBeUndefined();
    expect(open.resolve('gpt-9')).toBeUndefined();
    // A typo of a listed model (same version numbers, ≤ 2 edits) is not sent upstream.
    expect(open.resolve('gemini-2.5-flsh')).toBeUndefined();
    expect(open.resolve('gemini-3.6-flash')?.unlisted).toBe(true);
    // An alias may point at a model Google serves before the catalog lists it.
    const aliased = createModelCatalog({
      acceptUnlisted: (id) => id.startsWith('gemini-'),
      aliasRules: [{ pattern: 'claude-*', target: 'gemini-3.7-flash' }],
    });
    expect(aliased.resolve('claude-opus-9')).toMatchObject({
      name: 'claude-opus-9',
      model: { id: 'gemini-3.7-flash' },
    });
    expect(() =>
      createModelCatalog({ aliasRules: [{ pattern: 'claude-*', target: 'gemini-3.7-flash' }] }),
    ).toThrow('points to unknown model');
  });
});
