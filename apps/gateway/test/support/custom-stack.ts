import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startEmulator, type Emulator, type EmulatorOptions } from '@geminicli2api/emulator';
import { createGateway, createLogger, loadConfig, SecretRegistry } from '../../src';
import type { Stack } from './start-stack';

/**
 * Like `startStack`, but the whole environment is built from the running emulator (so a test
 * can point credentials, token URLs or proxies at it). Logs are captured at debug level.
 */
export async function startCustomStack(
  emulatorOptions: EmulatorOptions,
  env: (emulator: Emulator) => Record<string, string>,
): Promise<Stack> {
  const emulator = await startEmulator(emulatorOptions);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CODE_ASSIST_ENDPOINT: emulator.url, LOG_LEVEL: 'debug', ...env(emulator) });
  const stream = new PassThrough();
  let captured = '';
  stream.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
  const secrets = new SecretRegistry();
  const logger = createLogger({ level: config.logLevel, secrets, stream });
  const empty = await mkdtemp(join(tmpdir(), 'gateway-test-'));
  const gateway = await createGateway({ config, logger, secrets, cwd: empty, homeDir: empty, defaultMetrics: false });
  const server: Server = await new Promise((resolve) => {
    const listening = gateway.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    emulator,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    password: gateway.password,
    logs: () => captured,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      await emulator.close();
    },
  };
}
