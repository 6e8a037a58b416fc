import { randomBytes } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** `.<file name>.<12 hex>.tmp`: the temp files {@link tempCredentialsPath} names, and only those. */
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/**
 * A fresh temp path next to `path`, for an atomic save (written, flushed, renamed over `path`).
 * Hidden, so a directory load never mistakes it for an account.
 */
export function tempCredentialsPath(directory: string, path: string): string {
  return join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Deletes the temp files a save killed mid-way (SIGKILL, power loss) left in `directory`: they
 * hold a refresh token. Only names of our own pattern are touched: those of `target` (a file
 * name) when given, else those of any `*.json`. A save running at the same moment in another
 * process would then fail cleanly and keep the old file (its rename finds no temp file), which
 * is why this runs only when credentials are loaded. Never throws: a directory that cannot be
 * listed, or a file already gone, is left as it is.
 */
export async function removeStaleTempFiles(directory: string, target?: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      const saved = TEMP_NAME.exec(name)?.[1];
      if (saved === undefined) return;
      if (target === undefined ? !saved.endsWith('.json') : saved !== target) return;
      await unlink(join(directory, name)).catch(() => undefined);
    }),
  );
}
