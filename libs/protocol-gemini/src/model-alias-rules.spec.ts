import { createModelCatalog } from './create-model-catalog';
import { createAliasMatcher, DEFAULT_MODEL_ALIASES } from './model-alias-rules';

describe('alias rules', () => {
  it('matches globs case-insensitively, an exact pattern before any glob', () => {
    const match = createAliasMatcher([
      { pattern: 'claude-*', target: 'a' },
      { pattern: 'claude-opus-5-5', target: 'b' },
      { pattern: 'gpt-4.1*', target: 'c' },
    ]);
    expect(match('Claude-Opus-5-5')?.target).toBe('b');
    expect(match('claude-sonnet-5')?.target).toBe('a');
    expect(match('gpt-4.1-mini')?.target).toBe('c');
    expect(match('gpt-401')).toBeUndefined();
    expect(match('xclaude-opus')).toBeUndefined();
  });

  describe('in the catalog', () => {
    it.each([
      ['claude-opus-5-5', 'gemini-3.1-pro-preview'],
      ['claude-3-opus-20240229', 'gemini-3.1-pro-preview'],
      ['claude-sonnet-4-5-20250929', 'gemini-3.5-flash'],
      ['claude-haiku-4-5', 'gemini-2.5-flash'],
      ['claude-next-thing', 'gemini-3.5-flash'],
    ])('serves the Claude id %s with %s by default', (name, id) => {
      const resolved = createModelCatalog().resolve(name);
      expect(resolved).toMatchObject({ name, model: { id } });
    });

    it('lets user rules win over the defaults and over model ids, keeping the asked name', () => {
      const catalog = createModelCatalog({
        aliasRules: [
          { pattern: 'claude-*haiku*', target: 'gemini-2.5-flash-lite' },
          { pattern: 'gemini-2.5-pro', target: 'gemini-3.1-pro-preview' },
          { pattern: 'gpt-*', target: 'gemini-2.5-flash-nothinking' },
        ],
      });
      expect(catalog.resolve('claude-haiku-4-5')?.model.id).toBe('gemini-2.5-flash-lite');
      expect(catalog.resolve('claude-opus-5-5')?.model.id).toBe('gemini-3.1-pro-preview');
      expect(catalog.resolve('models/gemini-2.5-pro')).toMatchObject({
        name: 'gemini-2.5-pro',
        model: { id: 'gemini-3.1-pro-preview' },
      });
      expect(catalog.resolve('gpt-4o')?.variant).toEqual({ search: false, thinking: 'off' });
      expect(catalog.resolve('gpt-4o-search')?.variant).toEqual({ search: true, thinking: 'off' });
    });

    it('refuses a rule whose target does not resolve, naming it', () => {
      expect(() =>
        createModelCatalog({ aliasRules: [{ pattern: 'x-*', target: 'gemini-9' }] }),
      ).toThrow('alias "x-*" points to unknown model "gemini-9"');
    });

    it('every default target is a built-in model', () => {
      const catalog = createModelCatalog({ defaultAliasRules: [] });
      for (const rule of DEFAULT_MODEL_ALIASES) expect(catalog.resolve(rule.target)).toBeDefined();
      expect(catalog.resolve('claude-opus-5-5')).toBeUndefined();
    });
  });
});
