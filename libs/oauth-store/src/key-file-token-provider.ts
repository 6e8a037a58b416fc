import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { boundedFetch, EndpointProblem } from './bounded-fetch';
import { createTokenProvider, GOOGLE_TOKEN_URL } from './create-token-provider';
import { OAuthStoreError } from './oauth-store-error';

/** Hands out access tokens of an application-default-credentials key file. */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
  /** Forces a new token (after the upstream answered 401). */
  refresh(): Promise<string>;
}

/** Options of {@link createKeyFileTokenProvider}. */
export interface KeyFileTokenOptions {
  /** The key file (GOOGLE_APPLICATION_CREDENTIALS). */
  path: string;
  /** Token endpoint for keys that name none (GEMINI_OAUTH_TOKEN_URL); default Google's. */
  tokenUrl?: string | undefined;
  scopes: readonly string[];
  fetch?: typeof globalThis.fetch;
  /** Deadline of one token request. */
  timeoutMs?: number | undefined;
  timeoutSetting?: string | undefined;
  now?: () => number;
}

/** Google's audience for a service account's assertion, whichever endpoint receives it. */
const ASSERTION_AUDIENCE = GOOGLE_TOKEN_URL;
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * A token source for a `service_account` or `authorized_user` key file that honours the file's
 * own `token_uri` (else `tokenUrl`, else Google's): google-auth-library posts service-account
 * assertions to Google's fixed URL whatever the key says. Undefined for other files (external
 * accounts, impersonation…) and unreadable ones: the caller's library handles those.
 */
export async function createKeyFileTokenProvider(
  options: KeyFileTokenOptions,
): Promise<AccessTokenSource | undefined> {
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(await readFile(options.path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const text = (name: string) =>
    typeof key[name] === 'string' ? (key[name] as string) : undefined;
  const tokenUri = text('token_uri');
  if (key['type'] === 'authorized_user' && text('refresh_token')) {
    return createTokenProvider({
      credentials: {
        format: 'geminicli2api',
        refreshToken: text('refresh_token') ?? '',
        ...(text('client_id') ? { clientId: text('client_id') } : {}),
        ...(text('client_secret') ? { clientSecret: text('client_secret') } : {}),
        ...(tokenUri ? { tokenUri } : {}),
        raw: {},
      },
      source: options.path,
      ...(options.tokenUrl ? { tokenUrl: options.tokenUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.timeoutSetting ? { timeoutSetting: options.timeoutSetting } : {}),
    });
  }
  const email = text('client_email');
  const privateKey = text('private_key');
  if (key['type'] !== 'service_account' || !email || !privateKey) return undefined;
  const endpoint = tokenUri ?? options.tokenUrl ?? GOOGLE_TOKEN_URL;
  const fetch = boundedFetch(options.fetch ?? globalThis.fetch, {
    timeoutMs: options.timeoutMs,
    timeoutSetting: options.timeoutSetting,
    expectJson: true,
  });
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const exchange = async (): Promise<string> => {
    const iat = Math.floor(now() / 1000);
    const assertion = signJwt(
      {
        alg: 'RS256',
        typ: 'JWT',
        ...(text('private_key_id') ? { kid: text('private_key_id') } : {}),
      },
      {
        iss: email,
        scope: options.scopes.join(' '),
        aud: ASSERTION_AUDIENCE,
        iat,
        exp: iat + 3600,
      },
      privateKey,
    );
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString(),
      });
    } catch (error) {
      const problem = EndpointProblem.find(error);
      const why = problem?.message ?? `could not be reached (${describe(error)})`;
      throw signInError(options.path, `the token endpoint ${endpoint} ${why}`, true, error);
    }
    // A refusal may be HTML (a proxy's page): read it as text, use it as JSON when it is.
    const body = asObject(await response.text());
    if (!response.ok) {
      const full = [body['error'], body['error_description']].filter(Boolean).join(': ');
      const reason = full.length > 2000 ? `${full.slice(0, 2000)}… (cut)` : full;
      throw signInError(
        options.path,
        `the token endpoint ${endpoint} answered HTTP ${response.status}${reason ? ` (${reason})` : ''}`,
        response.status >= 500 || response.status === 429,
        undefined,
        reason || undefined,
      );
    }
    const token = body['access_token'];
    if (typeof token !== 'string' || token === '') {
      throw signInError(
        options.path,
        `the token endpoint ${endpoint} answered without an access token`,
        true,
      );
    }
    const lifetime = typeof body['expires_in'] === 'number' ? body['expires_in'] : 3600;
    cached = { token, expiresAt: now() + lifetime * 1000 };
    return token;
  };
  const refresh = (): Promise<string> => {
    inFlight ??= exchange().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  return {
    refresh,
    async getAccessToken() {
      if (cached && cached.expiresAt - now() > 5 * 60_000) return cached.token;
      return refresh();
    },
  };
}

function asObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function signJwt(header: object, claims: object, privateKey: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
  return `${input}.${signature}`;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${message}: ${code}` : message;
}

/** A sign-in failure: `refusal` is the endpoint's `error: error_description` when it refused. */
function signInError(
  path: string,
  problem: string,
  isRetryable: boolean,
  cause?: unknown,
  refusal?: string,
): OAuthStoreError {
  return new OAuthStoreError({
    code: refusal ? 'RELOGIN_REQUIRED' : 'TOKEN_REFRESH_FAILED',
    source: path,
    isRetryable,
    cause,
    message: refusal
      ? `Google refused the application default credentials (${refusal}) from ${path}: ${problem}. The service-account key may have been deleted or disabled: create a new key.`
      : `Could not sign in to Vertex AI with the application default credentials from ${path}: ${problem}.`,
  });
}
