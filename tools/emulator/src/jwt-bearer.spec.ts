import { generateKeyPairSync, sign } from 'node:crypto';
import { createAccountState } from './emulator-account';
import { verifyJwtAssertion } from './jwt-bearer';

const NOW = 1_800_000_000;
const keys = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const serviceKey = keys();
const otherKey = keys();
const account = createAccountState(
  {
    refreshToken: 'sa-account',
    email: 'gateway@project.iam.gserviceaccount.com',
    serviceAccountPublicKey: serviceKey.publicKey
      .export({ type: 'spki', format: 'pem' })
      .toString(),
  },
  () => 'project',
);
const user = createAccountState({ refreshToken: 'user' }, () => 'project');

function assertion(claims: Record<string, unknown>, privateKey = serviceKey.privateKey): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({
    iss: account.email,
    aud: 'https://oauth2.googleapis.com/token',
    scope: 'https://www.googleapis.com/auth/cloud-platform',
    iat: NOW,
    exp: NOW + 3600,
    ...claims,
  })}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
}

describe('verifyJwtAssertion (the token endpoint’s JWT-bearer grant)', () => {
  it('accepts an assertion signed by the service account it names', () => {
    expect(verifyJwtAssertion(assertion({}), [user, account], NOW + 10)).toEqual({ account });
  });

  it.each([
    ['signed by another key', assertion({}, otherKey.privateKey), /Invalid JWT Signature/],
    ['naming an account that is no service account', assertion({ iss: user.email }), /Signature/],
    ['for another audience', assertion({ aud: 'https://example.com' }), /aud/],
    ['without a scope', assertion({ scope: '' }), /no scope/],
    ['living longer than an hour', assertion({ exp: NOW + 7200 }), /short-lived/],
    ['expired', assertion({ iat: NOW - 7200, exp: NOW - 3600 }), /short-lived/],
    ['not a JWT', 'not-a-jwt', /not a signed JWT/],
    ['missing', undefined, /not a signed JWT/],
  ])('refuses an assertion %s', (_name, jwt, message) => {
    const result = verifyJwtAssertion(jwt, [user, account], NOW + 10);
    expect(result).toEqual({ error: expect.stringMatching(message) });
  });
});
