import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startService, type Service } from './services';

/** Options of one emulator + gateway + floor trio. */
export interface StackOptions {
  latencyMs: number;
  chunkDelayMs?: number;
  streamChunks?: number;
  gatewayEnv?: Record<string, string>;
}

/** The three processes a case measures, each in its own process like in production. */
export interface BenchStack {
  emulator: Service;
  gateway: Service & { startupMs: number };
  floor: Service;
  stop(): Promise<void>;
}

/**
 * The flags node runs the gateway with wherever this project starts it (`npm start`, the
 * Dockerfile, docs/deployment.md; a spec keeps them equal), so the benchmark measures what ships.
 * A 32 MB semi-space (V8's default on 64-bit: 16 MB) lets most of an in-flight request's objects
 * die young instead of being copied and promoted while it waits on the upstream: ≈ 13 % less CPU
 * per request at 256 connections, ≈ 25 MB more peak RSS with 1 000 streams (docs/performance.md).
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

export const BENCH_PASSWORD = 'bench-password-123';

/** Starts the emulator, then the gateway (built) and the floor against it. */
export async function startStack({
  latencyMs,
  chunkDelayMs = 0,
  streamChunks = 3,
  gatewayEnv = {},
}: StackOptions): Promise<BenchStack> {
  const emulator = await startEmulator([
    '--latency',
    String(latencyMs),
    '--chunk-delay',
    String(chunkDelayMs),
    '--stream-chunks',
    String(streamChunks),
  ]);
  const gateway = await startGateway(emulator.url, gatewayEnv);
  const floorPort = await freePort();
  const floor = await startService({
    script: 'tools/bench/dist/floor-proxy.js',
    args: [String(floorPort), emulator.url],
    url: `http://127.0.0.1:${floorPort}`,
    readyPath: '/health',
  });
  return {
    emulator,
    gateway,
    floor,
    async stop() {
      await Promise.all([gateway.stop(), floor.stop()]);
      await emulator.stop();
    },
  };
}

/** Starts the emulator (built) on a free port with extra command-line `args`. */
export async function startEmulator(args: string[] = []): Promise<Service> {
  const port = await freePort();
  return startService({
    script: 'tools/emulator/dist/main.js',
    args: ['--port', String(port), ...args],
    url: `http://127.0.0.1:${port}`,
    readyPath: '/',
    anyStatus: true,
  }).catch(async () => {
    throw new Error('the emulator did not start; build it first (npm run bench builds everything)');
  });
}

/** The environment of a bench gateway on `port` against `emulatorUrl`. */
export function benchGatewayEnv(emulatorUrl: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    GEMINI_AUTH_PASSWORD: BENCH_PASSWORD,
    CODE_ASSIST_ENDPOINT: emulatorUrl,
    // The embedded database (keys, usage ledger) of each run in a directory of its own.
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-data-')),
    GEMINI_CREDENTIALS: JSON.stringify({
      refresh_token: 'demo-refresh-token',
      token_uri: `${emulatorUrl}/token`,
      client_id: 'bench',
      client_secret: 'bench',
    }),
  };
}

/** Starts a gateway process against `emulatorUrl`; `startupMs` is spawn → first healthy answer. */
export async function startGateway(emulatorUrl: string, env: Record<string, string> = {}) {
  const port = await freePort();
  return startService({
    script: 'apps/gateway/dist/main.js',
    nodeArgs: GATEWAY_NODE_FLAGS,
    url: `http://127.0.0.1:${port}`,
    readyPath: '/health',
    env: { ...benchGatewayEnv(emulatorUrl, port), ...env },
  });
}
