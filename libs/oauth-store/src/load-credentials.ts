import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseCredentialsJson, type OAuthCredentials } from './credentials';
import { OAuthStoreError } from './oauth-store-error';
import { removeStaleTempFiles } from './temp-credentials-file';

/** Where a set of credentials came from; decides whether refreshed tokens may be written back. */
export type CredentialsSource = { kind: 'env'; name: string } | { kind: 'file'; path: string };

/** Credentials together with their source. */
export interface LoadedCredentials {
  credentials: OAuthCredentials;
  source: CredentialsSource;
}

/** Inputs of {@link loadCredentials}; the app passes env values in, the library reads no env. */
export interface LoadCredentialsOptions {
  /** JSON text from an env variable (e.g. `GEMINI_CREDENTIALS`), tried first. */
  envJson?: string | undefined;
  /** The env variable's name, for messages. Default `GEMINI_CREDENTIALS`. */
  envName?: string;
  /** An explicit file (e.g. `GOOGLE_APPLICATION_CREDENTIALS`); when set it must exist. */
  filePath?: string | undefined;
  /** Working directory, for `./oauth_creds.json`. */
  cwd: string;
  /** Home directory, for `~/.gemini/oauth_creds.json`. */
  homeDir: string;
  /** File reader (default `fs.readFile`), injectable for tests. */
  readTextFile?: (path: string) => Promise<string>;
}

/**
 * Loads OAuth credentials from, in order: the env JSON, the explicit file, `./oauth_creds.json`,
 * `~/.gemini/oauth_creds.json`. Returns undefined when none exists. Throws `OAuthStoreError`
 * (`CREDENTIALS_INVALID`, `CREDENTIALS_NOT_FOUND`) when a source exists but is unusable. Temp
 * files a killed save of the loaded file left next to it (they hold a refresh token) are removed.
 */
export async function loadCredentials({
  envJson,
  envName = 'GEMINI_CREDENTIALS',
  filePath,
  cwd,
  homeDir,
  readTextFile = (path) => readFile(path, 'utf8'),
}: LoadCredentialsOptions): Promise<LoadedCredentials | undefined> {
  if (envJson !== undefined && envJson.trim() !== '') {
    return {
      credentials: parseCredentialsJson(envJson, envName),
      source: { kind: 'env', name: envName },
    };
  }
  if (filePath) {
    const text = await readRequired(readTextFile, filePath);
    await removeStaleTempFiles(dirname(filePath), basename(filePath));
    return {
      credentials: parseCredentialsJson(text, filePath),
      source: { kind: 'file', path: filePath },
    };
  }
  for (const path of [
    join(cwd, 'oauth_creds.json'),
    join(homeDir, '.gemini', 'oauth_creds.json'),
  ]) {
    const text = await readOptional(readTextFile, path);
    if (text !== undefined) {
      await removeStaleTempFiles(dirname(path), basename(path));
      return { credentials: parseCredentialsJson(text, path), source: { kind: 'file', path } };
    }
  }
  return undefined;
}

async function readOptional(
  readTextFile: (path: string) => Promise<string>,
  path: string,
): Promise<string | undefined> {
  try {
    return await readTextFile(path);
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

async function readRequired(
  readTextFile: (path: string) => Promise<string>,
  path: string,
): Promise<string> {
  try {
    return await readTextFile(path);
  } catch (error) {
    throw new OAuthStoreError({
      code: 'CREDENTIALS_NOT_FOUND',
      source: path,
      cause: error,
      message: isMissingFile(error)
        ? `The credentials file ${path} does not exist. Check GOOGLE_APPLICATION_CREDENTIALS (inside Docker, the path is the one inside the container).`
        : `The credentials file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    });
  }
}

function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
