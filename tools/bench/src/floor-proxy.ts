#!/usr/bin/env node
/**
 * The benchmark floor: a bare Node passthrough to the emulator. It forwards the request body
 * as-is (already in Code Assist shape) with keep-alive and pipes the answer back: no parsing, no
 * translation, no validation — the least any proxy hop can cost.
 *
 * Usage: node floor-proxy.js <port> <emulator url>
 */
import { Agent, createServer, request } from 'node:http';

const [portArg = '0', upstreamArg = 'http://127.0.0.1:8899'] = process.argv.slice(2);
const upstream = new URL(upstreamArg);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

async function fetchToken(): Promise<string> {
  const response = await fetch(new URL('/token', upstream), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=refresh_token&refresh_token=demo-refresh-token',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

void fetchToken().then((token) => {
  const server = createServer((incoming, outgoing) => {
    if (incoming.method === 'GET') {
      outgoing.end('ok');
      return;
    }
    const path = incoming.url?.includes('stream')
      ? '/v1internal:streamGenerateContent?alt=sse'
      : '/v1internal:generateContent';
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path,
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(portArg), '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      `floor listening on ${typeof address === 'object' && address ? address.port : portArg}\n`,
    );
  });
});
