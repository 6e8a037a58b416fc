import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConsole } from '../../console/build-console';

let built: Promise<string> | undefined;

/**
 * A directory with the console bundled from its sources now (once per test worker, in a
 * directory of its own), so the console tests never run against a stale or missing
 * dist/console, nor race a build that cleans dist/ meanwhile.
 */
export function consoleBundleDir(): Promise<string> {
  built ??= mkdtemp(join(tmpdir(), 'console-bundle-')).then(async (dir) => {
    await buildConsole(dir);
    return dir;
  });
  return built;
}
