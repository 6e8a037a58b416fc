import { OAuth2Client } from 'google-auth-library';
import type { OAuthCredentials } from './credentials';
import { boundedFetch, EndpointProblem } from './bounded-fetch';
import { OAuthStoreError } from './oauth-store-error';

/** Gemini CLI's public installed-app OAuth client (documented as "not treated as a secret"). */
export const GEMINI_CLI_OAUTH_CLIENT = {
  clientId: '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com',
  clientSecret: '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',
} as const;

/** Google's OAuth token endpoint. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Options of {@link createTokenProvider}. */
export interface TokenProviderOptions {
  credentials: OAuthCredentials;
  /** For messages: where the credentials came from. */
  source: string;
  /** OAuth client; the credentials' own `client_id`/`client_secret` win when present. */
  clientId?: string;
  clientSecret?: string;
  /** Token endpoint when the credentials carry no `token_uri` (default Google's). */
  tokenUrl?: string;
  /** Refresh this long before expiry (default 5 minutes, as google-auth-library does). */
  refreshMarginMs?: number;
  /** Called after each successful refresh with the new credentials (e.g. to persist them). */
  onRefresh?: (credentials: OAuthCredentials) => Promise<void> | void;
  /** Clock, injectable for tests. */
  now?: () => number;
  /**
   * The fetch used for token requests (default `globalThis.fetch`). Passing it explicitly also
   * keeps gaxios from importing `node-fetch` dynamically, and lets the app route refreshes
   * through its proxy-aware transport.
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Deadline of one token request, answer included (default none); concurrent callers sharing
   * the refresh are all released with the error when it fires.
   */
  timeoutMs?: number;
  /** The setting behind `timeoutMs`, named in the error. */
  timeoutSetting?: string;
}

/** Hands out valid access tokens for one account. */
export interface TokenProvider {
  /** A valid access token, refreshed first when it expires within the margin. */
  getAccessToken(): Promise<string>;
  /** Forces a refresh (e.g. after the upstream answered 401). */
  refresh(): Promise<string>;
  /** The current credentials (with the latest access token). */
  readonly credentials: OAuthCredentials;
}

/**
 * Creates a token provider backed by google-auth-library's OAuth2Client. Refresh is proactive
 * and single-flight: any number of concurrent callers during a refresh share one token request.
 * `invalid_grant` becomes `RELOGIN_REQUIRED`; network and 5xx failures are retryable.
 */
export function createTokenProvider({
  credentials: initial,
  source,
  clientId,
  clientSecret,
  tokenUrl,
  refreshMarginMs = 5 * 60_000,
  onRefresh,
  now = Date.now,
  fetch = globalThis.fetch,
  timeoutMs,
  timeoutSetting,
}: TokenProviderOptions): TokenProvider {
  let credentials = initial;
  let inFlight: Promise<string> | undefined;
  const endpoint = initial.tokenUri ?? tokenUrl ?? GOOGLE_TOKEN_URL;
  const client = new OAuth2Client({
    clientId: initial.clientId ?? clientId ?? GEMINI_CLI_OAUTH_CLIENT.clientId,
    clientSecret: initial.clientSecret ?? clientSecret ?? GEMINI_CLI_OAUTH_CLIENT.clientSecret,
    endpoints: { oauth2TokenUrl: endpoint },
    transporterOptions: {
      // Every request of one refresh (the library retries) carries that refresh's signal.
      fetchImplementation: (input, init) =>
        checkedFetch(input, { ...init, ...(current ? { signal: current.signal } : {}) }),
    },
  });
  const checkedFetch = boundedFetch(fetch, { expectJson: true });
  let current: AbortController | undefined;
  const within = timeoutMs ? `${Math.round(timeoutMs / 100) / 10} s` : '';
  const deadlineProblem = () =>
    new EndpointProblem(
      'timeout',
      `did not answer within ${within}${timeoutSetting ? ` (${timeoutSetting})` : ''}`,
    );

  /** The library's refresh, bounded as a whole (its own retries included) by `timeoutMs`. */
  const refreshWithin = async () => {
    if (!timeoutMs) return client.refreshAccessToken();
    const controller = new AbortController();
    current = controller;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const problem = deadlineProblem();
        controller.abort(problem);
        reject(problem);
      }, timeoutMs);
    });
    try {
      return await Promise.race([client.refreshAccessToken(), deadline]);
    } finally {
      // `current` stays set: a retry the library still makes after the deadline fails at once.
      clearTimeout(timer);
    }
  };

  const doRefresh = async (): Promise<string> => {
    client.setCredentials({ refresh_token: credentials.refreshToken });
    let tokens;
    try {
      ({ credentials: tokens } = await refreshWithin());
    } catch (error) {
      throw toRefreshError(error, source, endpoint);
    }
    if (!tokens.access_token) {
      throw new OAuthStoreError({
        code: 'TOKEN_REFRESH_FAILED',
        source,
        isRetryable: true,
        message: `The access token for ${source} could not be refreshed: the token endpoint (${hostOf(endpoint)}) answered without an access token.`,
      });
    }
    credentials = {
      ...credentials,
      accessToken: tokens.access_token,
      ...(tokens.expiry_date ? { expiryDate: tokens.expiry_date } : {}),
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    };
    await onRefresh?.(credentials);
    return tokens.access_token;
  };

  const refresh = (): Promise<string> => {
    inFlight ??= doRefresh().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    get credentials() {
      return credentials;
    },
    refresh,
    async getAccessToken() {
      const { accessToken, expiryDate } = credentials;
      const fresh =
        accessToken && (expiryDate === undefined || expiryDate - now() > refreshMarginMs);
      if (fresh && !inFlight) return accessToken;
      return refresh();
    },
  };
}

function toRefreshError(error: unknown, source: string, endpoint: string): OAuthStoreError {
  const problem = EndpointProblem.find(error);
  if (problem) {
    return new OAuthStoreError({
      code: 'TOKEN_REFRESH_FAILED',
      source,
      cause: error,
      isRetryable: true,
      message: `The access token for ${source} could not be refreshed: the token endpoint (${hostOf(endpoint)}) ${problem.message}.`,
    });
  }
  const response = (error as { response?: { status?: number; data?: unknown } }).response;
  const oauthError = (response?.data as { error?: unknown } | undefined)?.error;
  if (oauthError === 'invalid_grant') {
    return new OAuthStoreError({
      code: 'RELOGIN_REQUIRED',
      source,
      cause: error,
      message: `The refresh token from ${source} was rejected (invalid_grant: expired or revoked). Log in again with "npm run login" (or "gemini" CLI login) and replace the credentials.`,
    });
  }
  const status = response?.status;
  const retryable = status === undefined || status >= 500 || status === 429;
  return new OAuthStoreError({
    code: 'TOKEN_REFRESH_FAILED',
    source,
    cause: error,
    isRetryable: retryable,
    message:
      status === undefined
        ? `The access token for ${source} could not be refreshed: the token endpoint (${hostOf(endpoint)}) could not be reached (${error instanceof Error ? error.message : String(error)}). Check the network and HTTPS_PROXY.`
        : `The access token for ${source} could not be refreshed: the token endpoint (${hostOf(endpoint)}) answered HTTP ${status}${typeof oauthError === 'string' ? ` (${oauthError})` : ''}.`,
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
