import { defineConfig } from 'tsup';
import { libraryPreset } from '../../tools/scripts/tsup-presets';

// Two entry points, `.` (the public API) and `./internal` (docs/library.md). Code splitting in
// both formats, so the two share one copy of every class (`instanceof TranslationError` holds
// whichever entry point made the error). `treeshake` makes rollup split the CommonJS build;
// without it tsup converts esbuild's split ES modules to CommonJS with sucrase, which also
// rewrote every `?.` into calls of an `_optionalChain` helper (closures per access: a slower
// translator for every `require()` user).
export default defineConfig({
  ...libraryPreset,
  entry: ['src/index.ts', 'src/internal.ts'],
  splitting: true,
  treeshake: true,
});
