import { isJsonObject } from './json-object';
import type { EmulatorAccountState } from './emulator-account';
import { JWT_BEARER_GRANT, verifyJwtAssertion } from './jwt-bearer';
import { sendJson } from './http-io';
import { bodyValue, type RequestContext } from './request-context';

/** Scopes reported by the token endpoint (Google appends `openid`). */
export const TOKEN_SCOPE =
  'https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile openid';

/** Prefix of the authorization codes the emulator accepts: `emu-code-<refreshToken>`. */
export const AUTHORIZATION_CODE_PREFIX = 'emu-code-';

/** The token endpoint's form (or JSON) parameters as strings. */
export function tokenParams(context: RequestContext): Record<string, string> {
  const value = bodyValue(context);
  const params: Record<string, string> = {};
  if (!isJsonObject(value)) return params;
  for (const [key, entry] of Object.entries(value))
    if (typeof entry === 'string') params[key] = entry;
  return params;
}

/** The refresh token a token request is about (its `refresh_token`, or the one behind its `code`). */
export function tokenRequestAccount(params: Record<string, string>): string | undefined {
  if (params.refresh_token !== undefined) return params.refresh_token;
  const code = params.code;
  return code?.startsWith(AUTHORIZATION_CODE_PREFIX)
    ? code.slice(AUTHORIZATION_CODE_PREFIX.length)
    : undefined;
}

/**
 * `POST /token`: Google's OAuth token endpoint for `refresh_token` and `authorization_code`
 * grants and service accounts' JWT-bearer grant, with Google's error bodies (`invalid_grant`,
 * `invalid_client`, `unsupported_grant_type`).
 */
export function handleToken(context: RequestContext): void {
  const { state, response } = context;
  const params = tokenParams(context);
  const grant = params.grant_type;
  if (grant === JWT_BEARER_GRANT) {
    const verified = verifyJwtAssertion(params.assertion, state.accounts.values());
    if ('error' in verified) {
      sendJson(response, 400, { error: 'invalid_grant', error_description: verified.error });
      return;
    }
    sendJson(response, 200, {
      access_token: state.issueAccessToken(verified.account.refreshToken),
      expires_in: state.options.accessTokenLifetimeSeconds,
      token_type: 'Bearer',
    });
    return;
  }
  if (grant !== 'refresh_token' && grant !== 'authorization_code') {
    sendJson(response, 400, {
      error: 'unsupported_grant_type',
      error_description: `Invalid grant_type: ${grant ?? ''}`,
    });
    return;
  }
  const refreshToken = tokenRequestAccount(params);
  if (refreshToken === undefined || refreshToken === '') {
    const missing = grant === 'refresh_token' ? 'refresh_token' : 'code';
    const description =
      grant === 'refresh_token' ? `Missing required parameter: ${missing}` : 'Malformed auth code.';
    sendJson(response, 400, {
      error: grant === 'refresh_token' ? 'invalid_request' : 'invalid_grant',
      error_description: description,
    });
    return;
  }
  const account = state.accounts.get(refreshToken);
  if (account === undefined) {
    const description = grant === 'refresh_token' ? 'Bad Request' : 'Malformed auth code.';
    sendJson(response, 400, { error: 'invalid_grant', error_description: description });
    return;
  }
  const clientError = checkClient(account, params);
  if (clientError !== undefined) {
    sendJson(response, 401, { error: 'invalid_client', error_description: clientError });
    return;
  }
  if (grant === 'refresh_token' && account.invalidGrant) {
    sendJson(response, 400, {
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
    return;
  }
  const body: Record<string, unknown> = {
    access_token: state.issueAccessToken(refreshToken),
    expires_in: state.options.accessTokenLifetimeSeconds,
    scope: TOKEN_SCOPE,
    token_type: 'Bearer',
    id_token: createIdToken(account, params.client_id),
  };
  if (grant === 'authorization_code') body.refresh_token = refreshToken;
  sendJson(response, 200, body, {
    'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
    pragma: 'no-cache',
  });
}

function checkClient(
  account: EmulatorAccountState,
  params: Record<string, string>,
): string | undefined {
  if (account.clientId !== undefined && params.client_id !== account.clientId)
    return 'The OAuth client was not found.';
  if (account.clientSecret !== undefined && params.client_secret !== account.clientSecret)
    return 'Unauthorized';
  return undefined;
}

function createIdToken(account: EmulatorAccountState, clientId: string | undefined): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = { alg: 'RS256', kid: 'emulator', typ: 'JWT' };
  const payload = {
    iss: 'https://accounts.google.com',
    aud: clientId ?? 'emulator-client',
    sub: Buffer.from(account.refreshToken).toString('hex').slice(0, 21),
    email: account.email,
    email_verified: true,
    iat: now,
    exp: now + 3600,
  };
  return `${encode(header)}.${encode(payload)}.${Buffer.from('emulator-signature').toString('base64url')}`;
}
