import { Agent, request } from 'node:http';
import type { BenchSettings, CaseResult } from './case-result';
import {
  FLOOR_HEADERS,
  GATEWAY_HEADERS,
  surfaceBodies,
  surfacePath,
  words,
  type Surface,
} from './requests';
import { surfaceLabel } from './throughput-cases';
import { startStack } from './stack';
import { formatSpread, spread, truncated } from './stats';

interface StreamOutcome {
  /** ms from sending the request to the first body byte. */
  firstByteMs: number;
  body: string;
  status: number;
}

/** POSTs and reads the whole (streamed) body, timing the first byte. */
function streamOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  agent: Agent,
): Promise<StreamOutcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = -1;
    const chunks: Buffer[] = [];
    const outgoing = request(url, { method: 'POST', headers, agent }, (response) => {
      response.on('data', (chunk: Buffer) => {
        if (firstByteMs < 0) firstByteMs = performance.now() - started;
        chunks.push(chunk);
      });
      response.on('end', () =>
        resolve({
          firstByteMs,
          body: Buffer.concat(chunks).toString('utf8'),
          status: response.statusCode ?? 0,
        }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Many concurrent long streams: all must complete intact while the gateway's memory stays small. */
export async function concurrentStreamsCase(
  settings: BenchSettings,
  surface: Surface = 'chat',
): Promise<CaseResult> {
  const stack = await startStack({
    latencyMs: 0,
    chunkDelayMs: 20,
    streamChunks: settings.streamChunks,
  });
  const body = surfaceBodies(surface, words(settings.streamChunks * 2), true).gateway;
  const ended = (text: string) =>
    surface === 'responses'
      ? text.includes('event: response.completed\n')
      : text.trimEnd().endsWith('data: [DONE]');
  const finished = surface === 'responses' ? '"status":"completed"' : '"finish_reason":"stop"';
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const completed: number[] = [];
  const peaks: number[] = [];
  const failures = new Set<string>();
  try {
    for (let i = 0; i < settings.repeats; i++) {
      let peak = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, stack.gateway.rss() ?? 0);
      }, 50);
      const outcomes = await Promise.all(
        Array.from({ length: settings.streams }, () =>
          streamOnce(
            `${stack.gateway.url}${surfacePath(surface)}`,
            body,
            GATEWAY_HEADERS,
            agent,
          ).catch((error: unknown) => {
            failures.add((error as NodeJS.ErrnoException).code ?? String(error));
            return undefined;
          }),
        ),
      );
      clearInterval(sampler);
      const intact = outcomes.filter(
        (outcome) =>
          outcome?.status === 200 && ended(outcome.body) && outcome.body.includes(finished),
      ).length;
      for (const outcome of outcomes) {
        if (outcome && !(outcome.status === 200 && ended(outcome.body)))
          failures.add(`HTTP ${outcome.status}, stream not ended properly`);
      }
      completed.push(intact);
      peaks.push(peak / 1_048_576);
    }
  } finally {
    agent.destroy();
    await stack.stop();
  }
  const allComplete = completed.every((count) => count === settings.streams);
  const peak = spread(peaks);
  return {
    name: `${settings.streams} concurrent ${surface === 'chat' ? '' : `${surfaceLabel(surface)} `}streams, ${settings.streamChunks} chunks at 20 ms (complete; peak RSS MB)`,
    target: 'all complete, none cut, RSS < 256 MB',
    gateway: `${Math.min(...completed)}/${settings.streams} complete; RSS ${formatSpread(peak, 0)} MB${failures.size ? ` (failures: ${[...failures].join('; ')})` : ''}`,
    floor: '—',
    ratio: '—',
    met: allComplete && peak.max > 0 && peak.max < 256,
  };
}

/** Time to first byte of a stream at 0 ms upstream, gateway minus floor. */
export async function firstByteCase(
  settings: BenchSettings,
  surface: Surface = 'chat',
): Promise<CaseResult> {
  const stack = await startStack({ latencyMs: 0 });
  const bodies = surfaceBodies(surface, 'Hello benchmark', true);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const gateway: number[] = [];
  const floor: number[] = [];
  try {
    for (let i = 0; i < settings.ttfbSamples + 5; i++) {
      const g = await streamOnce(
        `${stack.gateway.url}${surfacePath(surface)}`,
        bodies.gateway,
        GATEWAY_HEADERS,
        agent,
      );
      const f = await streamOnce(`${stack.floor.url}/stream`, bodies.floor, FLOOR_HEADERS, agent);
      if (i < 5) continue; // warm-up: JIT, keep-alive sockets, token refresh
      gateway.push(g.firstByteMs);
      floor.push(f.firstByteMs);
    }
  } finally {
    agent.destroy();
    await stack.stop();
  }
  const overhead = spread(gateway).median - spread(floor).median;
  return {
    name: `${surface === 'chat' ? 'stream' : `${surfaceLabel(surface)} stream`} time to first byte, 0 ms upstream (ms)`,
    target: '< 2 ms median over the floor',
    gateway: formatSpread(spread(gateway), 2),
    floor: formatSpread(spread(floor), 2),
    ratio: `${overhead >= 0 ? '+' : ''}${truncated(overhead, 2)} ms median`,
    met: overhead < 2,
  };
}
