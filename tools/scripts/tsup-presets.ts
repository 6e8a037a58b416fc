import type { Options } from 'tsup';

/**
 * tsup settings shared by the workspace. Libraries ship ESM + CJS + declarations that reference
 * sibling packages through their built types (never their sources); apps and tools ship one CJS
 * bundle per entry with the workspace libs inlined from source, so they build without building
 * the libs first.
 */
export const libraryPreset: Options = {
  entry: ['src/index.ts'],
  format: ['cjs', 'esm'],
  dts: { compilerOptions: { composite: false, customConditions: [] } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.lib.json',
};

/** One CJS bundle per entry for Node 20, workspace libs bundled from their sources. */
export function appPreset(entry: string[]): Options {
  return {
    entry,
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
  };
}
