import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDockerignore,
  parseCopyArgs,
  parseDockerfile,
  replayDockerfile,
  type ReplayedImage,
} from '../src';
import {
  freePort,
  runToEnd,
  startProcess,
  waitForHealthy,
  type RunningProcess,
} from '../test/support/processes';

const repo = join(__dirname, '..', '..', '..');
const dockerfilePath = join(repo, 'docker', 'Dockerfile');
const stages = parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
const runtime = stages[stages.length - 1];
const ignored = createDockerignore(readFileSync(join(repo, '.dockerignore'), 'utf8'));

describe('docker/Dockerfile, read', () => {
  const contextCopies = stages.flatMap((stage) =>
    stage.instructions
      .filter((step) => step.keyword === 'COPY' && !parseCopyArgs(step.args).flags['from'])
      .flatMap((step) =>
        parseCopyArgs(step.args).sources.map(
          (source) => [`${stage.name}: ${source}`, source] as const,
        ),
      ),
  );

  it.each(contextCopies)(
    'COPY source exists and is not excluded by .dockerignore (%s)',
    (_name, source) => {
      expect(existsSync(join(repo, source))).toBe(true);
      expect(ignored(source)).toBe(false);
    },
  );

  it('builds on node:20-bookworm-slim in several stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.image).toBe('node:20-bookworm-slim');
  });

  it.each([
    ['.env'],
    ['apps/gateway/.env'],
    ['oauth_creds.json'],
    ['apps/gateway/node_modules/express/index.js'],
    ['node_modules/jest/package.json'],
    ['apps/gateway/dist/main.js'],
    ['.git/HEAD'],
  ])('.dockerignore keeps %s out of the build context', (path) => {
    expect(ignored(path)).toBe(true);
  });
});

describe('docker/Dockerfile, replayed without Docker', () => {
  let scratch: string;
  let image: ReplayedImage;
  let emulator: Emulator;
  let gateway: RunningProcess | undefined;
  let port: number;
  const password = 'docker-replay-password';

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'docs-check-docker-'));
    image = replayDockerfile({ context: repo, dockerfile: dockerfilePath, scratch });
    emulator = await startEmulator();
    // Both npm ci steps compile better-sqlite3 (the gateway's embedded database) from source
    // when its prebuilt binary cannot be downloaded, as here: minutes on a small machine.
  }, 600_000);

  afterAll(async () => {
    await gateway?.stop();
    await emulator?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const imageEnv = (): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'],
    HOME: image.hostPath('/home/node'),
    ...image.env,
    PORT: String(port),
  });

  it('runs as a non-root user, exposes 8888 and declares the credentials volume', () => {
    expect(image.user).toBeDefined();
    expect(['root', '0']).not.toContain(image.user);
    expect(image.exposed).toContain('8888');
    expect(image.volumes).toContain('/data');
    // gemini-cli's default ~/.gemini/oauth_creds.json lands in the volume
    expect(image.env['HOME']).toBe(image.hostPath('/data'));
    expect(runtime?.instructions.find((step) => step.keyword === 'HEALTHCHECK')?.args).not.toMatch(
      /\b(curl|wget)\b/,
    );
  });

  it('ships production dependencies only, next to the two bundles', () => {
    const modules = join(image.workdir, 'node_modules');
    expect(existsSync(join(modules, 'express', 'package.json'))).toBe(true);
    for (const devOnly of ['typescript', 'jest', 'tsup', 'nx', 'openai']) {
      expect({ devOnly, present: existsSync(join(modules, devOnly)) }).toEqual({
        devOnly,
        present: false,
      });
    }
    expect(existsSync(join(image.workdir, 'apps', 'gateway', 'dist', 'main.js'))).toBe(true);
    // The web console's bundle, built by the gateway's tsup and served from that dist.
    expect(
      existsSync(join(image.workdir, 'apps', 'gateway', 'dist', 'console', 'console.js')),
    ).toBe(true);
    expect(existsSync(join(image.workdir, 'apps', 'health-check', 'dist', 'main.js'))).toBe(true);
  });

  it('starts with an empty credentials volume: /health answers, API calls get 503', async () => {
    port = await freePort();
    gateway = startProcess(image.cmd[0] ?? 'node', image.cmd.slice(1), {
      cwd: image.workdir,
      env: { ...imageEnv(), GEMINI_AUTH_PASSWORD: password },
    });
    await waitForHealthy(`http://127.0.0.1:${port}/health`, gateway);
    expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toMatchObject({
      backend: 'no-credentials',
    });
    const models = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${password}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'Hello' }],
      }),
    });
    expect(models.status).toBe(503);
    await gateway.stop();
  }, 30_000);

  it('starts with the image ENV and PORT, answers /health, passes its HEALTHCHECK and persists refreshed tokens in /data', async () => {
    port = await freePort();
    mkdirSync(image.hostPath('/data/.gemini'));
    const credentialsFile = image.hostPath('/data/.gemini/oauth_creds.json');
    const original = JSON.stringify({
      refresh_token: 'demo-refresh-token',
      token_uri: emulator.tokenUrl,
      client_id: 'x',
      client_secret: 'y',
    });
    writeFileSync(credentialsFile, original, { mode: 0o600 });
    const [command, ...args] = image.cmd;
    gateway = startProcess(command ?? 'node', args, {
      cwd: image.workdir,
      // like `docker run -e GEMINI_AUTH_PASSWORD=… -e CODE_ASSIST_ENDPOINT=…`
      env: { ...imageEnv(), GEMINI_AUTH_PASSWORD: password, CODE_ASSIST_ENDPOINT: emulator.url },
    });
    await waitForHealthy(`http://127.0.0.1:${port}/health`, gateway);

    const [checkCommand, ...checkArgs] = image.healthcheck?.command ?? [];
    const check = await runToEnd(checkCommand ?? 'false', checkArgs, {
      cwd: image.workdir,
      env: imageEnv(),
    });
    expect(check).toMatchObject({ code: 0 });

    const chat = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${password}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'Hello' }],
      }),
    });
    expect(chat.status).toBe(200);
    expect(readFileSync(credentialsFile, 'utf8')).not.toBe(original);

    await gateway.stop();
    const failing = await runToEnd(checkCommand ?? 'false', checkArgs, {
      cwd: image.workdir,
      env: imageEnv(),
    });
    expect(failing.code).not.toBe(0);
  }, 60_000);
});
