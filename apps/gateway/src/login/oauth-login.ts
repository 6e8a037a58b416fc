import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { GEMINI_CLI_OAUTH_CLIENT, GOOGLE_TOKEN_URL } from '@geminicli2api/oauth-store';

/** Google's consent page and the scopes Gemini CLI asks for. */
export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const OAUTH_SCOPES = [
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/userinfo.profile',
];
/** Where the no-browser flow sends the user: the page shows a code to paste. */
export const MANUAL_REDIRECT_URI = 'https://codeassist.google.com/authcode';

/** OAuth client and endpoints used by the login. */
export interface LoginClient {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  tokenUrl?: string | undefined;
  authUrl?: string | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  /** Deadline of the code exchange, answer included (0 or undefined: none). */
  timeoutMs?: number | undefined;
  /** The setting behind `timeoutMs`, named when it fires. */
  timeoutSetting?: string | undefined;
}

/**
 * The code exchange could not reach the token endpoint, or it did not answer within
 * {@link LoginClient.timeoutMs}: not the code's fault, so not a 400.
 */
export class TokenEndpointUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenEndpointUnavailable';
  }
}

/** The token endpoint's answer, as written to a gemini-cli `oauth_creds.json`. */
export type TokenResponse = Record<string, unknown> & {
  refresh_token: string;
  access_token: string;
  expiry_date: number;
};

/** Builds the consent URL (`access_type=offline`, random `state`, optional PKCE S256). */
export function buildAuthUrl(
  client: LoginClient,
  redirectUri: string,
  state: string,
  codeVerifier?: string,
): string {
  const params = new URLSearchParams({
    client_id: client.clientId ?? GEMINI_CLI_OAUTH_CLIENT.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    access_type: 'offline',
    prompt: 'consent',
    scope: OAUTH_SCOPES.join(' '),
    state,
  });
  if (codeVerifier) {
    params.set('code_challenge_method', 'S256');
    params.set('code_challenge', createHash('sha256').update(codeVerifier).digest('base64url'));
  }
  return `${client.authUrl ?? GOOGLE_AUTH_URL}?${params.toString()}`;
}

/** Exchanges an authorization code for tokens (form-encoded, client secret in the body). */
export async function exchangeCode(
  client: LoginClient,
  code: string,
  redirectUri: string,
  codeVerifier?: string,
): Promise<TokenResponse> {
  const fetch = client.fetch ?? globalThis.fetch;
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: code.trim(),
    redirect_uri: redirectUri,
    client_id: client.clientId ?? GEMINI_CLI_OAUTH_CLIENT.clientId,
    client_secret: client.clientSecret ?? GEMINI_CLI_OAUTH_CLIENT.clientSecret,
    ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
  });
  const url = client.tokenUrl ?? GOOGLE_TOKEN_URL;
  // A plain timer (AbortSignal.timeout can be silenced by a garbage collection on Node 20).
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    client.timeoutMs && client.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, client.timeoutMs)
      : undefined;
  const timeout = () =>
    new TokenEndpointUnavailable(
      `The token endpoint (${new URL(url).host}) did not answer within ${Math.round((client.timeoutMs ?? 0) / 100) / 10} s${client.timeoutSetting ? ` (${client.timeoutSetting})` : ''}. Try again, or check the network and HTTPS_PROXY.`,
    );
  let response: Response;
  let data: Record<string, unknown>;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: controller.signal,
    });
    data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  } catch (error) {
    if (timedOut) throw timeout();
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const why = typeof cause?.code === 'string' ? cause.code : String(cause?.message ?? error);
    throw new TokenEndpointUnavailable(
      `Could not reach the token endpoint (${new URL(url).host}): ${why}. Check the network and HTTPS_PROXY, then try again.`,
    );
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw timeout(); // the deadline fired while the body was read
  if (
    !response.ok ||
    typeof data['access_token'] !== 'string' ||
    typeof data['refresh_token'] !== 'string'
  ) {
    const reason = typeof data['error'] === 'string' ? data['error'] : `HTTP ${response.status}`;
    throw new Error(
      `Google did not accept the authorization code (${reason}). Start the login again; codes are single-use and expire after a few minutes.`,
    );
  }
  const { expires_in: expiresIn, ...rest } = data;
  return { ...rest, expiry_date: Date.now() + Number(expiresIn ?? 3600) * 1000 } as TokenResponse;
}

/** A running loopback login: open `authUrl`, await `tokens`. */
export interface LoopbackLogin {
  authUrl: string;
  redirectUri: string;
  tokens: Promise<TokenResponse>;
  close(): void;
}

/**
 * Starts the loopback redirect server on 127.0.0.1:`port` (`/oauth2callback`), checks `state`,
 * exchanges the code, and resolves with the tokens. A port in use is a clear error.
 */
export async function startLoopbackLogin(
  client: LoginClient,
  port: number,
  timeoutMs = 5 * 60_000,
): Promise<LoopbackLogin> {
  const state = randomBytes(32).toString('hex');
  let server: Server | undefined;
  let settle:
    { resolve: (tokens: TokenResponse) => void; reject: (error: Error) => void } | undefined;
  const tokens = new Promise<TokenResponse>((resolve, reject) => (settle = { resolve, reject }));
  tokens.catch(() => undefined);
  const listening = await new Promise<Server>((resolve, reject) => {
    const candidate = createServer();
    candidate.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is already in use, so the login cannot receive Google's redirect. Stop the program using it, or choose another port with --port <n> (or GEMINI_OAUTH_CALLBACK_PORT).`,
            )
          : error,
      ),
    );
    candidate.listen(port, '127.0.0.1', () => resolve(candidate));
  });
  server = listening;
  const address = listening.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const redirectUri = `http://127.0.0.1:${actualPort}/oauth2callback`;
  const timer = setTimeout(
    () => finish(new Error('The login timed out after 5 minutes. Run it again.')),
    timeoutMs,
  );
  timer.unref();
  const finish = (outcome: TokenResponse | Error) => {
    clearTimeout(timer);
    server?.close();
    server = undefined;
    if (outcome instanceof Error) settle?.reject(outcome);
    else settle?.resolve(outcome);
  };
  listening.on('request', (request, response) => {
    const url = new URL(request.url ?? '/', redirectUri);
    const reply = (status: number, text: string) =>
      response
        .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
        .end(text);
    if (url.pathname !== '/oauth2callback') return reply(404, 'Not the login callback.');
    const error = url.searchParams.get('error');
    if (error) {
      reply(400, 'Login failed. You can close this tab.');
      return finish(new Error(`Google refused the login (${error}).`));
    }
    if (url.searchParams.get('state') !== state)
      return reply(400, 'State mismatch. Possible CSRF attack. Start the login again.');
    const code = url.searchParams.get('code');
    if (!code) return reply(400, 'The redirect carried no authorization code.');
    exchangeCode(client, code, redirectUri).then(
      (result) => {
        reply(200, 'Login complete. You can close this tab and return to the terminal.');
        finish(result);
      },
      (failure: Error) => {
        reply(400, 'Login failed. See the terminal.');
        finish(failure);
      },
    );
  });
  return {
    authUrl: buildAuthUrl(client, redirectUri, state),
    redirectUri,
    tokens,
    close: () => finish(new Error('Login cancelled.')),
  };
}

/** The no-browser flow: a URL with PKCE to open anywhere, and a function taking the pasted code. */
export function startManualLogin(client: LoginClient): {
  authUrl: string;
  complete(code: string): Promise<TokenResponse>;
} {
  const codeVerifier = randomBytes(64).toString('base64url');
  const state = randomBytes(32).toString('hex');
  return {
    authUrl: buildAuthUrl(client, MANUAL_REDIRECT_URI, state, codeVerifier),
    complete: (code) => exchangeCode(client, code, MANUAL_REDIRECT_URI, codeVerifier),
  };
}
