import { createModelCatalog, editDistance } from './create-model-catalog';
import { describeGeminiModel } from './model-catalog';
import { splitModelVariant } from './model-variants';

describe('createModelCatalog', () => {
  const catalog = createModelCatalog({
    extraModels: ['gemini-2.5-flash-preview-09-2025', 'gemma-4-31b-it'],
    aliases: { pro: 'gemini-2.5-pro', quick: 'gemini-3-flash-preview-nothinking' },
  });

  it.each([
    ['gemini-2.5-flash', 'gemini-2.5-flash', false, 'default'],
    ['models/gemini-2.5-pro', 'gemini-2.5-pro', false, 'default'],
    ['gemini-2.5-flash-search', 'gemini-2.5-flash', true, 'default'],
    ['gemini-2.5-flash-nothinking', 'gemini-2.5-flash', false, 'off'],
    ['gemini-3-pro-preview-maxthinking', 'gemini-3-pro-preview', false, 'max'],
    ['gemini-2.5-pro-search-nothinking', 'gemini-2.5-pro', true, 'off'],
    ['gemini-2.5-pro-nothinking-search', 'gemini-2.5-pro', true, 'off'],
    [
      'gemini-2.5-flash-preview-09-2025-search',
      'gemini-2.5-flash-preview-09-2025',
      true,
      'default',
    ],
    ['pro', 'gemini-2.5-pro', false, 'default'],
    ['pro-search', 'gemini-2.5-pro', true, 'default'],
    ['quick', 'gemini-3-flash-preview', false, 'off'],
    ['quick-search-maxthinking', 'gemini-3-flash-preview', true, 'max'],
  ])('resolves %s', (name, id, search, thinking) => {
    const resolved = catalog.resolve(name);
    expect(resolved?.model.id).toBe(id);
    expect(resolved?.variant).toEqual({ search, thinking });
  });

  it.each([
    'gemini-2.5-flash-nothinking-maxthinking',
    'gemini-2.5-flash-search-search',
    'gpt-4o',
    'gemini-9-ultra',
    '',
  ])('does not resolve %j', (name) => {
    expect(catalog.resolve(name)).toBeUndefined();
  });

  it('lists every model with its variants, thinking variants only where thinking is controllable', () => {
    const names = catalog.list().map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'gemini-2.5-flash',
        'gemini-2.5-flash-search',
        'gemini-2.5-flash-nothinking',
        'gemini-2.5-flash-maxthinking',
        'gemini-2.5-flash-search-nothinking',
        'gemini-2.5-flash-search-maxthinking',
        'gemini-3.1-pro-preview-search-maxthinking',
        'gemma-4-31b-it-search',
      ]),
    );
    expect(names).not.toContain('gemma-4-31b-it-nothinking');
    expect(new Set(names).size).toBe(names.length);
  });

  it('suggests close names for typos', () => {
    expect(catalog.suggest('gemini-2.5-flsh')[0]).toBe('gemini-2.5-flash');
    expect(catalog.suggest('models/gemini-3-pro')).toContain('gemini-3-pro-preview');
    expect(catalog.suggest('completely-different-thing-xyz')).toEqual([]);
  });

  it('rejects aliases that shadow a model or point nowhere', () => {
    expect(() => createModelCatalog({ aliases: { 'gemini-2.5-pro': 'gemini-2.5-flash' } })).toThrow(
      /has the name of a model/,
    );
    expect(() => createModelCatalog({ aliases: { fast: 'gemini-9' } })).toThrow(
      /"fast" points to unknown model "gemini-9"/,
    );
  });
});

describe('describeGeminiModel', () => {
  it.each([
    [
      'gemini-2.5-pro',
      { thinking: 'budget', thinkingBudget: { min: 128, max: 32768, canDisable: false } },
    ],
    [
      'gemini-2.5-flash',
      { thinking: 'budget', thinkingBudget: { min: 1, max: 24576, canDisable: true } },
    ],
    [
      'gemini-2.5-flash-lite',
      { thinking: 'budget', thinkingBudget: { min: 512, max: 24576, canDisable: true } },
    ],
    ['gemini-3-pro-preview', { thinking: 'level', thinkingLevels: ['LOW', 'HIGH'] }],
    ['gemini-3.1-pro-preview', { thinking: 'level', thinkingLevels: ['LOW', 'MEDIUM', 'HIGH'] }],
    [
      'gemini-3-flash-preview',
      { thinking: 'level', thinkingLevels: ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'] },
    ],
    ['gemma-4-31b-it', { thinking: 'none' }],
  ])('knows the thinking control of %s', (id, expected) => {
    expect(describeGeminiModel(id)).toMatchObject(expected);
  });

  it.each([
    ['gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite'],
    ['gemini-3-pro-preview', 'Gemini 3 Pro Preview'],
    ['gemini-3.1-pro-preview-customtools', 'Gemini 3.1 Pro Preview (Custom Tools)'],
  ])('names %s %j', (id, name) => {
    expect(describeGeminiModel(id).displayName).toBe(name);
  });
});

describe('splitModelVariant and editDistance', () => {
  it('keeps a name that is only a suffix', () => {
    expect(splitModelVariant('-search')).toEqual({
      base: '-search',
      variant: { search: false, thinking: 'default' },
    });
  });
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('distance(%s, %s) = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});
