import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts', 'src/index.ts', 'src/login.ts'],
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.lib.json',
  // Workspace libs are bundled from source, so the gateway builds without building them first.
  noExternal: [/^@geminicli2api\//],
  esbuildOptions(options) {
    options.conditions = ['@geminicli2api/source'];
  },
});
