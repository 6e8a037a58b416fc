import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createLogger, SecretRegistry } from '../logger';
import { AbortFlag } from '../upstream/abort-flag';
import { fetchRemoteMedia } from './fetch-remote-media';

// What `node --expose-gc` gives, from inside the test: a `gc()` that forces a full collection.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * An image server that accepts the connection and never answers. Node 20's
 * `AbortSignal.any([…, AbortSignal.timeout()])` stops firing once a garbage collection ran
 * (nodejs/node#54614-style bug), so the fetch hung for ever; the timeout must survive a GC.
 */
describe('fetchRemoteMedia timeout', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/never.png`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on an image URL that never answers, even with garbage collections meanwhile', async () => {
    const logger = createLogger({
      level: 'debug',
      secrets: new SecretRegistry(),
      stream: new PassThrough(),
    });
    const request = {
      messages: [
        { role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url } }] },
      ],
    };
    const collecting = setInterval(gc, 100);
    const started = Date.now();
    try {
      const outcome = await Promise.race([
        fetchRemoteMedia(request, [url], {
          allowPrivateNetworks: true,
          timeoutMs: 300,
          signal: new AbortFlag(),
          logger,
        }),
        new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 8000).unref()),
      ]);
      expect(outcome).not.toBe('hung');
      expect((outcome as Map<string, unknown>).has(url)).toBe(false);
      // 300 ms plus slack for a loaded machine (a forced GC of a big heap takes time too)
      expect(Date.now() - started).toBeLessThan(6000);
    } finally {
      clearInterval(collecting);
    }
  }, 15_000);
});
