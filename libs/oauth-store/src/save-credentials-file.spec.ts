import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCredentialsJson } from './credentials';
import { loadCredentials } from './load-credentials';
import { saveCredentialsFile } from './save-credentials-file';

const CLI_FILE = { access_token: 'ya29.a', refresh_token: '1//r', expiry_date: 1 };

describe('saveCredentialsFile', () => {
  it('replaces the file atomically with mode 0600 and leaves no temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'creds-'));
    const path = join(dir, 'oauth_creds.json');
    await writeFile(path, JSON.stringify(CLI_FILE), { mode: 0o644 });
    const credentials = parseCredentialsJson(JSON.stringify(CLI_FILE), path);
    await saveCredentialsFile(path, { ...credentials, accessToken: 'ya29.b', expiryDate: 2 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      ...CLI_FILE,
      access_token: 'ya29.b',
      expiry_date: 2,
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['oauth_creds.json']);
  });

  it('fails with PERSIST_FAILED and keeps the old file when the directory is gone', async () => {
    const path = join(tmpdir(), 'no-such-dir-for-creds', 'oauth_creds.json');
    const credentials = parseCredentialsJson(JSON.stringify(CLI_FILE), path);
    await expect(saveCredentialsFile(path, credentials)).rejects.toMatchObject({
      code: 'PERSIST_FAILED',
    });
  });
});

describe('loadCredentials', () => {
  async function dirs() {
    const cwd = await mkdtemp(join(tmpdir(), 'cwd-'));
    const homeDir = await mkdtemp(join(tmpdir(), 'home-'));
    return { cwd, homeDir };
  }

  it('returns undefined when no source exists', async () => {
    expect(await loadCredentials(await dirs())).toBeUndefined();
  });

  it('prefers env JSON, then the explicit file, then ./oauth_creds.json, then ~/.gemini', async () => {
    const { cwd, homeDir } = await dirs();
    await mkdir(join(homeDir, '.gemini'));
    await writeFile(
      join(homeDir, '.gemini', 'oauth_creds.json'),
      JSON.stringify({ refresh_token: 'home' }),
    );
    expect((await loadCredentials({ cwd, homeDir }))?.credentials.refreshToken).toBe('home');
    await writeFile(join(cwd, 'oauth_creds.json'), JSON.stringify({ refresh_token: 'cwd' }));
    expect((await loadCredentials({ cwd, homeDir }))?.source).toEqual({
      kind: 'file',
      path: join(cwd, 'oauth_creds.json'),
    });
    const explicit = join(cwd, 'explicit.json');
    await writeFile(explicit, JSON.stringify({ refresh_token: 'explicit' }));
    expect(
      (await loadCredentials({ cwd, homeDir, filePath: explicit }))?.credentials.refreshToken,
    ).toBe('explicit');
    const fromEnv = await loadCredentials({
      cwd,
      homeDir,
      filePath: explicit,
      envJson: '{"refresh_token":"env"}',
    });
    expect(fromEnv?.source).toEqual({ kind: 'env', name: 'GEMINI_CREDENTIALS' });
  });

  it('reports a configured file that does not exist instead of silently falling back', async () => {
    const { cwd, homeDir } = await dirs();
    await expect(
      loadCredentials({ cwd, homeDir, filePath: join(cwd, 'missing.json') }),
    ).rejects.toMatchObject({
      code: 'CREDENTIALS_NOT_FOUND',
    });
  });
});
