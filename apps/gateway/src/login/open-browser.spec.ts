import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrowser } from './open-browser';

describe('openBrowser', () => {
  it('runs xdg-open with the URL on Linux', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opener-'));
    const record = join(dir, 'opened.txt');
    await writeFile(join(dir, 'xdg-open'), `#!/bin/sh\necho "$1" > ${record}\n`);
    await chmod(join(dir, 'xdg-open'), 0o755);
    const opened = await openBrowser('https://accounts.example/auth?a=1&b=2', {
      platform: 'linux',
      env: { PATH: dir },
    });
    expect(opened).toBe(true);
    for (let i = 0; i < 50; i++) {
      const text = await readFile(record, 'utf8').catch(() => '');
      if (text) {
        expect(text.trim()).toBe('https://accounts.example/auth?a=1&b=2');
        return;
      }
      await new Promise((done) => setTimeout(done, 20));
    }
    throw new Error('xdg-open was not run');
  });

  it('resolves false on a headless machine without an opener, so the printed URL is the way', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'empty-path-'));
    expect(
      await openBrowser('https://accounts.example/auth', {
        platform: 'linux',
        env: { PATH: empty },
      }),
    ).toBe(false);
  });
});
