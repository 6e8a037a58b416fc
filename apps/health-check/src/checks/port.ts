import { createServer } from 'node:net';
import { outcome, type CheckOutcome } from '../check-result';
import type { CheckContext } from '../check-context';
import { field, probe } from '../http-probe';
import { runCommand } from '../run-command';
import { fixLink } from '../troubleshooting';

/** Tries to bind the port; resolves with the error code, or undefined when it is free. */
function tryBind(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** Which program listens on the port, when `lsof` can tell. */
async function holderOf(port: number): Promise<string | undefined> {
  const result = await runCommand('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], 2000);
  const pid = /^p(\d+)/m.exec(result.stdout)?.[1];
  const command = /^c(.+)$/m.exec(result.stdout)?.[1];
  return pid ? `${command ?? 'process'} (pid ${pid})` : undefined;
}

/** The configured port is free, or held by the gateway itself. */
export async function checkPort(context: CheckContext): Promise<CheckOutcome> {
  const raw = context.env['PORT']?.trim() || '8888';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    return outcome.fail(`PORT is not a valid port number`, fixLink('env-file-format'));
  if (port === 0) return outcome.skipped('PORT=0: the gateway picks a free port at start');
  const host = context.env['HOST']?.trim() || '0.0.0.0';
  const problem = await tryBind(port, host);
  const details = { port, host, bind: problem ?? 'free' };
  if (problem === undefined)
    return outcome.pass(`port ${port} is free (nothing listens on it)`, details);
  if (problem === 'EADDRNOTAVAIL')
    return outcome.fail(
      `HOST ${host} is not an address of this machine`,
      fixLink('service-not-reachable'),
      details,
    );
  if (problem !== 'EADDRINUSE')
    return outcome.fail(
      `cannot bind port ${port} on ${host} (${problem})`,
      fixLink('port-already-in-use'),
      details,
    );
  let isGateway = false;
  try {
    const health = await probe(`http://127.0.0.1:${port}/health`, {
      timeoutMs: Math.min(context.timeoutMs, 2000),
    });
    isGateway =
      field(health.json, 'status') === 'ok' && field(health.json, 'backend') !== undefined;
  } catch {
    isGateway = false;
  }
  if (isGateway)
    return outcome.pass(`port ${port} is held by the gateway itself`, {
      ...details,
      holder: 'gateway',
    });
  const holder = await holderOf(port);
  return outcome.fail(
    `port ${port} is taken by another process${holder ? `: ${holder}` : ''}; the gateway cannot start on it`,
    fixLink('port-already-in-use'),
    { ...details, holder: holder ?? 'unknown' },
  );
}
