import { Agent, request } from 'node:http';
import { PassThrough } from 'node:stream';
import express from 'express';
import { createLogger, SecretRegistry } from '../src';
import { startServer } from '../src/start-server';

function get(
  port: number,
  agent: Agent,
): Promise<{ status: number; reusedSocket: boolean; keepAlive: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          reusedSocket: outgoing.reusedSocket,
          keepAlive: String(response.headers['keep-alive']),
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('client keep-alive connections', () => {
  it('stay usable after Node’s 5 s default idle timeout, so a reused connection is not reset', async () => {
    const app = express();
    app.get('/', (_request, response) => {
      response.send('ok');
    });
    const logger = createLogger({
      level: 'error',
      secrets: new SecretRegistry(),
      stream: new PassThrough(),
    });
    const running = await startServer({
      handle: app,
      port: 0,
      host: '127.0.0.1',
      logger,
      shutdownGraceMs: 100,
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await get(running.port, agent)).toEqual({
        status: 200,
        reusedSocket: false,
        keepAlive: 'timeout=65',
      });
      // Node's default would have closed the connection after 5 s: reusing it at 7 s then either
      // resets (ECONNRESET, the POST is lost) or needs a new connection.
      await new Promise((done) => setTimeout(done, 7_000));
      expect(await get(running.port, agent)).toEqual({
        status: 200,
        reusedSocket: true,
        keepAlive: 'timeout=65',
      });
    } finally {
      agent.destroy();
      await running.shutdown();
    }
  }, 20_000);
});
