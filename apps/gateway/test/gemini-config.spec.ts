import { ConfigError, loadConfig } from '../src/config';
import { catalogFromConfig } from '../src/models/catalog-from-config';

describe('model catalog configuration', () => {
  it('reads extra ids and aliases', () => {
    const config = loadConfig({
      GEMINI_EXTRA_MODELS: ' gemini-2.5-flash-preview-09-2025 , gemma-4-31b-it',
      GEMINI_MODEL_ALIASES: 'fast=gemini-2.5-flash-nothinking,pro=gemini-2.5-pro',
    });
    expect(config.models).toEqual({
      extraIds: ['gemini-2.5-flash-preview-09-2025', 'gemma-4-31b-it'],
      aliases: { fast: 'gemini-2.5-flash-nothinking', pro: 'gemini-2.5-pro' },
    });
    const catalog = catalogFromConfig(config);
    expect(catalog.resolve('fast')?.model.id).toBe('gemini-2.5-flash');
    expect(catalog.resolve('gemma-4-31b-it-search')?.variant.search).toBe(true);
  });

  it.each([
    [
      { GEMINI_MODEL_ALIASES: 'fast:gemini-2.5-flash' },
      /GEMINI_MODEL_ALIASES: must look like alias=model/,
    ],
    [{ GEMINI_EXTRA_MODELS: 'bad id!' }, /GEMINI_EXTRA_MODELS: must be model ids/],
  ])('rejects malformed values %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('rejects an alias to an unknown model at start, naming it', () => {
    const config = loadConfig({ GEMINI_MODEL_ALIASES: 'fast=gemini-9-flash' });
    expect(() => catalogFromConfig(config)).toThrow(ConfigError);
    expect(() => catalogFromConfig(config)).toThrow(
      /GEMINI_MODEL_ALIASES: alias "fast" points to unknown model "gemini-9-flash"/,
    );
  });
});
