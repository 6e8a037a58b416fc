import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Logger } from 'winston';
import { createGateway, createLogger, loadConfig, SecretRegistry, type Gateway } from '../../src';

export const GATEWAY_PASSWORD = 'test-password-123';

/** A gateway on an ephemeral loopback port with its captured log. */
export interface RunningGateway {
  url: string;
  password: string;
  logs(): string;
  /** GET an authenticated gateway path as JSON. */
  getJson(path: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** A gateway built (not listening) with its captured log. */
export interface TestGateway {
  gateway: Gateway;
  logger: Logger;
  logs(): string;
}

/**
 * Builds a gateway with exactly `env` (plus port, host, password, log level) and an empty
 * cwd/home, so no developer credentials leak in. The caller owns any emulator and the listening.
 */
export async function createTestGateway(
  env: Record<string, string | undefined>,
  dirs?: { cwd?: string; homeDir?: string },
  /** A base fetch under the gateway's own retries and limits (e.g. to redirect Google hosts). */
  baseFetch?: typeof globalThis.fetch,
  /** Where the console bundle is (support/console-bundle.ts); default: dist/console. */
  consoleAssetsDir?: string,
): Promise<TestGateway> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GEMINI_AUTH_PASSWORD: GATEWAY_PASSWORD,
    LOG_LEVEL: 'debug',
    GEMINI_QUOTA_REFRESH_MS: '0',
    // No model-list requests unless a test asks (they would count as upstream traffic).
    MODEL_DISCOVERY_INTERVAL_MS: '0',
    ...env,
  });
  const stream = new PassThrough();
  let captured = '';
  stream.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
  const secrets = new SecretRegistry();
  const logger = createLogger({ level: config.logLevel, secrets, stream });
  const empty = await mkdtemp(join(tmpdir(), 'gateway-test-'));
  const gateway = await createGateway({
    config,
    logger,
    secrets,
    cwd: dirs?.cwd ?? empty,
    homeDir: dirs?.homeDir ?? empty,
    defaultMetrics: false,
    ...(baseFetch ? { fetch: baseFetch } : {}),
    ...(consoleAssetsDir ? { consoleAssetsDir } : {}),
  });
  return { gateway, logger, logs: () => captured };
}

/** Like {@link createTestGateway}, listening on an ephemeral loopback port. */
export async function startGateway(
  env: Record<string, string | undefined>,
  dirs?: { cwd?: string; homeDir?: string },
  baseFetch?: typeof globalThis.fetch,
  consoleAssetsDir?: string,
): Promise<RunningGateway> {
  const { gateway, logs } = await createTestGateway(env, dirs, baseFetch, consoleAssetsDir);
  const server: Server = createServer(gateway.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    password: gateway.password,
    logs,
    async getJson(path) {
      const response = await fetch(`${url}${path}`, {
        headers: { authorization: `Bearer ${gateway.password}` },
      });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
    },
  };
}
