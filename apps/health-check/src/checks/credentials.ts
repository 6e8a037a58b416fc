import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createTokenProvider,
  loadCredentials,
  OAuthStoreError,
  parseCredentialsJson,
  type OAuthCredentials,
} from '@geminicli2api/oauth-store';
import { outcome, type CheckOutcome } from '../check-result';
import type { CheckContext } from '../check-context';
import { fixLink } from '../troubleshooting';

interface Found {
  source: string;
  credentials: OAuthCredentials;
}

/** The credentials the gateway would load (same order), plus every file of GEMINI_CREDENTIALS_DIR. */
async function findCredentials(context: CheckContext): Promise<Found[]> {
  const { env } = context;
  const found: Found[] = [];
  const loaded = await loadCredentials({
    envJson: env['GEMINI_CREDENTIALS'],
    filePath: env['GOOGLE_APPLICATION_CREDENTIALS'],
    cwd: context.cwd,
    homeDir: context.homeDir,
  });
  if (loaded) {
    const source = loaded.source.kind === 'env' ? loaded.source.name : loaded.source.path;
    found.push({ source, credentials: loaded.credentials });
  }
  const dir = env['GEMINI_CREDENTIALS_DIR'];
  if (dir) {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
    for (const name of names) {
      const path = join(dir, name);
      found.push({
        source: path,
        credentials: parseCredentialsJson(await readFile(path, 'utf8'), path),
      });
    }
  }
  return found;
}

function describe({ source, credentials }: Found, env: CheckContext['env']): string {
  const project = credentials.projectId ?? env['GOOGLE_CLOUD_PROJECT'] ?? env['GEMINI_PROJECT_ID'];
  const expiry =
    credentials.expiryDate === undefined
      ? 'no access-token expiry'
      : credentials.expiryDate < Date.now()
        ? 'access token expired (refreshed on first use)'
        : `access token valid until ${new Date(credentials.expiryDate).toISOString()}`;
  return `${source}: refresh token present, ${expiry}, ${project ? `project ${project}` : 'project discovered at start'}`;
}

/** Credentials parse, hold a refresh token; with `--online` the token really refreshes. */
export async function checkCredentials(context: CheckContext): Promise<CheckOutcome> {
  let found: Found[];
  try {
    found = await findCredentials(context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return outcome.fail(message, fixLink('credentials-invalid'));
  }
  if (found.length === 0) {
    if (context.env['GEMINI_API_KEY'])
      return outcome.pass('no OAuth credentials; GEMINI_API_KEY is set');
    return outcome.warn(
      'no credentials: none of GEMINI_CREDENTIALS, GOOGLE_APPLICATION_CREDENTIALS, GEMINI_CREDENTIALS_DIR, ./oauth_creds.json, ~/.gemini/oauth_creds.json',
      fixLink('no-credentials'),
    );
  }
  const details: Record<string, unknown> = {
    sources: found.map(({ source, credentials }) => ({
      source,
      format: credentials.format,
      hasAccessToken: credentials.accessToken !== undefined,
      expiryDate:
        credentials.expiryDate === undefined
          ? null
          : new Date(credentials.expiryDate).toISOString(),
      projectId: credentials.projectId ?? null,
    })),
  };
  const summary =
    found.length === 1
      ? describe(found[0] as Found, context.env)
      : `${found.length} accounts: ${describe(found[0] as Found, context.env)}; …`;
  if (!context.online) return outcome.pass(summary, details);
  const refreshed: Record<string, number> = {};
  for (const { source, credentials } of found) {
    const started = performance.now();
    try {
      await createTokenProvider({
        credentials,
        source,
        clientId: context.env['GEMINI_OAUTH_CLIENT_ID'],
        clientSecret: context.env['GEMINI_OAUTH_CLIENT_SECRET'],
        tokenUrl: context.env['GEMINI_OAUTH_TOKEN_URL'],
      }).refresh();
      refreshed[source] = Math.round(performance.now() - started);
    } catch (error) {
      const code = error instanceof OAuthStoreError ? error.code : undefined;
      const message = error instanceof Error ? error.message : String(error);
      const anchor = code === 'RELOGIN_REQUIRED' ? 'oauth-token-expired' : 'google-unreachable';
      return outcome.fail(`token refresh failed: ${message}`, fixLink(anchor), {
        ...details,
        refreshed,
      });
    }
  }
  const ms = Object.values(refreshed);
  return outcome.pass(`${summary}; token refresh works (${ms.join(', ')} ms)`, {
    ...details,
    refreshed,
  });
}
