import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A built console file, read once. */
export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
}

const TYPES: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/**
 * The console bundle built by the gateway's `tsup` (`dist/console/`): next to the bundled
 * `main.js`, or — running from sources (tests) — the gateway's `dist/console`. Undefined names
 * mean "not built": the console then says how to build it.
 */
export function loadConsoleAssets(
  candidates: readonly string[] = [
    join(__dirname, 'console'),
    join(__dirname, '..', '..', 'dist', 'console'),
  ],
): Map<string, ConsoleAsset> | undefined {
  const directory = candidates.find((candidate) => existsSync(join(candidate, 'console.js')));
  if (!directory) return undefined;
  const assets = new Map<string, ConsoleAsset>();
  for (const [name, contentType] of Object.entries(TYPES)) {
    const path = join(directory, name);
    if (existsSync(path)) assets.set(name, { body: readFileSync(path), contentType });
  }
  return assets;
}
