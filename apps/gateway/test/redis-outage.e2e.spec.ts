import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { admin, createKey } from './support/admin-client';
import { postJson, startStack, type Stack } from './support/start-stack';

const chat = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** A Redis of this test's own (so it can be stopped); needs the Debian package redis-server. */
async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', ''],
    {
      stdio: 'ignore',
    },
  );
  await new Promise<void>((done, fail) => {
    child.once('error', () =>
      fail(new Error('redis-server is not installed: apt-get install -y redis-server')),
    );
    const deadline = Date.now() + 10_000;
    const probe = () => {
      const socket = createServer().listen(port, '127.0.0.1');
      socket.once('error', () => done()); // in use: Redis listens
      socket.once('listening', () => {
        socket.close();
        if (Date.now() > deadline) fail(new Error('redis-server did not start'));
        else setTimeout(probe, 50);
      });
    };
    probe();
  });
  return { url: `redis://127.0.0.1:${port}`, process: child };
}

describe('when Redis goes away', () => {
  let stack: Stack;
  let redis: { url: string; process: ChildProcess };
  beforeAll(async () => {
    redis = await startRedis();
    stack = await startStack({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await stack?.close();
    redis?.process.kill('SIGKILL');
  });

  it('keeps answering with per-process limits, and /health says Redis is down', async () => {
    const { key } = await createKey(stack, { name: 'outage', rpm: 2 });
    const client = { url: stack.url, password: key };
    expect((await postJson(client, '/v1/chat/completions', chat)).status).toBe(200);
    const exited = new Promise((done) => redis.process.once('exit', done));
    redis.process.kill('SIGKILL');
    await exited;
    const started = Date.now();
    // The window moves to this process's memory: it starts empty, so 2 more, then 429.
    const statuses = [];
    for (let index = 0; index < 3; index++)
      statuses.push((await postJson(client, '/v1/chat/completions', chat)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(Date.now() - started).toBeLessThan(5000);
    const health = (await (await fetch(`${stack.url}/health`)).json()) as {
      storage: { redis: { status: string } };
    };
    expect(health.storage.redis.status).not.toBe('ready');
    expect((await admin(stack, 'GET', '/admin/keys')).status).toBe(200);
  });
});
