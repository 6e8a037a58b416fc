import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts', 'src/floor-proxy.ts'],
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.lib.json',
  noExternal: [/^@geminicli2api\//],
  esbuildOptions(options) {
    options.conditions = ['@geminicli2api/source'];
  },
});
