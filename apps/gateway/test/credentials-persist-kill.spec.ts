import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { loadCredentialsDir, parseCredentialsJson } from '@geminicli2api/oauth-store';

/**
 * A child process persists credentials in a tight loop (the real saveCredentialsFile, bundled
 * from source) and is SIGKILLed at arbitrary moments: the file must always parse, with its
 * refresh token, and a directory load must ignore the temp files a kill leaves behind and delete
 * them (each holds a refresh token).
 */
describe('atomic persistence under SIGKILL', () => {
  it('leaves a valid credentials file whenever the writer is killed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'persist-kill-'));
    const bundle = join(dir, 'save.cjs');
    buildSync({
      entryPoints: [resolve(__dirname, '../../../libs/oauth-store/src/save-credentials-file.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
    const path = join(dir, 'account.json');
    const original = {
      refresh_token: '1//keep-me',
      token: 'ya29.start',
      expiry: '2030-01-01T00:00:00Z',
      client_id: 'c',
      project_id: 'p',
    };
    await writeFile(path, JSON.stringify(original));
    const child = `
      const { saveCredentialsFile } = require(${JSON.stringify(bundle)});
      const path = ${JSON.stringify(path)};
      const big = 'x'.repeat(200000);
      (async () => {
        for (let i = 0; ; i++) {
          await saveCredentialsFile(path, { format: 'geminicli2api', refreshToken: '1//keep-me', projectId: 'p', accessToken: 'ya29.' + i + big, expiryDate: Date.now(), raw: ${JSON.stringify(original)} });
          if (i === 3) process.stdout.write('writing\\n');
        }
      })();`;
    for (let round = 0; round < 6; round++) {
      const writer = spawn(process.execPath, ['-e', child], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((done) => writer.stdout.once('data', () => done()));
      await new Promise((wait) => setTimeout(wait, 5 + round * 7));
      const exited = new Promise((done) => writer.once('exit', done));
      writer.kill('SIGKILL');
      await exited;
      const credentials = parseCredentialsJson(await readFile(path, 'utf8'), path);
      expect(credentials).toMatchObject({ refreshToken: '1//keep-me', projectId: 'p' });
      expect(credentials.accessToken).toMatch(/^ya29\.\d+x+$/);
    }
    const temps = async () => (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
    const leftBehind = await temps();
    const loaded = await loadCredentialsDir(dir);
    expect(loaded.map((entry) => entry.source)).toEqual([{ kind: 'file', path }]);
    expect(leftBehind.length).toBeGreaterThan(0); // the kills did interrupt saves
    expect(await temps()).toEqual([]);
  }, 30_000);
});
