import { Agent, request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';

/** One generated request. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** What a fuzz run saw. */
export interface FuzzResult {
  sent: number;
  /** Count per HTTP status (0: the connection failed). */
  statuses: Record<string, number>;
  fiveXx: number;
  transportErrors: number;
  /** Examples of 5xx answers and transport errors (at most 10). */
  failures: string[];
  /** `/health` answered 200 after the run. */
  healthyAfter: boolean;
  seconds: number;
}

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  /** A gateway on a loopback address (anything else is refused). */
  url: string;
  password: string;
  count: number;
  concurrency?: number;
  seed?: number;
  /** Stop sending after this long, whatever `count` says. */
  maxSeconds?: number;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same requests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHAT = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };
const NATIVE = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
const PATHS = [
  '/v1/chat/completions',
  '/v1/chat/completions',
  '/v1beta/models/gemini-2.5-flash:generateContent',
  '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
  '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
  '/v1beta/models/gemini-2.5-flash:countTokens',
  '/v1/models',
  '/v1beta/models',
  '/v1beta/models/%00%ff:generateContent',
  '/v1beta/models/../../etc/passwd:generateContent',
  '/status',
  '/v1/chat/completions/..;/x',
];
const JUNK_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  -0,
  '',
  'x'.repeat(5000),
  '\u0000\ud800\uffff',
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
  { role: 'tool', content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] },
  { type: 'image_url', image_url: { url: 'http://169.254.169.254/latest/meta-data/' } },
];

/**
 * Generates `count` requests: valid bodies with one field replaced by junk, random and truncated
 * JSON, deep nesting, binary and gzip garbage, wrong content types and methods, bad passwords.
 */
export function generateRequests(count: number, seed: number, password: string): FuzzRequest[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const junk = (): unknown =>
    random() < 0.7 ? pick(JUNK_VALUES) : { [pick(['a', 'parts', 'text', 'role'])]: junk() };
  const requests: FuzzRequest[] = [];
  for (let i = 0; i < count; i++) {
    const path = pick(PATHS);
    const base = structuredClone(path.startsWith('/v1/chat') ? CHAT : NATIVE) as Record<
      string,
      unknown
    >;
    let text: string;
    const shape = random();
    if (shape < 0.45) {
      const key = pick([...Object.keys(base), 'stream', 'tools', 'generationConfig', 'n', 'x']);
      base[key] = junk();
      text = JSON.stringify(base);
    } else if (shape < 0.55) {
      text = JSON.stringify(base).slice(0, Math.floor(random() * 40));
    } else if (shape < 0.62) {
      const depth = 50 + Math.floor(random() * 5000);
      text = `{"contents":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    } else if (shape < 0.7) {
      text = Array.from({ length: Math.floor(random() * 300) }, () =>
        String.fromCharCode(Math.floor(random() * 0x2fff)),
      ).join('');
    } else if (shape < 0.75) {
      text = '';
    } else {
      text = JSON.stringify(base);
    }
    let body: Buffer = Buffer.from(text, 'utf8');
    const headers: Record<string, string> = {
      authorization: random() < 0.95 ? `Bearer ${password}` : `Bearer wrong-${i}`,
      'content-type': pick(['application/json', 'application/json', 'text/plain', 'a/b; c=d']),
    };
    if (random() < 0.05) {
      headers['content-encoding'] = 'gzip';
      body = random() < 0.5 ? gzipSync(body) : body; // half of them are not gzip at all
    }
    const method = random() < 0.93 ? 'POST' : pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
    requests.push({ method, path, headers, body });
  }
  return requests;
}

/** Refuses any target that is not this machine: the fuzzer never sends traffic elsewhere. */
export function assertLoopback(url: string): URL {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname) || target.protocol !== 'http:')
    throw new Error(`the fuzzer only targets http://127.0.0.1, localhost or [::1], not ${url}`);
  return target;
}

/** Sends the generated requests to a loopback gateway and counts what came back. */
export async function runFuzz({
  url,
  password,
  count,
  concurrency = 32,
  seed = 20_261_204,
  maxSeconds = 300,
}: FuzzOptions): Promise<FuzzResult> {
  const target = assertLoopback(url);
  const requests = generateRequests(count, seed, password);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  let sent = 0;
  let next = 0;
  const send = (item: FuzzRequest) =>
    new Promise<void>((resolve) => {
      const outgoing = httpRequest(
        {
          agent,
          host: target.hostname.replace(/^\[|\]$/g, ''),
          port: target.port,
          method: item.method,
          path: item.path,
          headers: { ...item.headers, 'content-length': String(item.body.length) },
          timeout: 30_000,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          statuses[status] = (statuses[status] ?? 0) + 1;
          let sample = '';
          response.on('data', (chunk: Buffer) => {
            if (sample.length < 200) sample += chunk.toString('utf8');
          });
          response.on('end', () => {
            if (status >= 500 && failures.length < 10)
              failures.push(`${status} ${item.method} ${item.path} → ${sample.slice(0, 160)}`);
            resolve();
          });
          response.on('error', () => resolve());
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 30 s')));
      outgoing.on('error', (error) => {
        statuses['0'] = (statuses['0'] ?? 0) + 1;
        if (failures.length < 10) failures.push(`transport: ${error.message} on ${item.path}`);
        resolve();
      });
      outgoing.end(item.body);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = requests[next++]; item; item = requests[next++]) {
        if (performance.now() > deadline) return;
        sent++;
        await send(item);
      }
    }),
  );
  agent.destroy();
  const health = await fetch(new URL('/health', target)).catch(() => undefined);
  await health?.arrayBuffer();
  return {
    sent,
    statuses,
    fiveXx: Object.entries(statuses)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, n]) => sum + n, 0),
    transportErrors: statuses['0'] ?? 0,
    failures,
    healthyAfter: health?.status === 200,
    seconds: (performance.now() - started) / 1000,
  };
}
