import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The repository root (this file runs from tools/bench/dist). */
export const ROOT = resolve(__dirname, '../../..');

/** A process the benchmark started. */
export interface Service {
  url: string;
  process: ChildProcess;
  /** Resident set size in bytes (Linux /proc), or undefined elsewhere. */
  rss(): number | undefined;
  /** CPU time used so far (user + system, all threads) in ms (Linux /proc), or undefined. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/** Polls `url` until it answers (2xx, or any status with `anyStatus`); returns the ms it took. */
export async function waitForHttp(
  url: string,
  { timeoutMs = 15_000, anyStatus = false } = {},
): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok || anyStatus) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not come up`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

/** Starts `node <script> …args` and waits until `readyUrl` answers. */
export async function startService(options: {
  script: string;
  args?: string[];
  /** Flags for node itself, before the script (e.g. V8's heap settings). */
  nodeArgs?: readonly string[];
  env?: Record<string, string>;
  url: string;
  readyPath: string;
  /** Ready as soon as anything answers (for a server without a health route). */
  anyStatus?: boolean;
}): Promise<Service & { startupMs: number }> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), resolve(ROOT, options.script), ...(options.args ?? [])],
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const startupMs = await waitForHttp(`${options.url}${options.readyPath}`, {
    anyStatus: options.anyStatus ?? false,
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url: options.url,
    process: child,
    startupMs,
    rss() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
        return kb ? Number(kb) * 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    cpuMs() {
      try {
        // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), in clock ticks (100 per second).
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
        return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : undefined;
      } catch {
        return undefined;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
