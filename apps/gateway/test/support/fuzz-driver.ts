import { Agent, request as httpRequest } from 'node:http';

/** One generated request: where it goes, its raw body and its content type (default JSON). */
export interface FuzzRequest {
  path: string;
  body: string;
  contentType?: string;
}

/** What {@link sendFuzzRequests} learned: answers by status, and every answer that broke a rule. */
export interface FuzzOutcome {
  statuses: Map<number, number>;
  failures: string[];
}

/**
 * POSTs every request to the gateway at `url` over keep-alive connections, `concurrency` at a
 * time, and collects each answer that is a 5xx, an error not in the surface's shape
 * (`wellShaped`), or a stream that failed in band (`failedInBand`).
 */
export async function sendFuzzRequests(
  url: string,
  requests: readonly FuzzRequest[],
  options: {
    headers: Record<string, string>;
    concurrency: number;
    wellShaped: (text: string) => boolean;
    failedInBand: (text: string) => boolean;
  },
): Promise<FuzzOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const { port } = new URL(url);
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  const send = (item: FuzzRequest) =>
    new Promise<void>((resolve) => {
      const outgoing = httpRequest(
        {
          agent,
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: item.path,
          headers: { 'content-type': item.contentType ?? 'application/json', ...options.headers },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => {
            const broken =
              status >= 500 ||
              (status >= 400 && !options.wellShaped(text)) ||
              options.failedInBand(text);
            if (broken)
              failures.push(
                `${status} ${item.path} ${item.body.slice(0, 160)} → ${text.slice(0, 200)}`,
              );
            resolve();
          });
        },
      );
      outgoing.on('error', (error) => {
        failures.push(`transport error ${error.message}`);
        resolve();
      });
      outgoing.end(item.body);
    });
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let item = requests[next++]; item; item = requests[next++]) await send(item);
    }),
  );
  agent.destroy();
  return { statuses, failures };
}

/** A copy of `base` with the value at a dotted path (`messages.0.content`) replaced. */
export function replaceAt<T>(base: T, path: string, value: unknown): T {
  const copy = structuredClone(base) as Record<string, unknown>;
  const segments = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const segment of segments.slice(0, -1)) {
    const next = target[segment];
    if (typeof next !== 'object' || next === null) return copy as T;
    target = next as Record<string, unknown>;
  }
  target[segments.at(-1) ?? path] = value;
  return copy as T;
}
