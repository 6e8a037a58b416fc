import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'winston';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** The gateway's request listener (`Gateway.handle`). */
  handle: (request: IncomingMessage, response: ServerResponse) => void;
  port: number;
  host: string;
  logger: Logger;
  /** How long `shutdown` lets in-flight requests (streams included) finish. */
  shutdownGraceMs: number;
}

/** A listening HTTP server with a graceful shutdown. */
export interface RunningServer {
  server: Server;
  port: number;
  /** Requests whose responses have not closed yet. */
  readonly inFlight: number;
  /**
   * Stops accepting connections, closes idle keep-alive ones, lets in-flight requests finish
   * (their responses get `Connection: close`), and after `shutdownGraceMs` cuts whatever is
   * left. Resolves `true` when everything finished within the deadline. Idempotent.
   */
  shutdown(): Promise<boolean>;
}

/** How long an idle client connection stays open. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Listens on `host:port`; rejects with the listen error (EADDRINUSE …). */
export async function startServer({
  handle,
  port,
  host,
  logger,
  shutdownGraceMs,
}: StartServerOptions): Promise<RunningServer> {
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    inFlight.add(response);
    // A response closes once: `on` spares the wrapper and removal of `once` (per request).
    response.on('close', () => {
      inFlight.delete(response);
      // Its connection is idle now: close it rather than wait for the client's keep-alive timeout.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
    // Keep-alive clients reconnect (to another instance) instead of reusing this connection.
    if (draining) response.setHeader('connection', 'close');
    handle(request, response);
  });
  // Node's 5 s keep-alive default makes a client that reuses a connection a moment after the
  // server dropped it fail with ECONNRESET (a POST is not retried). Keep connections longer than
  // common client and load-balancer idle timeouts (60 s); headersTimeout must exceed it.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<boolean> | undefined;
  return {
    server,
    port: (server.address() as AddressInfo).port,
    get inFlight() {
      return inFlight.size;
    },
    shutdown() {
      closing ??= new Promise<boolean>((resolve) => {
        draining = true;
        for (const response of inFlight)
          if (!response.headersSent) response.setHeader('connection', 'close');
        logger.info('draining', { inFlight: inFlight.size, graceMs: shutdownGraceMs });
        let inTime = true;
        const deadline = setTimeout(() => {
          inTime = false;
          logger.warn('shutdown deadline reached; closing the remaining connections', {
            inFlight: inFlight.size,
          });
          server.closeAllConnections();
        }, shutdownGraceMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve(inTime);
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
