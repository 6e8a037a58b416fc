import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the emulator reads (Gemini inline data can be large). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Reads the whole request body as UTF-8 text. */
export function readBodyText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
    request.once('close', () => {
      if (!request.complete) reject(new Error('the client went away before sending its body'));
    });
  });
}

/** A parsed body: JSON, a form object, nothing, or text that failed to parse. */
export type ParsedBody =
  { kind: 'empty' } | { kind: 'value'; value: unknown } | { kind: 'invalid' };

/**
 * Parses a body as JSON, or as form data when `acceptForm` is set (the token endpoint) and the
 * content type says so.
 */
export function parseBody(
  text: string,
  contentType: string | undefined,
  acceptForm: boolean,
): ParsedBody {
  if (text.trim() === '') return { kind: 'empty' };
  if (acceptForm && (contentType ?? '').includes('application/x-www-form-urlencoded')) {
    return { kind: 'value', value: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { kind: 'value', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid' };
  }
}

/** Headers Google's front end (ESF) sends with every JSON answer. */
const GOOGLE_HEADERS: Record<string, string> = {
  vary: 'Origin, X-Origin, Referer',
  server: 'ESF',
  'x-xss-protection': '0',
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
};

/** Sends a JSON body (Google's content type and headers). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...GOOGLE_HEADERS,
    ...headers,
  });
  response.end(text);
}

/** Writes the head of a streamed answer. */
export function startStream(response: ServerResponse, sse: boolean): void {
  response.writeHead(200, {
    'content-type': sse ? 'text/event-stream' : 'application/json; charset=UTF-8',
    'content-disposition': 'attachment',
    ...GOOGLE_HEADERS,
  });
}

/**
 * Resolves after `ms` milliseconds, or as soon as `signal` aborts (never rejects). Zero waits
 * nothing, so fast paths stay synchronous.
 */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Writes a chunk and waits for `drain` when the socket buffer is full (or the client left). */
export function writeChunk(
  response: ServerResponse,
  chunk: string,
  signal: AbortSignal,
): Promise<void> {
  if (response.write(chunk) || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    response.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
