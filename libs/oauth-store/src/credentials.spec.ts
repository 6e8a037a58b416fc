import { parseCredentialsJson, serializeCredentials } from './credentials';
import { OAuthStoreError } from './oauth-store-error';

const CLI_FILE = {
  access_token: 'ya29.test-access',
  scope: 'https://www.googleapis.com/auth/cloud-platform openid',
  token_type: 'Bearer',
  id_token: 'eyJ.test.jwt',
  expiry_date: 1_787_400_000_000,
  refresh_token: '1//test-refresh',
};

const ORIGINAL_FILE = {
  client_id: 'client.apps.googleusercontent.com',
  client_secret: 'GOCSPX-test-secret',
  token: 'ya29.original-access',
  refresh_token: '1//original-refresh',
  scopes: ['https://www.googleapis.com/auth/cloud-platform'],
  token_uri: 'https://oauth2.googleapis.com/token',
  expiry: '2026-08-21T11:00:00+00:00',
  project_id: 'example-project-123',
};

function errorOf(text: string): OAuthStoreError {
  try {
    parseCredentialsJson(text, 'GEMINI_CREDENTIALS');
  } catch (error) {
    if (OAuthStoreError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected parse to fail');
}

describe('parseCredentialsJson', () => {
  it("reads gemini-cli's oauth_creds.json", () => {
    expect(parseCredentialsJson(JSON.stringify(CLI_FILE), 'f')).toEqual({
      format: 'gemini-cli',
      accessToken: 'ya29.test-access',
      refreshToken: '1//test-refresh',
      expiryDate: 1_787_400_000_000,
      scopes: ['https://www.googleapis.com/auth/cloud-platform', 'openid'],
      raw: CLI_FILE,
    });
  });

  it("reads the original project's format, converting the ISO expiry to epoch ms", () => {
    expect(parseCredentialsJson(JSON.stringify(ORIGINAL_FILE), 'f')).toMatchObject({
      format: 'geminicli2api',
      accessToken: 'ya29.original-access',
      refreshToken: '1//original-refresh',
      expiryDate: Date.parse('2026-08-21T11:00:00Z'),
      clientId: 'client.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-test-secret',
      tokenUri: 'https://oauth2.googleapis.com/token',
      projectId: 'example-project-123',
    });
  });

  it.each([
    ['an empty value', '', 'it is empty'],
    ['multi-line JSON cut by a .env line break', '{', 'cut off'],
    ['JSON quoted twice', `'${JSON.stringify(CLI_FILE)}'`, 'quoted twice'],
    ['a value that is not JSON', 'GEMINI_CREDENTIALS = {...}', 'on one line'],
    ['a JSON array', '[1]', 'not a JSON object'],
    ['a file without refresh token', '{"access_token":"ya29.only-access"}', 'refresh_token'],
    ['a service-account key', '{"type":"service_account","private_key":"-----BEGIN"}', 'Vertex'],
  ])('explains %s without echoing the content', (_name, text, hint) => {
    const error = errorOf(text);
    expect(error.code).toBe('CREDENTIALS_INVALID');
    expect(error.message).toContain(hint);
    expect(error.message).toContain('GEMINI_CREDENTIALS');
    expect(error.message).not.toContain('ya29.only-access');
    expect(error.message).not.toContain('BEGIN');
  });
});

describe('serializeCredentials', () => {
  it('writes a gemini-cli file back in its own format, keeping unknown fields', () => {
    const credentials = parseCredentialsJson(JSON.stringify(CLI_FILE), 'f');
    const written = JSON.parse(
      serializeCredentials({
        ...credentials,
        accessToken: 'ya29.new',
        expiryDate: 1_800_000_000_000,
      }),
    );
    expect(written).toEqual({
      ...CLI_FILE,
      access_token: 'ya29.new',
      expiry_date: 1_800_000_000_000,
    });
  });

  it('writes an original-format file back with token, ISO expiry and project_id', () => {
    const credentials = parseCredentialsJson(JSON.stringify(ORIGINAL_FILE), 'f');
    const written = JSON.parse(
      serializeCredentials({
        ...credentials,
        accessToken: 'ya29.new',
        expiryDate: Date.parse('2027-01-01T00:00:00Z'),
      }),
    );
    expect(written).toEqual({
      ...ORIGINAL_FILE,
      token: 'ya29.new',
      expiry: '2027-01-01T00:00:00.000Z',
    });
    expect(written).not.toHaveProperty('access_token');
  });
});
