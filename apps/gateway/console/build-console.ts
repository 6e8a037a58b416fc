import { build } from 'esbuild';
import { dirname, join } from 'node:path';

/**
 * Bundles the console (console/src/main.ts and its CSS) for current browsers into `outDir`
 * (`console.js`, `console.css`), minified, no source map shipped.
 */
export async function buildConsole(outDir: string): Promise<void> {
  await build({
    entryPoints: { console: join(dirname(__filename), 'src', 'main.ts') },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    tsconfig: join(dirname(__filename), 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'warning',
  });
}
