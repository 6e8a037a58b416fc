import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { serializeCredentials, type OAuthCredentials } from './credentials';
import { OAuthStoreError } from './oauth-store-error';
import { tempCredentialsPath } from './temp-credentials-file';

/**
 * Writes credentials atomically with mode 0600: a temp file in the same directory is written and
 * flushed, then renamed over the target. A crash at any point leaves either the old file or the
 * new one, never a truncated mix; a temp file a crash leaves behind is removed at the next load
 * (`removeStaleTempFiles`).
 */
export async function saveCredentialsFile(
  path: string,
  credentials: OAuthCredentials,
): Promise<void> {
  const temp = tempCredentialsPath(dirname(path), path);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(serializeCredentials(credentials), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new OAuthStoreError({
      code: 'PERSIST_FAILED',
      source: path,
      cause: error,
      message: `Refreshed credentials could not be saved to ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); the old file is unchanged. Make the directory writable (in Docker: mount the credentials directory as a volume).`,
    });
  }
}
