import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** Timings of one reachability probe; a step that failed names itself in `failedStep`. */
export interface NetworkProbe {
  target: string;
  via: string;
  dnsMs?: number;
  tcpMs?: number;
  proxyConnectMs?: number;
  tlsMs?: number;
  failedStep?: 'dns' | 'tcp' | 'proxy' | 'tls';
  error?: string;
}

/** The proxy to use for a URL per HTTPS_PROXY / HTTP_PROXY / NO_PROXY (as curl reads them). */
export function proxyFor(
  target: URL,
  env: Readonly<Record<string, string | undefined>>,
): URL | undefined {
  const pick = (name: string) => env[name] ?? env[name.toLowerCase()];
  const raw =
    target.protocol === 'https:' ? (pick('HTTPS_PROXY') ?? pick('HTTP_PROXY')) : pick('HTTP_PROXY');
  if (!raw) return undefined;
  const noProxy = (pick('NO_PROXY') ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  const host = target.hostname.toLowerCase();
  const bypass = noProxy.some(
    (entry) =>
      entry === '*' ||
      host === entry.replace(/^\./, '') ||
      host.endsWith(entry.startsWith('.') ? entry : `.${entry}`),
  );
  if (bypass) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}

function defaultPort(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

function since(started: number): number {
  return Math.round(performance.now() - started);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function openTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

function proxyConnect(socket: Socket, host: string, port: number, proxy: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const auth = proxy.username
      ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`
      : '';
    socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n${auth}\r\n`);
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head)?.[1];
      if (status === '200') resolve();
      else
        reject(
          Object.assign(new Error(`proxy answered ${status ?? 'garbage'}`), {
            code: `PROXY_${status ?? 'ERROR'}`,
          }),
        );
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () =>
      reject(Object.assign(new Error('proxy closed'), { code: 'PROXY_CLOSED' })),
    );
  });
}

function handshake(socket: Socket, servername: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const secure = tlsConnect({ socket, servername, ALPNProtocols: ['http/1.1'] });
    const timer = setTimeout(
      () => secure.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      secure.end();
      resolve();
    });
    secure.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** DNS, TCP and (for https) TLS to a URL's host, through the proxy when one applies, timed. */
export async function probeNetwork(
  rawUrl: string,
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs: number,
): Promise<NetworkProbe> {
  const target = new URL(rawUrl);
  const proxy = proxyFor(target, env);
  const hop = proxy ?? target;
  const result: NetworkProbe = {
    target: `${target.hostname}:${defaultPort(target)}`,
    via: proxy ? `proxy ${proxy.host}` : 'direct',
  };
  let step: NetworkProbe['failedStep'] = 'dns';
  let socket: Socket | undefined;
  try {
    let started = performance.now();
    const address = await lookup(hop.hostname.replace(/^\[|\]$/g, ''));
    result.dnsMs = since(started);
    step = 'tcp';
    started = performance.now();
    socket = await openTcp(address.address, defaultPort(hop), timeoutMs);
    result.tcpMs = since(started);
    if (proxy) {
      step = 'proxy';
      started = performance.now();
      await proxyConnect(socket, target.hostname, defaultPort(target), proxy);
      result.proxyConnectMs = since(started);
    }
    if (target.protocol === 'https:') {
      step = 'tls';
      started = performance.now();
      await handshake(socket, target.hostname, timeoutMs);
      result.tlsMs = since(started);
    }
    return result;
  } catch (error) {
    return { ...result, failedStep: step, error: errorCode(error) };
  } finally {
    socket?.destroy();
  }
}
