import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCredentialsJson } from './credentials';
import {
  loadCredentials,
  type LoadCredentialsOptions,
  type LoadedCredentials,
} from './load-credentials';
import { OAuthStoreError } from './oauth-store-error';
import { removeStaleTempFiles } from './temp-credentials-file';

/**
 * Loads every account file (`*.json`, hidden and temp files skipped) of a directory, sorted by
 * name, after removing the temp files killed saves left there (they hold refresh tokens). A missing or empty directory, or a file that is not valid credentials, is an error that
 * names the file (never its content).
 */
export async function loadCredentialsDir(
  directory: string,
  readTextFile: (path: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<LoadedCredentials[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    throw new OAuthStoreError({
      code: 'CREDENTIALS_NOT_FOUND',
      source: directory,
      cause: error,
      message: `The credentials directory ${directory} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check GEMINI_CREDENTIALS_DIR.`,
    });
  }
  await removeStaleTempFiles(directory);
  const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  if (files.length === 0) {
    throw new OAuthStoreError({
      code: 'CREDENTIALS_NOT_FOUND',
      source: directory,
      message: `The credentials directory ${directory} holds no *.json account files. Put one oauth_creds.json per account there (e.g. via "npm run login").`,
    });
  }
  const loaded: LoadedCredentials[] = [];
  for (const name of files) {
    const path = join(directory, name);
    loaded.push({
      credentials: parseCredentialsJson(await readTextFile(path), path),
      source: { kind: 'file', path },
    });
  }
  return loaded;
}

/** Inputs of {@link loadAllCredentials}: those of `loadCredentials` plus a directory of accounts. */
export interface LoadAllCredentialsOptions extends LoadCredentialsOptions {
  /** `GEMINI_CREDENTIALS_DIR`: one account per `*.json` file. */
  directory?: string | undefined;
}

/**
 * Every configured account. With a directory: the env JSON and explicit file (when set) plus each
 * file of the directory. Without: the single account `loadCredentials` finds, if any.
 */
export async function loadAllCredentials(
  options: LoadAllCredentialsOptions,
): Promise<LoadedCredentials[]> {
  if (!options.directory) {
    const single = await loadCredentials(options);
    return single ? [single] : [];
  }
  const explicit: LoadedCredentials[] = [];
  if (options.envJson?.trim() || options.filePath) {
    const { cwd, homeDir, envJson, envName, filePath, readTextFile } = options;
    // Only the explicit sources: the default files are not added to a configured directory.
    const fromEnv = envJson?.trim()
      ? await loadCredentials({ cwd, homeDir, envJson, ...(envName ? { envName } : {}) })
      : undefined;
    if (fromEnv) explicit.push(fromEnv);
    const fromFile = filePath
      ? await loadCredentials({ cwd, homeDir, filePath, ...(readTextFile ? { readTextFile } : {}) })
      : undefined;
    if (fromFile) explicit.push(fromFile);
  }
  return [...explicit, ...(await loadCredentialsDir(options.directory, options.readTextFile))];
}
