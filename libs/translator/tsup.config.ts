import { defineConfig } from 'tsup';
import { libraryPreset } from '../../tools/scripts/tsup-presets';

// Two entry points, `.` (the public API) and `./internal` (docs/library.md). Code splitting in
// both formats, so the two share one copy of every class (`instanceof TranslationError` holds
// whichever entry point made the error).
export default defineConfig({
  ...libraryPreset,
  entry: ['src/index.ts', 'src/internal.ts'],
  splitting: true,
});
