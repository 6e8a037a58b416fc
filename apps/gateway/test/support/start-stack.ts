import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startEmulator, type Emulator, type EmulatorOptions } from '@geminicli2api/emulator';
import { createGateway, createLogger, loadConfig, SecretRegistry } from '../../src';

export const TEST_PASSWORD = 'test-password-123';

/** A gateway and an emulator on ephemeral loopback ports, plus the gateway's captured log. */
export interface Stack {
  emulator: Emulator;
  url: string;
  password: string;
  logs(): string;
  close(): Promise<void>;
}

export interface StackOptions {
  env?: Record<string, string | undefined>;
  emulator?: EmulatorOptions;
  /** Start without credentials (no GEMINI_CREDENTIALS). */
  withoutCredentials?: boolean;
}

/** Starts emulator + gateway wired together the way `npm run demo` does. */
export async function startStack({ env = {}, emulator: emulatorOptions, withoutCredentials }: StackOptions = {}): Promise<Stack> {
  const emulator = await startEmulator(emulatorOptions);
  const credentials = JSON.stringify({ refresh_token: 'demo-refresh-token', token_uri: emulator.tokenUrl, client_id: 'emulator-client', client_secret: 'emulator-secret', token: 'expired', expiry: '2000-01-01T00:00:00Z' });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GEMINI_AUTH_PASSWORD: TEST_PASSWORD,
    CODE_ASSIST_ENDPOINT: emulator.url,
    ...(withoutCredentials ? {} : { GEMINI_CREDENTIALS: credentials }),
    LOG_LEVEL: 'debug',
    ...env,
  });
  const stream = new PassThrough();
  let captured = '';
  stream.on('data', (chunk: Buffer) => (captured += chunk.toString('utf8')));
  const secrets = new SecretRegistry();
  const logger = createLogger({ level: config.logLevel, secrets, stream });
  // An empty cwd/home so a developer's own oauth_creds.json never leaks into tests.
  const empty = await mkdtemp(join(tmpdir(), 'gateway-test-'));
  const gateway = await createGateway({ config, logger, secrets, cwd: empty, homeDir: empty });
  const server: Server = await new Promise((resolve) => {
    const listening = gateway.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    emulator,
    url: `http://127.0.0.1:${port}`,
    password: gateway.password,
    logs: () => captured,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}
