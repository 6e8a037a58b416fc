import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { EmulatorAccountState } from './emulator-account';
import type { Emulator, EmulatorOptions } from './emulator-options';
import { createEmulatorState } from './emulator-state';
import { handleRequest } from './handle-request';

/**
 * Starts a Code Assist emulator: Google's OAuth token endpoint (`/token`) and the `v1internal`
 * API on one `node:http` server, with strict validation, a deterministic fake model, account
 * states and scripted faults. Resolves once it is listening.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = createEmulatorState(options);
  const host = options.host ?? '127.0.0.1';
  const closing = new AbortController();
  // Every in-flight request listens on this signal; benchmarks keep thousands open at once.
  setMaxListeners(0, closing.signal);
  const sockets = new Set<Socket>();
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    void handleRequest(state, request, response, closing.signal);
  };
  const server = options.tls
    ? createTlsServer({ ...options.tls, keepAlive: true }, listener)
    : createServer({ keepAlive: true }, listener);
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  server.requestTimeout = 0;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${formatHost(host)}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    tokenUrl: `${url}/token`,
    port,
    requests: state.requests,
    clearRequests: () => {
      state.requests.length = 0;
    },
    script: (fault) => state.faults.add(fault),
    clearScript: () => state.faults.clear(),
    account: (refreshToken): EmulatorAccountState => {
      const account = state.accounts.get(refreshToken);
      if (account === undefined) throw new Error(`Unknown emulator account: ${refreshToken}`);
      return account;
    },
    addAccount: (account) => {
      state.addAccount(account);
    },
    issuedAccessTokens: (refreshToken) => state.issuedCounts.get(refreshToken) ?? 0,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function formatHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
