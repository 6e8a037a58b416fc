import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '@geminicli2api/emulator';
import { emptyDir, REPO_ROOT } from './run-cli';

/** The password the test gateways use. */
export const PASSWORD = 'health-check-test-password';

/** A free loopback port (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** The environment that points a gateway (or the CLI) at the emulator. */
export function stackEnv(emulator: Emulator, port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    GEMINI_AUTH_PASSWORD: PASSWORD,
    GEMINI_CREDENTIALS: JSON.stringify({
      refresh_token: 'demo-refresh-token',
      token_uri: emulator.tokenUrl,
      client_id: 'x',
      client_secret: 'y',
    }),
    CODE_ASSIST_ENDPOINT: emulator.url,
    GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
    GOOGLE_GEMINI_BASE_URL: emulator.url,
    LOG_LEVEL: 'info',
  };
}

/** The built gateway running as a child process against an emulator. */
export interface GatewayProcess {
  emulator: Emulator;
  url: string;
  port: number;
  env: Record<string, string>;
  logs(): string;
  stop(): Promise<void>;
}

/** Spawns `node apps/gateway/dist/main.js`, optionally after a delay (for `--wait`). */
export async function startGateway(
  options: {
    emulator?: EmulatorOptions;
    env?: Record<string, string>;
    delayMs?: number;
    port?: number;
  } = {},
): Promise<GatewayProcess> {
  const emulator = await startEmulator(options.emulator);
  const port = options.port ?? (await freePort());
  const env = { ...stackEnv(emulator, port), ...options.env };
  let child: ChildProcess | undefined;
  let output = '';
  const launch = () => {
    const dir = emptyDir();
    child = spawn(process.execPath, [join(REPO_ROOT, 'apps', 'gateway', 'dist', 'main.js')], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', HOME: dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  };
  const timer = options.delayMs ? setTimeout(launch, options.delayMs) : undefined;
  if (!timer) {
    launch();
    await waitUntilUp(`http://127.0.0.1:${port}`, () => output);
  }
  return {
    emulator,
    url: `http://127.0.0.1:${port}`,
    port,
    env,
    logs: () => output,
    async stop() {
      if (timer) clearTimeout(timer);
      const running = child;
      if (running && running.exitCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.kill('SIGTERM');
        await exited;
      }
      await emulator.close();
    },
  };
}

async function waitUntilUp(url: string, logs: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gateway did not start:\n${logs()}`);
}
