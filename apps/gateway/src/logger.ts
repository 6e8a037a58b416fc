import type { Writable } from 'node:stream';
import safeStringify from 'safe-stable-stringify';
import { createLogger as createWinstonLogger, format, type Logger } from 'winston';
import TransportStream from 'winston-transport';
import { redactUrls } from './redact-urls';

const MESSAGE = Symbol.for('message');

const SECRET_KEYS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-goog-api-key',
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'id_token',
  'client_secret',
  'clientsecret',
  'password',
  'api_key',
  'apikey',
  'key',
  'token',
]);

/**
 * Secrets known at run time (the gateway password, loaded refresh tokens, every access token
 * issued). Any occurrence in a log line is replaced, whatever field it hides in.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private readonly slots = new Map<string, string[]>();

  /** Registers a secret; values shorter than 6 characters are ignored (too many false hits). */
  add(value: string | undefined | null): void {
    if (value && value.length >= 6) this.values.add(value);
  }

  /**
   * Registers the current value of a secret that is replaced over time (an account's access
   * token, refreshed hourly). The current and the previous value (still valid for the minutes
   * after an early refresh) stay registered; older ones are dropped, so months of refreshes do
   * not pile up thousands of values that every log line is searched for.
   */
  set(slot: string, value: string | undefined | null): void {
    if (!value || value.length < 6) return;
    const kept = this.slots.get(slot) ?? [];
    if (kept.at(-1) === value) return;
    kept.push(value);
    this.values.add(value);
    while (kept.length > 2) {
      const dropped = kept.shift();
      if (dropped !== undefined && !kept.includes(dropped)) this.values.delete(dropped);
    }
    this.slots.set(slot, kept);
  }

  /** How many values are registered. */
  get size(): number {
    return this.values.size;
  }

  /** Replaces every registered secret in `text` with `***`. */
  redact(text: string): string {
    let out = text;
    for (const value of this.values) {
      if (out.includes(value)) out = out.split(value).join('***');
    }
    return out;
  }
}

/**
 * `value` with every secret-named key (at any depth, case-insensitive) replaced by `***`. Returns
 * `value` itself when nothing needs replacing, so the common flat entry allocates nothing.
 */
function redactKeys(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const redacted = redactKeys(item, depth + 1);
      if (redacted !== item) (copy ??= [...value])[index] = redacted;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const redacted = SECRET_KEYS.has(key.toLowerCase()) ? '***' : redactKeys(item, depth + 1);
    if (redacted !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return copy ?? value;
}

/**
 * JSON of a log entry or value; circular references and BigInts fall back to a safe serialiser.
 * Undefined for what JSON has no form for (undefined, a function).
 */
function serialize(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) as string | undefined;
  } catch {
    return safeStringify(value);
  }
}

/** Per field name: `"name":` as JSON, or undefined for a secret's name (cached: few names ever reach the log). */
const fieldHeads = new Map<string, string | undefined>();
function fieldHead(key: string): string | undefined {
  let head = fieldHeads.get(key);
  if (head === undefined && !fieldHeads.has(key)) {
    head = SECRET_KEYS.has(key.toLowerCase()) ? undefined : `${JSON.stringify(key)}:`;
    if (fieldHeads.size < 1000) fieldHeads.set(key, head);
  }
  return head;
}

/** A field's value as JSON, as `JSON.stringify` would write it in an object (undefined: left out). */
function fieldJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      return serialize(redactKeys(value));
  }
}

/**
 * `new Date().toISOString()`, with the part up to the second built once per second: the access
 * log stamps a line per request.
 */
let stampedSecond = Number.NaN;
let secondPrefix = '';
function isoNow(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== stampedSecond) {
    stampedSecond = second;
    secondPrefix = new Date(second * 1000).toISOString().slice(0, -4);
  }
  return `${secondPrefix}${String(now - second * 1000).padStart(3, '0')}Z`;
}

/**
 * The whole line in one step: timestamp, level and message first, then the entry's fields, each
 * written as `JSON.stringify` would (secret keys redacted at any depth), then the userinfo and
 * query values of URLs hidden, and every registered secret value replaced wherever it ended up. (One format instead of winston's timestamp + json
 * chain, and fields written one by one instead of copied into a new object and serialised: the
 * access log writes a line per request, see docs/performance.md.)
 */
function jsonLine(secrets: SecretRegistry) {
  return format((info) => {
    const entry = info as Record<string, unknown>;
    const message = serialize(entry['message']);
    let line =
      `{"timestamp":"${isoNow()}","level":${JSON.stringify(entry['level'])}` +
      (message === undefined ? '' : `,"message":${message}`);
    for (const key of Object.keys(entry)) {
      if (key === 'level' || key === 'message' || key === 'timestamp') continue;
      const head = fieldHead(key);
      if (head === undefined) {
        line += `,${JSON.stringify(key)}:"***"`;
        continue;
      }
      const json = fieldJson(entry[key]);
      if (json !== undefined) line += `,${head}${json}`;
    }
    (info as unknown as Record<symbol, unknown>)[MESSAGE] = secrets.redact(redactUrls(`${line}}`));
    return info;
  })();
}

/** Writes each finished line to a stream, nothing else (no per-line timer or event). */
class LineTransport extends TransportStream {
  constructor(private readonly out: Writable) {
    super();
  }

  override log(info: unknown, next: () => void): void {
    this.out.write(`${(info as Record<symbol, string>)[MESSAGE]}\n`);
    next();
  }
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level: string;
  secrets: SecretRegistry;
  /** Where JSON lines go (default stdout); tests pass a capture stream. */
  stream?: Writable;
}

/**
 * Builds the gateway's logger: one JSON line per entry with a timestamp, secrets redacted by key
 * (authorization, tokens, passwords …) and by known value in the final line.
 */
export function createLogger({ level, secrets, stream }: LoggerOptions): Logger {
  return createWinstonLogger({
    level,
    format: format.combine(format.errors({ stack: true }), jsonLine(secrets)),
    transports: [new LineTransport(stream ?? process.stdout)],
  });
}
