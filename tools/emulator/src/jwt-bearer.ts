import { createPublicKey, verify } from 'node:crypto';
import type { EmulatorAccountState } from './emulator-account';
import { isJsonObject } from './json-object';

/** The grant type service accounts use (RFC 7523). */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The audience Google requires in a service account's assertion. */
const TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';

/** Google's limit on an assertion's lifetime, and the clock skew it tolerates. */
const MAX_LIFETIME_SECONDS = 3600;
const SKEW_SECONDS = 300;

/**
 * Checks a JWT-bearer `assertion` as Google's token endpoint does: RS256, signed by the key of
 * the service account its `iss` names, `aud` the token endpoint, a `scope`, and an `iat`/`exp`
 * window of at most an hour around now. Error texts are Google's `error_description`s.
 */
export function verifyJwtAssertion(
  assertion: string | undefined,
  accounts: Iterable<EmulatorAccountState>,
  nowSeconds = Math.floor(Date.now() / 1000),
): { account: EmulatorAccountState } | { error: string } {
  const [header, payload, signature, ...rest] = (assertion ?? '').split('.');
  const claims = decodeJson(payload);
  if (!header || !signature || rest.length > 0 || !isJsonObject(claims)) {
    return { error: 'Invalid JWT: the assertion is not a signed JWT.' };
  }
  if (decodeJson(header)?.['alg'] !== 'RS256') return { error: 'Invalid JWT: alg must be RS256.' };
  const account = [...accounts].find(
    (candidate) => candidate.serviceAccountPublicKey && candidate.email === claims['iss'],
  );
  if (!account?.serviceAccountPublicKey) return { error: 'Invalid JWT Signature.' };
  if (!signedBy(account.serviceAccountPublicKey, `${header}.${payload}`, signature)) {
    return { error: 'Invalid JWT Signature.' };
  }
  if (claims['aud'] !== TOKEN_AUDIENCE) return { error: 'Invalid JWT: aud is not the token URL.' };
  if (typeof claims['scope'] !== 'string' || claims['scope'] === '') {
    return { error: 'Invalid JWT: no scope.' };
  }
  const { iat, exp } = claims;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    exp - iat > MAX_LIFETIME_SECONDS ||
    iat > nowSeconds + SKEW_SECONDS ||
    exp < nowSeconds - SKEW_SECONDS
  ) {
    return {
      error:
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    };
  }
  return { account };
}

function signedBy(publicKey: string, input: string, signature: string): boolean {
  try {
    return verify(
      'RSA-SHA256',
      Buffer.from(input),
      createPublicKey(publicKey),
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false; // a signature of the wrong length, say
  }
}

function decodeJson(part: string | undefined): Record<string, unknown> | undefined {
  if (!part) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
