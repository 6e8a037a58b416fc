import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCredentials } from './load-credentials';
import { loadCredentialsDir } from './load-credentials-dir';

/** What a save killed between writing its temp file and renaming it leaves behind. */
const LEFTOVER = JSON.stringify({ refresh_token: '1//left-behind-refresh-token' });

describe('temp files left by a killed credential save', () => {
  it('are removed when the credentials directory is loaded; other files stay', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stale-temp-dir-'));
    await writeFile(join(dir, 'a.json'), JSON.stringify({ refresh_token: '1//a' }));
    await writeFile(join(dir, '.a.json.0123456789ab.tmp'), LEFTOVER);
    await writeFile(join(dir, '.gone.json.a1b2c3d4e5f6.tmp'), LEFTOVER);
    // Not of our naming: a user's backup, another tool's temp file, a hidden note.
    await writeFile(join(dir, '.a.json.bak'), LEFTOVER);
    await writeFile(join(dir, '.a.json.0123.tmp'), LEFTOVER);
    await writeFile(join(dir, '.notes'), 'x');
    const loaded = await loadCredentialsDir(dir);
    expect(loaded.map((entry) => entry.credentials.refreshToken)).toEqual(['1//a']);
    expect((await readdir(dir)).sort()).toEqual(
      ['.a.json.0123.tmp', '.a.json.bak', '.notes', 'a.json'].sort(),
    );
  });

  it.each([
    ['./oauth_creds.json', (cwd: string) => cwd],
    ['~/.gemini/oauth_creds.json', (_cwd: string, home: string) => join(home, '.gemini')],
  ])('are removed next to %s when it is loaded', async (_label, where) => {
    const cwd = await mkdtemp(join(tmpdir(), 'stale-temp-cwd-'));
    const home = await mkdtemp(join(tmpdir(), 'stale-temp-home-'));
    const dir = where(cwd, home);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'oauth_creds.json'), JSON.stringify({ refresh_token: '1//r' }));
    await writeFile(join(dir, '.oauth_creds.json.00ff00ff00ff.tmp'), LEFTOVER);
    // gemini-cli's own files in ~/.gemini are not ours to touch.
    await writeFile(join(dir, '.settings.json.00ff00ff00ff.tmp'), '{}');
    const loaded = await loadCredentials({ cwd, homeDir: home });
    expect(loaded?.credentials.refreshToken).toBe('1//r');
    expect((await readdir(dir)).sort()).toEqual(
      ['.settings.json.00ff00ff00ff.tmp', 'oauth_creds.json'].sort(),
    );
  });

  it('are removed next to an explicit credentials file when it is loaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stale-temp-explicit-'));
    const path = join(dir, 'mine.json');
    await writeFile(path, JSON.stringify({ refresh_token: '1//m' }));
    await writeFile(join(dir, '.mine.json.abcdefabcdef.tmp'), LEFTOVER);
    await loadCredentials({ cwd: dir, homeDir: dir, filePath: path });
    expect(await readdir(dir)).toEqual(['mine.json']);
  });
});
