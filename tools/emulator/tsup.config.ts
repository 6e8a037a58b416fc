import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// `src/demo.ts` is written separately; build it only when it exists.
const entry = ['src/index.ts', 'src/main.ts', 'src/demo.ts'].filter((file) => existsSync(file));

export default defineConfig({
  entry,
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  // composite project settings break tsup's declaration build; it only needs plain emit here.
  dts: { entry: 'src/index.ts', compilerOptions: { composite: false, incremental: false } },
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.lib.json',
  // Workspace libraries are bundled from their sources (no lib build needed first), as in apps.
  noExternal: [/^@geminicli2api\//],
  esbuildOptions(options) {
    options.conditions = ['@geminicli2api/source'];
  },
});
